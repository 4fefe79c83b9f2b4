import { Hono } from "hono";
import type { ConsoleAssets } from "../../admin/console-assets";

// The console runs only its own scripts and talks only to this server; no one may frame it.
const HEADERS = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
};

/** The admin console at /admin (a single page; its API is /admin/api). */
export function adminConsole(deps: { console: ConsoleAssets }): Hono {
  const routes = new Hono();
  const page = async () => {
    const html = await deps.console.page();
    if (html === null) {
      return new Response('The admin console is not built: run "npm run build".', {
        status: 503,
        headers: { ...HEADERS, "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    return new Response(new Uint8Array(html), { headers: { ...HEADERS, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" } });
  };
  routes.get("/", page);
  routes.get("/assets/:file", async (c) => {
    const asset = await deps.console.asset(c.req.param("file"));
    if (asset === null) return c.notFound();
    // File names carry a content hash: a new build is a new name.
    return new Response(new Uint8Array(asset.body), {
      headers: { ...HEADERS, "Content-Type": asset.type, "Cache-Control": "public, max-age=31536000, immutable" },
    });
  });
  return routes;
}
