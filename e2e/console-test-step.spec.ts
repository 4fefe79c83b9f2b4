import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { expectAccessible, openScreen, signIn } from "./support/console";
import { newCustomer, openHostPage } from "./support/host-page";
import { launcherShows, messenger } from "./support/messenger";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// The Test step of an owner who has not gone live and has no articles yet: a Parley of its own,
// started with PARLEY_LIVE=false and an empty knowledge folder (test mode hides the Messenger).
let own: OwnParley;
let knowledge = "";
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  knowledge = mkdtempSync(join(tmpdir(), "parley-e2e-knowledge-"));
  own = await startOwnParley({ PARLEY_ADMIN_TOKEN: E2E.adminToken, PARLEY_LIVE: "false", PARLEY_KNOWLEDGE_DIR: knowledge });
});
test.afterAll(async () => {
  await own?.stop();
  rmSync(knowledge, { recursive: true, force: true });
});

test("the Ready checklist says what is missing, leads to it, and turns done; a new test link retires the old one; a page of the owner's site gets its own test link", async ({ page, browser }) => {
  test.setTimeout(60_000);
  await signIn(page, own.url);
  await openScreen(page, "Test");
  const ready = page.getByRole("region", { name: "Ready?" });
  await expect(ready.getByRole("listitem")).toHaveText([/No help-center articles yet/, /The built-in workflow is live/, /Zendesk connected/]);
  await expectAccessible(page);

  // The missing item leads to its screen; one article later it is done.
  await ready.getByRole("link", { name: "No help-center articles yet" }).click();
  await expect(page.getByRole("heading", { name: "Knowledge", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "New article" }).click();
  await page.getByLabel("Title").fill("Opening hours");
  await page.getByLabel("Address customers read it at").fill("/help/opening-hours");
  await page.getByLabel("Article (Markdown)").fill("We are open Monday to Friday, 9:00 to 17:00.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await openScreen(page, "Test");
  await expect(ready.getByRole("listitem").first()).toHaveText(/1 help-center articles? loaded/);

  // The test link shows the Messenger in test mode; a new one retires it.
  const testMode = page.getByRole("region", { name: "Live test mode" });
  const demoLink = testMode.getByRole("link", { name: /parley_test=/ }).first();
  const oldLink = (await demoLink.getAttribute("href")) ?? "";
  expect(oldLink).toContain(`${own.url}/?parley_test=`);
  expect(await launcherShows(browser, oldLink)).toBe(true);
  page.once("dialog", (dialog) => void dialog.accept());
  await testMode.getByRole("button", { name: "New test link" }).click();
  await expect(testMode.getByRole("status")).toHaveText("A new test link is ready; the old one no longer works.");
  await expect(demoLink).not.toHaveAttribute("href", oldLink);
  const newLink = (await demoLink.getAttribute("href")) ?? "";
  expect(await launcherShows(browser, oldLink)).toBe(false);
  expect(await launcherShows(browser, newLink)).toBe(true);

  // A page of the owner's own site (another origin, with the snippet) opened with its test link.
  const shop = await browser.newPage();
  await openHostPage(shop, newCustomer("Evelyn Boyd"), { serverUrl: own.url });
  const shopPage = shop.url();
  await expect(messenger(shop).launcher).toBeHidden();
  await shop.close();
  await testMode.getByLabel("A page of your site").fill(shopPage);
  const custom = testMode.getByRole("paragraph").filter({ hasText: "Test link:" }).getByRole("link");
  await expect(custom).toHaveText(`${shopPage}?parley_test=${new URL(newLink).searchParams.get("parley_test")}`);
  expect(await launcherShows(browser, (await custom.getAttribute("href")) ?? "")).toBe(true);
  await testMode.getByLabel("A page of your site").fill("not an address");
  await expect(custom).toHaveCount(0);
  await expectAccessible(page);
});

test("Validate your setup in Zendesk flags a requester whose external_id no longer matches the user_id", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, own.url);
  await openScreen(page, "Test");
  const check = page.getByRole("form", { name: "Validate your setup in Zendesk" });
  await check.getByLabel("User ID").fill("Owner-9");
  await check.getByLabel("Email").fill("owner9@example.com");
  await check.getByRole("button", { name: "Start test conversation" }).click();
  await expect(check.getByRole("status").filter({ hasText: "requester" })).toHaveText("Zendesk's requester is the user you expected.", { timeout: 30_000 });
  await expect(check.getByRole("row").filter({ hasText: "external_id" }).getByRole("cell")).toHaveText(["owner-9", "owner-9"]);

  // In Zendesk, the requester now carries another external id (another integration, an agent's edit).
  const changed = await fetch(`${own.simUrl}/api/v2/users/create_or_update.json`, {
    method: "POST",
    headers: { Authorization: `Basic ${Buffer.from("agent@sim.zendesk.test/token:sim-token").toString("base64")}`, "Content-Type": "application/json" },
    body: JSON.stringify({ user: { email: "owner9@example.com", external_id: "crm-7731" } }),
  });
  expect(changed.ok).toBe(true);
  await check.getByRole("button", { name: "Check again" }).click();
  await expect(check.getByRole("status").filter({ hasText: "Mismatch" })).toContainText("Zendesk's requester has another external_id than expected");
  const row = check.getByRole("row").filter({ hasText: "external_id" });
  await expect(row.getByRole("cell")).toHaveText(["owner-9", "crm-7731"]);
  await expect(row).toHaveClass(/row--mismatch/);
  await expect(check.getByRole("row").filter({ hasText: "Email" })).not.toHaveClass(/row--mismatch/);
  await expectAccessible(page);
});
