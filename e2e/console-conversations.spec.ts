import { expect, test } from "@playwright/test";
import { expectAccessible, openScreen, signIn } from "./support/console";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";

test("an owner reads, under each AI turn, what the AI decided and what the workflow did, and what the customer did on the site", async ({ page, browser }) => {
  const customer = newCustomer("Dorothy Vaughan");
  const shop = await browser.newPage();
  await openHostPage(shop, customer, { body: `<script>Intercom('trackEvent', 'viewed-pricing', { plan: 'pro' });</script>` });
  const chat = messenger(shop);
  await chat.open();
  await chat.send("Which payment methods do you accept?");
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
  await chat.button("Talk to a person").click();
  await expect(chat.log.getByText(/team/i).last()).toBeVisible();
  await shop.close();

  await signIn(page);
  await openScreen(page, "Conversations");
  await expect(page.getByRole("button", { name: "Dorothy Vaughan" }).first()).toBeVisible();
  // The list itself, before any transcript is open.
  await expectAccessible(page);
  await page.getByRole("button", { name: "Dorothy Vaughan" }).first().click();
  await expect(page.getByRole("heading", { name: "Dorothy Vaughan" })).toBeVisible();

  const decided = page.getByRole("list", { name: "What was decided" });
  const answered = decided.getByRole("listitem").filter({ hasText: "Answered from the help center" });
  await expect(answered).toContainText(/confidence \d+% · cited: Payment methods/);
  const handedOff = decided.getByRole("listitem").filter({ hasText: "Handed off to the team" });
  await expect(handedOff).toContainText("the customer asked for a person");
  await expect(handedOff).toContainText("as a Zendesk ticket");
  await expect(handedOff.getByRole("link", { name: /Open ticket #\d+ in Zendesk/ })).toBeVisible();
  await expect(handedOff).toContainText("The customer asked for a person; the AI agent handed the conversation to the team.");

  const activity = page.getByRole("region", { name: "What the customer did on your site" });
  await expect(activity.getByRole("row").filter({ hasText: "viewed-pricing" })).toContainText("plan: pro");
  await expectAccessible(page);
});
