import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { E2E } from "../../playwright.config";

export const SERVER_URL = `http://localhost:${E2E.port}`;

/** The paste-in snippet (the built one), pointing at `serverUrl`. */
export const snippet = (serverUrl = SERVER_URL) =>
  readFileSync(new URL("../../packages/messenger/dist/snippet.min.js", import.meta.url), "utf8").split("http://localhost:8787").join(serverUrl);

export function userHash(identifier: string): string {
  return createHmac("sha256", E2E.identitySecret).update(identifier).digest("hex");
}

/** An `intercom_user_jwt` for `userId`, as a site's server signs it (HS256 with the identity secret, an hour to live). */
export function userJwt(userId: string): string {
  const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${segment({ alg: "HS256", typ: "JWT" })}.${segment({ user_id: userId, exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${unsigned}.${createHmac("sha256", E2E.identitySecret).update(unsigned).digest("base64url")}`;
}

/** A signed-in customer nobody else in the run uses. */
export function newCustomer(name = "Grace Hopper") {
  const id = `e2e-${randomUUID().slice(0, 8)}`;
  return { user_id: id, name, email: `${id}@example.com`, user_hash: userHash(id) };
}

// Host pages are served by a real HTTP server on another origin than Parley (127.0.0.1 vs
// localhost), as every real site is. (Chromium refuses a page it did not fetch from the network
// access to loopback, so routed pages would not do.)
const pages = new Map<string, { html: string; headers: Record<string, string> }>();
let hostServer: Promise<{ server: Server; origin: string }> | undefined;

function hostOrigin(): Promise<string> {
  hostServer ??= new Promise((resolve) => {
    const server = createServer((request, response) => {
      // By path: a page opened with a query (a test link's parley_test) is the same page.
      const served = pages.get(new URL(request.url ?? "/", "http://host").pathname);
      response.writeHead(served ? 200 : 404, { "Content-Type": "text/html; charset=utf-8", ...served?.headers });
      response.end(served?.html ?? "not found");
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
 * `body` is the page's own markup, placed after the snippet. `serverUrl` is the Parley it installs
 * (the run's server by default).
 */
export async function openHostPage(
  page: Page,
  settings: Record<string, unknown>,
  options: { before?: string; body?: string; /** Another Parley than the run's own (e.g. one started with other settings). */ serverUrl?: string } = {},
) {
  return openPage(page, hostPageHtml(settings, options));
}

/** The HTML of a host page that installs the Messenger (see openHostPage), for a spec that serves it from an origin of its own. */
export function hostPageHtml(settings: Record<string, unknown>, options: { before?: string; body?: string; serverUrl?: string } = {}): string {
  return `<!doctype html><html><head><title>Shop</title></head><body>
<h1>Example shop</h1>
<script>${options.before ?? ""}</script>
<script>window.intercomSettings = ${JSON.stringify({ app_id: E2E.appId, ...settings })};</script>
<script>${snippet(options.serverUrl)}</script>
${options.body ?? ""}
</body></html>`;
}

/**
 * Opens a page of our own HTML on the host origin, served with `headers` (e.g. a
 * Content-Security-Policy) besides its Content-Type; returns that origin.
 */
export async function openPage(page: Page, html: string, headers: Record<string, string> = {}) {
  const path = `/shop-${randomUUID()}`;
  pages.set(path, { html, headers });
  const origin = await hostOrigin();
  await page.goto(`${origin}${path}`);
  return origin;
}
