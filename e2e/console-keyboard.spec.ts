import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { expectAccessible, openScreen, signIn } from "./support/console";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// A Parley of its own: connecting Zendesk and changing the hand-off change what the run's other specs rely on.
let own: OwnParley;
test.beforeAll(async () => {
  own = await startOwnParley({ PARLEY_ADMIN_TOKEN: E2E.adminToken });
});
test.afterAll(async () => {
  await own?.stop();
});

test("an owner connects Zendesk and chooses the hand-off with the keyboard alone", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, own.url);
  await openScreen(page, "Connect Zendesk");

  // The Zendesk API form: Tab from field to field, Enter connects; a wrong token is named at its field.
  const support = page.getByRole("form", { name: /Zendesk API/ });
  await support.getByLabel("Subdomain").focus();
  await page.keyboard.type("sim");
  await page.keyboard.press("Tab");
  await expect(support.getByLabel("Agent email")).toBeFocused();
  await page.keyboard.type("agent@sim.zendesk.test");
  await page.keyboard.press("Tab");
  await expect(support.getByLabel("API token")).toBeFocused();
  await page.keyboard.type("not-the-token");
  await page.keyboard.press("Tab");
  await expect(support.getByLabel("Zendesk address (optional)")).toBeFocused();
  await page.keyboard.type(own.simUrl);
  await page.keyboard.press("Enter");
  await expect(support.getByRole("alert")).toBeVisible();
  await expect(support.getByLabel("API token")).toHaveAttribute("aria-invalid", "true");
  await support.getByLabel("API token").focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("sim-token");
  await page.keyboard.press("Enter");
  await expect(support.getByRole("status")).toContainText("Connected to sim as");

  // The hand-off: arrow keys move between the choices; office hours appear for "by situation".
  const handoff = page.getByRole("form", { name: "Hand-off" });
  const ticket = handoff.getByLabel(/Create Zendesk ticket/);
  await expect(ticket).toBeChecked();
  await ticket.focus();
  await page.keyboard.press("ArrowDown");
  await expect(handoff.getByLabel(/Determined by situation/)).toBeChecked();
  await expect(handoff.getByLabel(/Determined by situation/)).toBeFocused();
  await page.keyboard.press("Tab");
  const zone = handoff.getByLabel("Time zone");
  await expect(zone).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Mars/Olympus");
  await page.keyboard.press("Tab");
  await expect(handoff.getByRole("group", { name: "Opening hours 1" }).getByLabel("Mon")).toBeFocused();
  const save = handoff.getByRole("button", { name: "Save hand-off" });
  await save.focus();
  await page.keyboard.press("Enter");
  await expect(handoff.getByRole("alert")).toContainText("not an IANA time zone");
  await zone.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Europe/Paris");
  await save.focus();
  await page.keyboard.press("Space");
  await expect(handoff.getByRole("status").filter({ hasText: "Saved" })).toContainText(/workflow version \d+ is live/);
  await expectAccessible(page);
});

test("by keyboard, a skip link reaches the screen, and each screen opened takes the focus to its heading and names the tab", async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveTitle("Setup · Parley console");
  // Signed in: the focus is on the setup home's heading, not lost on the page.
  await expect(page.getByRole("heading", { name: "Set up your Messenger", level: 1 })).toBeFocused();

  // On a page load, the first Tab offers to skip the navigation; following it lands in the screen.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Set up your Messenger", level: 1 })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the screen" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Set up your Messenger", level: 1 })).toBeFocused();

  // A screen opened from the navigation: the focus moves to its heading, and the next Tab is in the screen.
  const nav = page.getByRole("navigation", { name: "Console" });
  await nav.getByRole("link", { name: /^Go live/ }).focus();
  await page.keyboard.press("Enter");
  const heading = page.getByRole("heading", { name: "Go live", level: 1 });
  await expect(heading).toBeFocused();
  await expect(page).toHaveTitle("Go live · Parley console");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("main").getByRole("button", { name: /Go live|Back to test mode/ })).toBeFocused();

  // From a step on the setup home, the same.
  await nav.getByRole("link", { name: "Setup" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Set up your Messenger", level: 1 })).toBeFocused();
  await page.getByRole("main").getByRole("link", { name: /Install the Messenger|Get the code/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Install the Messenger", level: 1 })).toBeFocused();
  await expect(page).toHaveTitle("Install the Messenger · Parley console");
  await expectAccessible(page);
});

test("by keyboard, opening an article or a new one, and going back, keep the focus: on the heading of what is shown now", async ({ page }) => {
  await signIn(page);
  await openScreen(page, "Knowledge");
  const list = page.getByRole("heading", { name: "Knowledge", level: 1 });
  await expect(list).toBeVisible();

  await page.getByRole("button", { name: "Payment methods" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Payment methods", level: 1 })).toBeFocused();
  await page.getByRole("button", { name: "Back" }).focus();
  await page.keyboard.press("Enter");
  await expect(list).toBeFocused();

  await page.getByRole("button", { name: "New article" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "New article", level: 1 })).toBeFocused();
  // The next Tab is the editor's first field, not the top of the page.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("main").getByRole("textbox").first()).toBeFocused();
  await page.getByRole("button", { name: "Cancel" }).focus();
  await page.keyboard.press("Enter");
  await expect(list).toBeFocused();
});

test("by keyboard, a button pressed keeps the focus while the server answers: Go live and back, Connect", async ({ page }) => {
  await signIn(page, own.url);
  await openScreen(page, "Go live");
  const main = page.getByRole("main");
  await main.getByRole("button", { name: "Back to test mode" }).focus();
  await page.keyboard.press("Enter");
  await expect(main.getByRole("status").filter({ hasText: "Back in test mode" })).toBeVisible();
  await expect(main.getByRole("button", { name: "Go live" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(main.getByRole("status").filter({ hasText: "Your Messenger is live" })).toBeVisible();
  await expect(main.getByRole("button", { name: "Back to test mode" })).toBeFocused();

  await openScreen(page, "Connect Zendesk");
  const live = page.getByRole("form", { name: /Conversations API/ });
  await live.getByLabel("Subdomain").fill("sim");
  await live.getByLabel("App ID").fill("sim-app");
  await live.getByLabel("Key ID").fill("sim-key");
  await live.getByLabel("Secret").fill("not-the-secret");
  await live.getByLabel("Conversations API address (optional)").fill(own.simUrl);
  await live.getByRole("button", { name: "Connect" }).focus();
  await page.keyboard.press("Enter");
  await expect(live.getByLabel("Secret")).toHaveAttribute("aria-invalid", "true");
  await expect(live.getByRole("button", { name: "Connect" })).toBeFocused();
});
