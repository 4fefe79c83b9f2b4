import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { E2E } from "../../playwright.config";

export const SERVER_URL = `http://localhost:${E2E.port}`;
/** A site on another origin than Parley, as every real host page is. */
export const HOST_ORIGIN = "http://shop.example.test";

const snippet = () =>
  readFileSync(new URL("../../packages/messenger/dist/snippet.min.js", import.meta.url), "utf8").split("http://localhost:8787").join(SERVER_URL);

export function userHash(identifier: string): string {
  return createHmac("sha256", E2E.identitySecret).update(identifier).digest("hex");
}

/** A signed-in customer nobody else in the run uses. */
export function newCustomer(name = "Grace Hopper") {
  const id = `e2e-${randomUUID().slice(0, 8)}`;
  return { user_id: id, name, email: `${id}@example.com`, user_hash: userHash(id) };
}

/**
 * Opens a host page on another origin that installs the Messenger the way a site owner does:
 * `intercomSettings`, then the pasted snippet. `before` is the page's own script, run first.
 */
export async function openHostPage(page: Page, settings: Record<string, unknown>, options: { before?: string; body?: string } = {}) {
  const html = `<!doctype html><html><head><title>Shop</title></head><body>
<h1>Example shop</h1>${options.body ?? ""}
<script>${options.before ?? ""}</script>
<script>window.intercomSettings = ${JSON.stringify({ app_id: E2E.appId, ...settings })};</script>
<script>${snippet()}</script>
</body></html>`;
  await page.route(`${HOST_ORIGIN}/**`, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await page.goto(`${HOST_ORIGIN}/`);
}
