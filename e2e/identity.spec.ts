import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { identitySettings } from "./support/console";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// Identity verification in a real browser. Switching enforcement on (or listing trusted sites)
// would refuse other specs' pages, so this file runs its own Parley on free ports.
const ADMIN = "e2e-identity-admin-token";

let parley: OwnParley;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  parley = await startOwnParley({ PARLEY_ADMIN_TOKEN: ADMIN });
});

test.afterAll(async () => {
  await parley?.stop();
});

async function setEnforcement(enforce: boolean) {
  const response = await fetch(`${parley.url}/admin/api/identity/enforcement`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ enforce }),
  });
  expect(response.status).toBe(200);
}

/** The page collects what the Messenger tells it: console messages and onError callbacks. */
const REPORTS = `window.parleyErrors = [];`;
const ON_ERROR = `<script>Intercom("onError", function (error) { window.parleyErrors.push(error); });</script>`;

async function startConversation(page: Page, text: string): Promise<string> {
  const chat = messenger(page);
  await chat.open();
  const started = page.waitForResponse((response) => response.url().endsWith("/conversations") && response.request().method() === "POST");
  await chat.send(text);
  const body = (await (await started).json()) as { conversation: { id: string } };
  await expect(chat.log.getByText(text)).toBeVisible();
  return body.conversation.id;
}

test("with enforcement on, a page without the hash is refused and says so; with the hash it works; another user's conversation is not there", async ({ page }) => {
  await setEnforcement(true);
  const ada = newCustomer("Ada Lovelace");
  const logs: string[] = [];
  page.on("console", (message) => logs.push(`${message.type()}: ${message.text()}`));

  // The user's id without its hash: refused, in the console, to the page's callback, and in the Messenger.
  const { user_hash: _hash, ...unproven } = ada;
  await openHostPage(page, unproven, { before: REPORTS, body: ON_ERROR, serverUrl: parley.url });
  await expect.poll(() => page.evaluate(() => (window as unknown as { parleyErrors: { code: string; status: number }[] }).parleyErrors)).toEqual([
    expect.objectContaining({ status: 401, code: "identity_verification_required" }),
  ]);
  expect(logs.some((line) => line.startsWith("error:") && /\[Parley\].*identity verification is required/.test(line))).toBe(true);
  const chat = messenger(page);
  await chat.open();
  await expect(chat.panel.getByRole("alert")).toContainText("We couldn't start the chat");
  await expect(chat.composer).toBeDisabled();

  // With the hash the same user gets in and talks.
  await openHostPage(page, ada, { before: REPORTS, body: ON_ERROR, serverUrl: parley.url });
  const adasConversation = await startConversation(page, "My order number is 4417");
  expect(await page.evaluate(() => (window as unknown as { parleyErrors: unknown[] }).parleyErrors)).toEqual([]);

  // Another verified user, asking for Ada's conversation from their own session: it does not exist.
  const grace = newCustomer("Grace Hopper");
  await openHostPage(page, grace, { serverUrl: parley.url });
  const status = await page.evaluate(
    async ({ server, appId, user, conversationId }) => {
      const ping = await fetch(`${server}/v1/apps/${appId}/ping`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ visitor_id: "visitor-grace-e2e", user }),
      });
      const { session } = (await ping.json()) as { session: { token: string } };
      const read = await fetch(`${server}/v1/apps/${appId}/conversations/${conversationId}`, { headers: { Authorization: `Bearer ${session.token}` } });
      return read.status;
    },
    { server: parley.url, appId: E2E.appId, user: grace, conversationId: adasConversation },
  );
  expect(status).toBe(404);
  await setEnforcement(false);
});

test("with enforcement off, an unverified page naming a verified user sees none of their conversations, and the console says why", async ({ page }) => {
  await setEnforcement(false);
  const ada = newCustomer("Ada Lovelace");
  await openHostPage(page, ada, { serverUrl: parley.url });
  await startConversation(page, "Please keep my card ending 4242 on file");

  const logs: string[] = [];
  page.on("console", (message) => logs.push(`${message.type()}: ${message.text()}`));
  const { user_hash: _hash, ...impostor } = ada;
  await page.context().clearCookies();
  await page.evaluate(() => localStorage.clear());
  await openHostPage(page, { ...impostor, name: "Mallory" }, { serverUrl: parley.url });
  const chat = messenger(page);
  await chat.open();
  await expect(chat.composer).toBeEnabled();
  await expect(chat.log.getByText(/4242/)).toHaveCount(0);
  await expect.poll(() => logs.find((line) => line.startsWith("warning:") && line.includes("[Parley]") && line.includes("verified before"))).toBeTruthy();
});

