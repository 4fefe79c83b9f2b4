import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { E2E } from "../../playwright.config";

export const SERVER_URL = `http://localhost:${E2E.port}`;

const snippet = (server: string) =>
  readFileSync(new URL("../../packages/messenger/dist/snippet.min.js", import.meta.url), "utf8").split("http://localhost:8787").join(server);

export function userHash(identifier: string): string {
  return createHmac("sha256", E2E.identitySecret).update(identifier).digest("hex");
}

/** A signed-in customer nobody else in the run uses. */
export function newCustomer(name = "Grace Hopper") {
  const id = `e2e-${randomUUID().slice(0, 8)}`;
  return { user_id: id, name, email: `${id}@example.com`, user_hash: userHash(id) };
}

// Host pages are served by a real HTTP server on another origin than Parley (127.0.0.1 vs
// localhost), as every real site is. (Chromium refuses a page it did not fetch from the network
// access to loopback, so routed pages would not do.)
const pages = new Map<string, string>();
let hostServer: Promise<{ server: Server; origin: string }> | undefined;

function hostOrigin(): Promise<string> {
  hostServer ??= new Promise((resolve) => {
    const server = createServer((request, response) => {
      const html = pages.get(request.url ?? "");
      response.writeHead(html ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
      response.end(html ?? "not found");
    });
    server.listen(0, "127.0.0.1", () => {
      server.unref();
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
  return hostServer.then(({ origin }) => origin);
}

/**
 * Opens a host page on another origin that installs the Messenger the way a site owner does:
 * `intercomSettings`, then the pasted snippet. `before` is the page's own script, run first;
 * `body` is the page's own markup, placed after the snippet; `server` is the Parley the snippet
 * points at (default: the run's server).
 */
export async function openHostPage(page: Page, settings: Record<string, unknown>, options: { before?: string; body?: string; server?: string } = {}) {
  const html = `<!doctype html><html><head><title>Shop</title></head><body>
<h1>Example shop</h1>
<script>${options.before ?? ""}</script>
<script>window.intercomSettings = ${JSON.stringify({ app_id: E2E.appId, ...settings })};</script>
<script>${snippet(options.server ?? SERVER_URL)}</script>
${options.body ?? ""}
</body></html>`;
  const path = `/shop-${randomUUID()}`;
  pages.set(path, html);
  const origin = await hostOrigin();
  await page.goto(`${origin}${path}`);
  return origin;
}
