import { Hono } from "hono";
import type { Article } from "../../agent";
import type { Config } from "../../config";
import { helpArticlePage, helpIndexPage } from "../../demo/help";
import { demoPage, serverHomePage } from "../../demo/page";
import type { WidgetAssets } from "../../widget/assets";
import { demoPageHeaders, helpPageHeaders } from "../../security/headers";
import { ApiError } from "../errors";
import { publicBase } from "../public-url";

/** The demo host page at / and the help center at /help that the AI agent cites. */
export function demoRoutes(deps: { config: Config; widget: WidgetAssets; articles: () => readonly Article[] }): Hono {
  const { config, widget } = deps;
  const routes = new Hono();

  routes.get("/", async (c) => {
    if (!config.demoPage) {
      return c.html(serverHomePage(config.app.name), 200, helpPageHeaders());
    }
    const snippet = await widget.snippet();
    const base = publicBase(c, config);
    const { nonce, headers } = demoPageHeaders(new URL(base).origin);
    const zendesk = config.zendesk?.baseUrl;
    const local = zendesk !== undefined && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(zendesk);
    return c.html(
      demoPage({
        appId: config.app.id,
        appName: config.app.name,
        base,
        nonce,
        snippet,
        identitySecret: config.identity.secret,
        signedIn: c.req.query("as") !== "visitor",
        agentPageUrl: local ? `${zendesk.replace("127.0.0.1", new URL(c.req.url).hostname)}/agent` : null,
      }),
      200,
      headers,
    );
  });

  routes.get("/help", (c) => c.html(helpIndexPage(config.app.name, deps.articles()), 200, helpPageHeaders()));

  routes.get("/help/:id", (c) => {
    const article = deps.articles().find((candidate) => candidate.id === c.req.param("id"));
    if (!article) throw new ApiError(404, "not_found", "No help article has that id.");
    return c.html(helpArticlePage(config.app.name, article), 200, helpPageHeaders());
  });

  return routes;
}
