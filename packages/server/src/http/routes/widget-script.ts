import { Hono } from "hono";
import type { Config } from "../../config";
import { loaderScript, type WidgetAssets } from "../../widget/assets";
import { ApiError } from "../errors";

/** GET /widget/{app_id} (the loader, with this server's address baked in) and its assets. */
export function widgetScript(deps: { config: Config; widget: WidgetAssets }): Hono {
  const { config, widget } = deps;
  const routes = new Hono();

  routes.get("/assets/:file", async (c) => {
    const content = await widget.asset(c.req.param("file"));
    if (!content) throw new ApiError(404, "not_found", "No such Messenger asset.");
    return c.body(new Uint8Array(content), 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
      "Access-Control-Allow-Origin": "*",
    });
  });

  routes.get("/:appId", async (c) => {
    const appId = c.req.param("appId");
    if (appId !== config.app.id) throw new ApiError(404, "app_not_found", `No Messenger app has the id "${appId}".`);
    const entry = await widget.entryFile();
    // The script names the address it was fetched from. With PARLEY_PUBLIC_URL that is fixed and the
    // script may sit in shared caches; otherwise it comes from the Host header, which a client can
    // forge, so only the browser may keep it (a shared cache must never hand a forged address to others).
    const base = config.publicUrl ?? requestOrigin(c.req.url);
    return c.body(loaderScript(base, appId, entry), 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": config.publicUrl ? "public, max-age=300" : "private, max-age=300",
      ...(config.publicUrl === null && { Vary: "Host" }),
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    });
  });

  return routes;
}

/** The request's origin, refused when its Host is not a plain host name or address with an optional port. */
function requestOrigin(url: string): string {
  const { protocol, host } = new URL(url);
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]{1,253})(:\d{1,5})?$/i.test(host)) {
    throw new ApiError(400, "invalid_request", "The Host header is not a valid host name.");
  }
  return `${protocol}//${host}`;
}