test("after shutdown, a different user on the same browser never sees the previous user's conversations", async ({ page }) => {
  const ada = newCustomer("Ada Lovelace");
  const grace = newCustomer("Grace Hopper");
  await openHostPage(page, ada, { serverUrl: parley.url });
  await startConversation(page, "Ada's private question about invoice 981");

  // The site signs Ada out and Grace in, on the same page and browser, as a single-page app does.
  await page.evaluate((next) => {
    const intercom = (window as unknown as { Intercom: (command: string, settings?: unknown) => void }).Intercom;
    intercom("shutdown");
    intercom("boot", { app_id: "demo", ...next });
  }, grace);
  const chat = messenger(page);
  await chat.open();
  await expect(chat.composer).toBeEnabled();
  await expect(page.getByText(/invoice 981/)).toHaveCount(0);

  // And a visitor who signs in nowhere after the shutdown sees nothing of either.
  await page.evaluate(() => {
    const intercom = (window as unknown as { Intercom: (command: string, settings?: unknown) => void }).Intercom;
    intercom("shutdown");
    intercom("boot", { app_id: "demo" });
  });
  await messenger(page).open();
  await expect(messenger(page).composer).toBeEnabled();
  await expect(page.getByText(/invoice 981/)).toHaveCount(0);
});

async function setMerging(merge: boolean) {
  const response = await fetch(`${parley.url}/admin/api/identity/merging`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ merge }),
  });
  expect(response.status).toBe(200);
}

test("a visitor who signs in keeps the conversation they started only when the owner allows merging", async ({ page }) => {
  for (const merge of [false, true]) {
    await setMerging(merge);
    await page.goto("about:blank");
    await page.context().clearCookies();
    const grace = newCustomer("Grace Hopper");
    const question = `Do you ship to Oslo? (${merge ? "merging on" : "merging off"})`;
    // Grace browses the shop without signing in, asks, then signs in on the same browser.
    await openHostPage(page, {}, { serverUrl: parley.url });
    await startConversation(page, question);
    await openHostPage(page, grace, { serverUrl: parley.url });
    const chat = messenger(page);
    await chat.open();
    await expect(chat.composer.or(chat.panel.getByRole("button", { name: "Send us a message" }))).toBeVisible();
    if (merge) await expect(chat.panel.getByText(question).first()).toBeVisible();
    else await expect(chat.panel.getByText(question)).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath(`signed-in-merging-${merge ? "on" : "off"}.png`) });
    await page.evaluate(() => localStorage.clear());
  }
  await setMerging(false);
});

test("the console's installation check shows the site the Messenger was seen on, verified, and its switch enforces verification", async ({ page }) => {
  const origin = await openHostPage(page, newCustomer("Ada Lovelace"), { serverUrl: parley.url });
  await expect(messenger(page).launcher).toBeVisible();
  await expect.poll(async () => (await (await fetch(`${parley.url}/admin/api/installation`, { headers: { Authorization: `Bearer ${ADMIN}` } })).json()).origins.length).toBeGreaterThan(0);

  await signInToInstall(page);
  await expect(page.getByRole("row").filter({ hasText: origin })).toContainText("✓ Verified");

  // The switch in the console reaches the server: a page naming a user without proof is refused.
  const enforce = page.getByRole("switch", { name: "Enforce identity verification" });
  await enforce.check();
  await expect(enforce).toBeChecked();
  const ping = () =>
    fetch(`${parley.url}/v1/apps/${E2E.appId}/ping`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ visitor_id: "visitor-console-e2e", user: { user_id: "someone" } }),
    });
  // The switch shows the press at once; the server follows as soon as it has stored it (every
  // instance within 10 seconds, as the console says).
  await expect.poll(async () => (await ping()).status, { timeout: 12_000 }).toBe(401);
  await enforce.uncheck();
  await expect(enforce).not.toBeChecked();
  await expect.poll(async () => (await ping()).status, { timeout: 12_000 }).toBe(200);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);
});

async function signInToInstall(page: Page, server = parley.url) {
  await page.goto(`${server}/admin/`);
  await page.getByLabel("Admin token").fill(ADMIN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Install the Messenger" }).click();
}

/** A ping as a page on `origin` sends it: what the server answers a site it does not trust. */
const pingFrom = (origin: string) =>
  fetch(`${parley.url}/v1/apps/${E2E.appId}/ping`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: JSON.stringify({ visitor_id: "visitor-origins-e2e", user: {} }),
  });

