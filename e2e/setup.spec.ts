import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { launcherShows, messenger } from "./support/messenger";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// An owner's first run, in the console: test mode, the test link, "Go live", the hand-off choice
// and the Zendesk check. Test mode hides the Messenger from every page and the hand-off choice
// changes the live workflow, so this file runs its own Parley (and simulator), started with
// PARLEY_LIVE=false as an owner who wants to try before customers see it.
const ADMIN = "e2e-setup-admin-token";

let own: OwnParley | undefined;
let base = "";
let sim = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  own = await startOwnParley({ PARLEY_ADMIN_TOKEN: ADMIN, PARLEY_LIVE: "false" });
  base = own.url;
  sim = own.simUrl;
});

test.afterAll(() => own?.stop());

/** axe-core finds no serious or critical problem on the page as it is now. */
async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const severe = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(severe.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

async function signIn(page: Page) {
  await page.goto(`${base}/admin/`);
  await page.getByLabel("Admin token").fill(ADMIN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Set up your Messenger" })).toBeVisible();
}

async function openScreen(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name }).click();
}

const sim500s = (on: boolean) =>
  fetch(`${sim}/__sim/faults`, {
    method: on ? "POST" : "DELETE",
    ...(on && { headers: { "Content-Type": "application/json" }, body: JSON.stringify({ status: 500, count: 1000, method: "POST", path: "api/v2/tickets.json" }) }),
  });

const setMultiConversations = (on: boolean) =>
  fetch(`${sim}/__sim/conversations/settings`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ multiConvoEnabled: on }) });

