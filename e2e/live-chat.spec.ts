import { expect, test } from "@playwright/test";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// Live hand-off needs PARLEY_HANDOFF_MODE=live, so this spec runs a Parley (and its simulator) of its own.
let own: OwnParley;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  own = await startOwnParley({ PARLEY_HANDOFF_MODE: "live" });
});
test.afterAll(async () => {
  await own?.stop();
});

test("live chat: the hand-off reaches the agent workspace, the agent and the customer talk, and the agent's solving gives the conversation back to the AI", async ({ page, context }) => {
  test.setTimeout(60_000);
  const customer = newCustomer("Ada Lovelace");
  await openHostPage(page, customer, { serverUrl: own.url });
  const chat = messenger(page);
  await chat.open();
  await chat.send("Can I bring my dog to your store?");
  await expect(chat.log.getByText(/passed your question to the team/)).toBeVisible();

  // The agent opens the live chat in the agent workspace: the transcript is there.
  const agent = await context.newPage();
  const link = agent.getByRole("table", { name: "Live chats" }).getByRole("link", { name: "Ada Lovelace" });
  await expect
    .poll(async () => {
      await agent.goto(`${own.simUrl}/agent/conversations`);
      return link.count();
    }, { timeout: 10_000 })
    .toBeGreaterThan(0);
  await link.first().click();
  const messages = agent.getByRole("list", { name: "Messages" });
  await expect(messages.getByText("Can I bring my dog to your store?")).toBeVisible();
  await expect(agent.getByRole("complementary", { name: "Conversation details" })).toContainText("Agent workspace");

  await agent.getByRole("textbox", { name: "Reply" }).fill("Hi Ada, dogs on a leash are welcome!");
  await agent.getByRole("button", { name: "Send reply" }).click();

  // The reply appears in the Messenger, as the agent's.
  await expect(chat.log.getByText("Hi Ada, dogs on a leash are welcome!")).toBeVisible({ timeout: 10_000 });
  await expect(chat.log.getByText("Alex", { exact: true })).toBeVisible();

  // The customer answers; the agent sees it (the agent page refreshes itself).
  await chat.send("Great! Even a big one?");
  await expect(messages.getByText("Great! Even a big one?")).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: test.info().outputPath("messenger-live-chat.png") });
  await agent.screenshot({ path: test.info().outputPath("agent-live-chat.png"), fullPage: true });

  // The agent solves: control goes back, and the agent workspace no longer has the conversation.
  await agent.getByRole("button", { name: "Solve and hand back" }).click();
  await expect(agent.getByRole("complementary", { name: "Conversation details" })).toContainText("Nobody (released)");
  await expect(agent.getByRole("button", { name: "Send reply" })).toHaveCount(0);

  // The Messenger tells the customer the AI is back, and the AI answers the next question, citing its source.
  await expect(chat.log.getByText(/The team has handed this conversation back to me/)).toBeVisible({ timeout: 10_000 });
  await chat.send("How do I reset my password?");
  await expect(chat.log.getByRole("link", { name: /Resetting your password/ })).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: test.info().outputPath("messenger-back-with-ai.png") });
  // The question went to the AI, not to the agent workspace.
  await agent.reload();
  await expect(messages.getByText("How do I reset my password?")).toHaveCount(0);
});