test("the console's trusted sites, by keyboard: a refused origin is named with the server's reason, a list shuts other sites out, and any site can be allowed again", async ({ page, browser }) => {
  // A host page, the console and an accessibility scan: 22–25 s on a 2-core machine, 33 s once.
  test.setTimeout(60_000);
  const shop = await browser.newPage();
  const hostOrigin = await openHostPage(shop, newCustomer("Ada Lovelace"), { serverUrl: parley.url });
  await expect(messenger(shop).launcher).toBeVisible();
  await shop.close();

  await signInToInstall(page);
  const sites = page.getByRole("group", { name: "Trusted sites" });
  await expect(sites).toContainText("Any site can run the Messenger now.");
  const field = sites.getByRole("textbox", { name: "Site to trust" });

  // From the merging switch, the next stop of the keyboard is the field.
  await page.getByRole("switch", { name: "Merge earlier unverified contacts into verified users" }).focus();
  await page.keyboard.press("Tab");
  await expect(field).toBeFocused();
  await page.keyboard.type(`${hostOrigin}/shop`);
  await page.keyboard.press("Enter");
  await expect(sites.getByRole("alert")).toHaveText(
    `“${hostOrigin}/shop” was refused: an origin such as https://shop.example.com or https://*.example.com (no path).`,
  );
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveValue(`${hostOrigin}/shop`);
  await expect(field).toBeFocused();
  expect((await pingFrom(hostOrigin)).status).toBe(200);

  // Another site only: this one is shut out.
  await field.fill("");
  await page.keyboard.type("https://Shop.Example.com/");
  await page.keyboard.press("Enter");
  const list = sites.getByRole("list", { name: "Trusted sites" });
  // Kept as the server keeps it: lower case, without the trailing slash.
  await expect(list.getByRole("listitem").locator("code")).toHaveText(["https://shop.example.com"]);
  await expect(sites.getByRole("status")).toHaveText("Only https://shop.example.com can run the Messenger now: every other site is refused.");
  await expect(sites.getByRole("alert")).toHaveCount(0);
  const refused = await pingFrom(hostOrigin);
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("origin_not_allowed");

  // Listed too, it gets in again; then the other one is removed with the keyboard.
  await page.keyboard.type(hostOrigin);
  await page.keyboard.press("Enter");
  await expect(list.getByRole("listitem")).toHaveCount(2);
  expect((await pingFrom(hostOrigin)).status).toBe(200);
  await sites.getByRole("button", { name: "Remove https://shop.example.com" }).focus();
  await page.keyboard.press("Enter");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list).toContainText(hostOrigin);
  await expect(sites.getByRole("status")).toHaveText("https://shop.example.com was removed: it gets no Messenger now.");
  await expect(field).toBeFocused();
  expect((await pingFrom("https://shop.example.com")).status).toBe(403);

  await page.screenshot({ path: test.info().outputPath("trusted-sites.png"), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  await sites.getByRole("button", { name: "Allow any site" }).click();
  await expect(sites).toContainText("Any site can run the Messenger now.");
  expect((await pingFrom("https://shop.example.com")).status).toBe(200);
});

test("the console's merging switch, by keyboard, reaches the server, and is off again after", async ({ page }) => {
  const merging = async () => (await identitySettings(parley.url, ADMIN)).merge_unverified_contacts.enabled;
  await signInToInstall(page);
  const merge = page.getByRole("switch", { name: "Merge earlier unverified contacts into verified users" });
  await expect(merge).not.toBeChecked();
  await merge.focus();
  await page.keyboard.press("Space");
  await expect(merge).toBeChecked();
  await expect.poll(merging).toBe(true);
  await page.keyboard.press("Space");
  await expect(merge).not.toBeChecked();
  await expect.poll(merging).toBe(false);
});

test("settings the environment holds are shown in the console as held, naming their variables, with nothing to change", async ({ page }) => {
  const held = await startOwnParley({
    PARLEY_ADMIN_TOKEN: ADMIN,
    PARLEY_MERGE_UNVERIFIED_CONTACTS: "true",
    PARLEY_ALLOWED_ORIGINS: "https://shop.example.com,https://*.example.com",
  });
  try {
    await signInToInstall(page, held.url);
    const merge = page.getByRole("switch", { name: "Merge earlier unverified contacts into verified users" });
    await expect(merge).toBeChecked();
    await expect(merge).toBeDisabled();
    await expect(page.getByText("Held on by PARLEY_MERGE_UNVERIFIED_CONTACTS on the server")).toBeVisible();

    const sites = page.getByRole("group", { name: "Trusted sites" });
    await expect(sites.getByRole("list", { name: "Trusted sites" }).locator("code")).toHaveText(["https://shop.example.com", "https://*.example.com"]);
    await expect(sites).toContainText("Held by PARLEY_ALLOWED_ORIGINS on the server");
    await expect(sites.getByRole("textbox")).toHaveCount(0);
    await expect(sites.getByRole("button")).toHaveCount(0);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);
  } finally {
    await held.stop();
  }
});
