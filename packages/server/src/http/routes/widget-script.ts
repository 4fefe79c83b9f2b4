import { Hono } from "hono";
import type { Config } from "../../config";
import { type AppLaunch, TEST_LINK_PARAMETER } from "../../launch/app-launch";
import { loaderScript, testLinkRefusedScript, testModeLoaderScript, type WidgetAssets } from "../../widget/assets";
import { prepareBody, type PreparedBody, scriptResponse } from "../../widget/prepared";
import { ApiError } from "../errors";

/**
 * Loaders kept ready per public address. Without PARLEY_PUBLIC_URL the address comes from each
 * request's Host, so the cache is bounded: an unknown host costs one compression, never memory.
 */
const MAX_LOADERS = 16;

type LoaderKind = "messenger" | "test_mode" | "test_link_refused";

/**
 * GET /widget/{app_id} (the loader, with this server's address baked in) and its assets. While the
 * app is in test mode the loader starts the Messenger only on pages opened with the test link:
 * `?test=<token>` answers the real loader for the right token.
 */
export function widgetScript(deps: { config: Config; widget: WidgetAssets; launch: AppLaunch }): Hono {
  const { config, widget } = deps;
  const routes = new Hono();
  const loaders = new Map<string, PreparedBody>();

  routes.get("/assets/:file", async (c) => {
    const content = await widget.preparedAsset(c.req.param("file"));
    if (!content) throw new ApiError(404, "not_found", "No such Messenger asset.");
    return scriptResponse(
      content,
      { acceptEncoding: c.req.header("Accept-Encoding"), ifNoneMatch: c.req.header("If-None-Match") },
      "public, max-age=31536000, immutable",
    );
  });

  routes.get("/:appId", async (c) => {
    const appId = c.req.param("appId");
    if (appId !== config.app.id) throw new ApiError(404, "app_not_found", `No Messenger app has the id "${appId}".`);
    // The script names the address it was fetched from. With PARLEY_PUBLIC_URL that is fixed and the
    // script may sit in shared caches; otherwise it comes from the Host header, which a client can
    // forge, so only the browser may keep it (a shared cache must never hand a forged address to others).
    const base = config.publicUrl ?? requestOrigin(c.req.url);
    const kind = await loaderKind(c.req.query("test"));
    const key = `${kind} ${base}`;
    let loader = loaders.get(key);
    if (!loader) {
      const script =
        kind === "messenger"
          ? loaderScript(base, appId, await widget.entryFile())
          : kind === "test_mode"
            ? testModeLoaderScript(base, appId, TEST_LINK_PARAMETER)
            : testLinkRefusedScript(appId);
      loader = prepareBody(script);
      if (loaders.size >= MAX_LOADERS) loaders.delete(loaders.keys().next().value ?? "");
      loaders.set(key, loader);
    }
    const response = scriptResponse(
      loader,
      { acceptEncoding: c.req.header("Accept-Encoding"), ifNoneMatch: c.req.header("If-None-Match") },
      // Revalidated on every page load (a 304 by ETag): "Go live" and "Back to test mode" reach the
      // next page a customer opens, as does a new build. A test link's answer is the tester's alone.
      c.req.query("test") === undefined ? `${config.publicUrl ? "public" : "private"}, no-cache` : "private, no-store",
    );
    response.headers.set("X-Content-Type-Options", "nosniff");
    if (config.publicUrl === null) response.headers.set("Vary", "Accept-Encoding, Host");
    return response;
  });

  async function loaderKind(testToken: string | undefined): Promise<LoaderKind> {
    if ((await deps.launch.state()).live) return "messenger";
    if (testToken === undefined) return "test_mode";
    return (await deps.launch.testLinkValid(testToken)) ? "messenger" : "test_link_refused";
  }

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
