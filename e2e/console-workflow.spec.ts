import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { expectAccessible, openScreen, signIn } from "./support/console";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// A Parley of its own: this spec sets a workflow live that the run's other specs must not see.
let own: OwnParley;
test.beforeAll(async () => {
  own = await startOwnParley({ PARLEY_ADMIN_TOKEN: E2E.adminToken });
});
test.afterAll(async () => {
  await own?.stop();
});

test("an owner edits the draft in the form: a bad value is named on Validate, the final hand-off is removed, saved and set live, and a customer still reaches the team", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, own.url);
  await openScreen(page, "Build your workflow");
  const live = page.getByRole("list", { name: "Live workflow steps" });
  const draft = page.getByRole("list", { name: "Draft workflow steps" });
  await expect(live.getByRole("listitem").filter({ hasText: "hands off to the team as a Zendesk ticket" })).toBeVisible();
  await expect(draft.getByRole("listitem").filter({ hasText: "hands off to the team" })).toBeVisible();

  // A bad value, typed and validated from the keyboard.
  const followUps = page.getByLabel("answer: Follow-up questions the AI answers (empty: no limit)");
  await followUps.focus();
  await page.keyboard.type("-1");
  await page.keyboard.press("Tab");
  await expect(page.getByText("unsaved changes")).toBeVisible();
  const validate = page.getByRole("button", { name: "Validate" });
  await validate.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert")).toContainText("The draft has 1 problem");
  await expect(page.getByRole("list", { name: "Problems in the draft" })).toContainText("follow_ups");
  await expect(followUps).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await followUps.fill("2");
  await followUps.blur();
  // Remove the final hand-off: nothing after the AI step, and the hand-off step goes.
  await page.getByLabel("answer: When the AI cannot help or the customer asks for a person").selectOption({ label: "Nothing after the AI: a customer who asks for a person gets a Zendesk ticket" });
  await page.getByRole("group", { name: "Step handoff" }).getByRole("button", { name: "Remove step handoff" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Answers only");
  await page.getByLabel("Name", { exact: true }).blur();
  await expect(draft.getByRole("listitem")).toHaveCount(1);
  await expect(draft).toContainText("the AI agent answers (up to 2 follow-ups); nothing after it");
  await expect(page.getByLabel("Workflow (JSON)")).toHaveValue(/"follow_ups": 2/);

  await validate.click();
  await expect(page.getByRole("status").filter({ hasText: "The draft is valid." })).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible();
  await page.getByRole("button", { name: "Set live" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is live" })).toContainText("Version 1 is live");
  await expect(page.getByRole("heading", { name: /^Live: Answers only/ })).toBeVisible();
  await expect(live).toContainText("nothing after it: a customer who asks for a person gets a Zendesk ticket");
  await expectAccessible(page);

  // A customer on that Parley is answered, asks for a person, and the team gets a ticket.
  const shop = await browser.newPage();
  await openHostPage(shop, newCustomer("Annie Easley"), { serverUrl: own.url });
  const chat = messenger(shop);
  await chat.open();
  await chat.send("Which payment methods do you accept?");
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
  await chat.button("Talk to a person").click();
  await expect(chat.log.getByText(/passed this to the team/)).toBeVisible();
  await shop.close();

  // Nothing to choose on the hand-off form while no step hands off; it says why and where to add one.
  await openScreen(page, "Connect Zendesk");
  const handoff = page.getByRole("form", { name: "Hand-off" });
  await expect(handoff).toContainText("Your live workflow has no hand-off step");
  await expect(handoff.getByRole("button", { name: "Save hand-off" })).toBeDisabled();
  await expect(handoff.getByLabel(/Hand-off to Zendesk agent/)).toBeDisabled();

  await openScreen(page, "Conversations");
  await page.getByRole("button", { name: "Annie Easley" }).click();
  await expect(page.getByRole("list", { name: "What was decided" }).getByRole("listitem").filter({ hasText: "Handed off to the team" })).toContainText(
    "the customer asked for a person · as a Zendesk ticket",
  );
});
