import { Hono } from "hono";
import type { Config } from "../../config";
import { loaderScript, type WidgetAssets } from "../../widget/assets";
import { prepareBody, type PreparedBody, scriptResponse } from "../../widget/prepared";
import { ApiError } from "../errors";
import { publicBase } from "../public-url";

/**
 * Loaders kept ready per public address. Without PARLEY_PUBLIC_URL the address comes from each
 * request's Host, so the cache is bounded: an unknown host costs one compression, never memory.
 */
const MAX_LOADERS = 16;

/** GET /widget/{app_id} (the loader, with this server's address baked in) and its assets. */
export function widgetScript(deps: { config: Config; widget: WidgetAssets }): Hono {
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
    const base = publicBase(c, config);
    let loader = loaders.get(base);
    if (!loader) {
      loader = prepareBody(loaderScript(base, appId, await widget.entryFile()));
      if (loaders.size >= MAX_LOADERS) loaders.delete(loaders.keys().next().value ?? "");
      loaders.set(base, loader);
    }
    return scriptResponse(
      loader,
      { acceptEncoding: c.req.header("Accept-Encoding"), ifNoneMatch: c.req.header("If-None-Match") },
      // Short, so a new build reaches pages soon; the ETag makes the revalidation a 304.
      "public, max-age=300, stale-while-revalidate=86400",
    );
  });

  return routes;
}
