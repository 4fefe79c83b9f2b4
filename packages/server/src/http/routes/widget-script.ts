import { Hono } from "hono";
import type { Config } from "../../config";
import { loaderScript, type WidgetAssets } from "../../widget/assets";
import { ApiError } from "../errors";
import { publicBase } from "../public-url";

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
    return c.body(loaderScript(publicBase(c, config), appId, entry), 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    });
  });

  return routes;
}
