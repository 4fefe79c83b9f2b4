import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { expectAccessible, openScreen, signIn } from "./support/console";
import { hostPageHtml, userHash } from "./support/host-page";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// A Parley of its own, so the installation table lists only the sites this spec opens.
let own: OwnParley;
const sites: Server[] = [];
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  own = await startOwnParley({ PARLEY_ADMIN_TOKEN: E2E.adminToken });
});
test.afterAll(async () => {
  for (const site of sites) site.close();
  await own?.stop();
});

/** A site of its own origin serving one page that installs the Messenger with `settings`; returns the origin. */
async function site(settings: Record<string, unknown>): Promise<string> {
  const html = hostPageHtml(settings, { serverUrl: own.url });
  const server = createServer((_, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  sites.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Opens the site's page and waits for the Messenger's ping to be answered (refused or not). */
async function visit(page: Page, origin: string) {
  const ping = page.waitForResponse((response) => new URL(response.url()).pathname === `/v1/apps/${E2E.appId}/ping`);
  await page.goto(`${origin}/`);
  await ping;
}

test("Basic JavaScript, users or visitors, User ID or Email: the installation code and the server code follow each choice; Shopify shows its steps", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: own.url });
  await signIn(page, own.url);
  await openScreen(page, "Install the Messenger");
  const code = page.getByRole("group", { name: "Installation code" });
  const serverCode = page.getByRole("group", { name: "Server code signing the user" });
  const settings = page.getByRole("group", { name: "Messenger settings with user_hash" });

  // Basic JavaScript, chosen from the keyboard: the arrow keys move along the methods.
  await page.getByLabel("Code snippet").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByLabel("React")).toBeChecked();
  await page.getByLabel("Basic JavaScript").check();
  await expect(code).toContainText(`window.Intercom("boot", {`);
  await expect(code).toContainText(`app_id: "${E2E.appId}"`);
  await expect(code).toContainText(`user_id: "<the user's id>"`);
  await expect(code).toContainText("HMAC-SHA256 of the user id");
  await expect(code).toContainText(`${own.url}/widget/`);

  await page.getByLabel("Visitors without logins").check();
  await expect(code).not.toContainText("user_hash");
  await expect(code).not.toContainText("user_id");
  await page.getByLabel("Users with logins").check();
  await expect(code).toContainText("user_hash");

  // Identified by email: the page's settings leave user_id out, and the server signs the email.
  await expect(serverCode).toContainText("userId: user.id");
  await page.getByLabel("Email", { exact: true }).check();
  await expect(code).not.toContainText("user_id");
  await expect(code).toContainText("HMAC-SHA256 of the email");
  await expect(serverCode).toContainText("{ email: user.email }");
  await expect(serverCode).not.toContainText("userId: user.id");
  await expect(settings).toContainText(`email: "<the user's email>"`);
  await expect(settings).not.toContainText("user_id");
  await page.getByLabel("Your server's language").selectOption({ label: "Python" });
  await expect(serverCode).toContainText("email=user.email");
  await page.getByLabel("Email to check").fill("ada@example.com");
  await page.getByRole("button", { name: "Compute" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Expected" })).toContainText(userHash("ada@example.com"));
  await page.getByLabel("User ID", { exact: true }).check();
  await expect(serverCode).toContainText("user_id=str(user.id)");
  await expect(code).toContainText(`user_id: "<the user's id>"`);
  await expectAccessible(page);

  await page.getByLabel("Shopify").check();
  const shopify = page.getByRole("region", { name: "Shopify: the Parley Messenger app embed" });
  await expect(shopify.getByRole("group", { name: "Shopify CLI commands" })).toContainText("shopify app deploy");
  await expect(shopify).toContainText("App embeds");
  const paste = shopify.getByRole("group", { name: "Settings to paste" });
  await expect(paste).toContainText(`Parley server address: ${own.url}`);
  await paste.getByRole("button", { name: "Copy code" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`App ID: ${E2E.appId}`);
  await expect(shopify.getByRole("group", { name: "Store the identity secret in Shopify" })).toContainText("npx parley shopify-secret --shop");
  await expectAccessible(page);
});

test("the installation table shows each site's identity verification: verified, failing, not sent", async ({ page, browser }) => {
  const verified = await site({ user_id: "site-user-1", name: "Ada", user_hash: userHash("site-user-1") });
  const failing = await site({ user_id: "site-user-2", name: "Bob", user_hash: "0".repeat(64) });
  const notSent = await site({ user_id: "site-user-3", name: "Cy" });
  const visitor = await browser.newPage();
  for (const origin of [verified, failing, notSent]) await visit(visitor, origin);
  await visitor.close();

  await signIn(page, own.url);
  await openScreen(page, "Install the Messenger");
  await page.getByRole("button", { name: "Refresh" }).click();
  const table = page.getByRole("table", { name: "Sites where the Messenger was seen" });
  await expect(table.getByRole("row").filter({ hasText: verified })).toContainText("Verified");
  await expect(table.getByRole("row").filter({ hasText: failing })).toContainText("Failing: wrong user_hash");
  await expect(table.getByRole("row").filter({ hasText: failing })).toContainText("0 / 1 / 0 / 0");
  await expect(table.getByRole("row").filter({ hasText: notSent })).toContainText("Not sent: users without user_hash");
  await expect(table.getByRole("row").filter({ hasText: notSent })).toContainText("0 / 0 / 1 / 0");
  await expectAccessible(page);
});
