import { Hono } from "hono";
import type { Config } from "../../config";
import type { WidgetAssets } from "../../widget/assets";
import { requireAdminToken } from "../admin-auth";
import { publicBase } from "../public-url";

/** GET /admin/api/install: what the console's install step fills into the code it shows. */
export function adminInstall(deps: { config: Config; widget: WidgetAssets }): Hono {
  const { config, widget } = deps;
  const api = new Hono();
  api.use("*", requireAdminToken(config));
  api.get("/install", async (c) => {
    const base = publicBase(c, config);
    return c.json({ app_id: config.app.id, app_name: config.app.name, server_url: base, snippet: await widget.snippetFor(base) });
  });
  return api;
}