test("started with PARLEY_LIVE=false, the Messenger shows only with the test link; Go live shows it to everyone, and back to test mode hides it", async ({ page, browser }) => {
  // Three pages and two switches: 17 s on a quiet 2-core machine, over 30 s on a loaded one.
  test.setTimeout(60_000);
  await signIn(page);
  const goLive = page.getByRole("main").getByRole("listitem").filter({ hasText: "Go live" });
  await expect(goLive).toContainText("Not done");
  await expect(goLive).toContainText("Test mode");
  await expectNoSeriousViolations(page);

  // The Test step, reached by keyboard from the home.
  await page.getByRole("main").getByRole("link", { name: "Test it" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Test", exact: true })).toBeVisible();
  const testMode = page.getByRole("region", { name: "Live test mode" });
  await expect(testMode).toContainText("customers do not see the Messenger");
  const testLink = (await testMode.getByRole("link", { name: /parley_test=/ }).first().getAttribute("href")) ?? "";
  expect(testLink).toMatch(new RegExp(`^${base}/\\?parley_test=`));
  await expectNoSeriousViolations(page);

  expect(await launcherShows(browser, `${base}/`)).toBe(false);
  expect(await launcherShows(browser, testLink)).toBe(true);

  // The test link is kept for the tab: the owner browses on without it.
  const tester = await browser.newContext();
  const tab = await tester.newPage();
  await tab.goto(testLink);
  await expect(messenger(tab).launcher).toBeVisible();
  await tab.goto(`${base}/`);
  await expect(messenger(tab).launcher).toBeVisible();
  await tester.close();

  await openScreen(page, "Go live");
  await page.getByRole("button", { name: "Go live" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your Messenger is live" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Live");
  expect(await launcherShows(browser, `${base}/`)).toBe(true);
  await expectNoSeriousViolations(page);

  // Reversible: back in test mode, a visitor without the link sees nothing again.
  await page.getByRole("button", { name: "Back to test mode" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Back in test mode" })).toBeVisible();
  expect(await launcherShows(browser, `${base}/`)).toBe(false);
});

test("the hand-off choice: live chat is refused while multiple conversations are off; by situation, with office hours, is set live", async ({ page }) => {
  // Two console screens and several saves: 28–30 s on a 2-core machine, 32 s once.
  test.setTimeout(60_000);
  await signIn(page);
  await openScreen(page, "Connect Zendesk");
  await setMultiConversations(false);
  try {
    const conversations = page.getByRole("form", { name: /Conversations API/ });
    await conversations.getByLabel("Subdomain").fill("sim");
    await conversations.getByLabel("App ID").fill("sim-app");
    await conversations.getByLabel("Key ID").fill("sim-key");
    await conversations.getByLabel("Secret").fill("sim-secret");
    await conversations.getByLabel("Conversations API address (optional)").fill(sim);
    await conversations.getByRole("button", { name: "Connect" }).click();
    await expect(conversations.getByRole("status")).toContainText("Multiple conversations are off");

    const handoff = page.getByRole("form", { name: "Hand-off" });
    await expect(handoff.getByText("Create Zendesk ticket")).toBeVisible();
    await expect(handoff.getByText("Needs the Zendesk API and the Conversations API").first()).toBeVisible();
    await expect(handoff.getByText(/not available yet: Multiple conversations are off/).first()).toBeVisible();
    await handoff.getByLabel(/Hand-off to Zendesk agent/).check();
    await handoff.getByRole("button", { name: "Save hand-off" }).click();
    await expect(handoff.getByRole("alert")).toContainText("multiple conversations");
    await expectNoSeriousViolations(page);

    await setMultiConversations(true);
    await conversations.getByRole("button", { name: "Refresh" }).click();
    await expect(conversations.getByRole("status")).toContainText("Live chat is ready");
    await expect(handoff.getByText(/not available yet/)).toHaveCount(0);

    await handoff.getByLabel(/Determined by situation/).check();
    const hours = handoff.getByRole("group", { name: "Office hours" });
    await hours.getByLabel("Time zone").fill("Europe/Berlinn");
    await hours.getByRole("group", { name: "Opening hours 1" }).getByLabel("Sat").check();
    await hours.getByLabel("Holiday (closed all day)").fill("2026-12-25");
    await hours.getByRole("button", { name: "Add holiday" }).click();
    await expect(hours.getByRole("list", { name: "Holidays" })).toContainText("2026-12-25");
    await handoff.getByRole("button", { name: "Save hand-off" }).click();
    await expect(handoff.getByRole("alert")).toContainText("not an IANA time zone");
    await hours.getByLabel("Time zone").fill("Europe/Berlin");
    await handoff.getByRole("button", { name: "Save hand-off" }).click();
    await expect(handoff.getByRole("status").filter({ hasText: "Saved" })).toContainText(/workflow version \d+ is live/);
    await expectNoSeriousViolations(page);

    // Kept in the workflow: the workflow screen's live version has it.
    await openScreen(page, "Build your workflow");
    await expect(page.getByLabel("Workflow (JSON)")).toHaveValue(/"mode": "situation"/);
    await expect(page.getByLabel("Workflow (JSON)")).toHaveValue(/"time_zone": "Europe\/Berlin"/);
  } finally {
    await setMultiConversations(true);
  }
});

test("validating the setup in Zendesk, with a failing ticket job retried from the outbox", async ({ page, context }) => {
  await sim500s(true);
  try {
    await signIn(page);
    await openScreen(page, "Test");
    const check = page.getByRole("form", { name: "Validate your setup in Zendesk" });
    await check.getByLabel("User ID").fill("Owner-7");
    await check.getByLabel("Email").fill("owner7@example.com");
    await check.getByRole("button", { name: "Start test conversation" }).click();
    await expect(check.getByRole("status")).toContainText("Waiting for Zendesk");

    // In another tab: the ticket job waits after Zendesk's 500s; once Zendesk is well, "Retry" runs it now.
    const outbox = await context.newPage();
    await signIn(outbox);
    await openScreen(outbox, "Outbox");
    await outbox.getByLabel("Show").selectOption({ label: "Waiting" });
    const job = outbox.getByRole("row").filter({ hasText: "Create the Zendesk ticket" });
    // Between two attempts (not while one runs), the job shows Zendesk's last answer and "Retry" runs
    // it now (while an attempt runs, the server says so and the owner clicks again).
    await expect(async () => {
      await outbox.getByRole("button", { name: "Refresh" }).click();
      await expect(job).toContainText("answered 500", { timeout: 500 });
      await job.getByRole("button", { name: /^Retry job/ }).click({ timeout: 500 });
      await expect(outbox.getByRole("status").filter({ hasText: "will run again now" })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 25_000 });
    // Zendesk is well again: the attempt running now (or the next) makes the ticket.
    await sim500s(false);
    await expectNoSeriousViolations(outbox);

    await expect(check.getByRole("status").filter({ hasText: "requester" })).toHaveText("Zendesk's requester is the user you expected.", { timeout: 20_000 });
    const external = check.getByRole("row").filter({ hasText: "external_id" });
    await expect(external.getByRole("cell")).toHaveText(["owner-7", "owner-7"]);
    await expect(check.getByRole("link", { name: /Zendesk ticket #\d+/ })).toBeVisible();
    await expectNoSeriousViolations(page);

    await openScreen(page, "Setup");
    await expect(page.getByRole("main").getByRole("listitem").filter({ hasText: "Test" }).first()).toContainText("Done");
  } finally {
    await sim500s(false);
  }
});
