import { expect, type Page, test } from "@playwright/test";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// PARLEY_HANDOFF_MODE=situation: within office hours (weekdays 9:00–17:00 in the server's time
// zone, UTC here) the team takes over in a live chat, outside them as a ticket. Each side runs a
// Parley of its own whose clock (and its simulator's) starts at a chosen hour: PARLEY_FAKE_CLOCK_START.
const situation = (clockStart: string) => ({ PARLEY_HANDOFF_MODE: "situation", TZ: "UTC", PARLEY_FAKE_CLOCK_START: clockStart });
const QUESTION = "Can I bring my dog to your store?";

/** The customer asks what the help center does not cover, and is handed to the team. */
async function handedOff(page: Page, own: OwnParley, name: string) {
  const customer = newCustomer(name);
  await openHostPage(page, customer, { serverUrl: own.url });
  const chat = messenger(page);
  await chat.open();
  await chat.send(QUESTION);
  await expect(chat.log.getByText(/passed your question to the team/)).toBeVisible({ timeout: 10_000 });
  return chat;
}

/** The agent opens the customer's ticket from the simulator's ticket list. */
async function openTicket(agent: Page, own: OwnParley) {
  const link = agent.getByRole("table", { name: "Tickets" }).getByRole("link", { name: `Messenger: ${QUESTION}` });
  await expect
    .poll(async () => {
      await agent.goto(`${own.simUrl}/agent`);
      return link.count();
    }, { timeout: 10_000 })
    .toBeGreaterThan(0);
  await link.first().click();
  return agent.getByRole("list", { name: "Comments" });
}

test.describe("within office hours (Monday 10:00)", () => {
  let own: OwnParley;
  test.beforeAll(async () => {
    own = await startOwnParley(situation("2026-11-30T10:00:00Z"));
  });
  test.afterAll(async () => {
    await own?.stop();
  });

  test("the hand-off is a live chat: the agent answers in the agent workspace, and the ticket says office hours chose it", async ({ page, context }) => {
    test.setTimeout(60_000);
    const chat = await handedOff(page, own, "Ada Lovelace");

    const agent = await context.newPage();
    const link = agent.getByRole("table", { name: "Live chats" }).getByRole("link", { name: "Ada Lovelace" });
    await expect
      .poll(async () => {
        await agent.goto(`${own.simUrl}/agent/conversations`);
        return link.count();
      }, { timeout: 10_000 })
      .toBeGreaterThan(0);
    await link.first().click();
    await expect(agent.getByRole("list", { name: "Messages" }).getByText(QUESTION)).toBeVisible();
    await agent.getByRole("textbox", { name: "Reply" }).fill("Hi Ada, dogs on a leash are welcome!");
    await agent.getByRole("button", { name: "Send reply" }).click();
    await expect(chat.log.getByText("Hi Ada, dogs on a leash are welcome!")).toBeVisible({ timeout: 10_000 });

    const comments = await openTicket(agent, own);
    await expect(comments.getByText(/Hand-off mode: live chat \(within office hours\)/)).toBeVisible();
  });
});

test.describe("outside office hours (Saturday 10:00)", () => {
  let own: OwnParley;
  test.beforeAll(async () => {
    own = await startOwnParley(situation("2026-11-28T10:00:00Z"));
  });
  test.afterAll(async () => {
    await own?.stop();
  });

  test("the hand-off is a ticket, with no live chat; the agent's reply on the ticket reaches the Messenger", async ({ page, context }) => {
    test.setTimeout(60_000);
    const chat = await handedOff(page, own, "Grace Hopper");

    const agent = await context.newPage();
    const comments = await openTicket(agent, own);
    await expect(comments.getByText(/Hand-off mode: ticket \(outside office hours\)/)).toBeVisible();
    await agent.getByRole("textbox", { name: "Reply" }).fill("Hi Grace, dogs on a leash are welcome!");
    await agent.getByRole("button", { name: "Send reply" }).click();
    // The simulator signs its webhook with the same fake clock, so Parley takes it as fresh.
    await expect(chat.log.getByText("Hi Grace, dogs on a leash are welcome!")).toBeVisible({ timeout: 10_000 });

    await agent.goto(`${own.simUrl}/agent/conversations`);
    await expect(agent.getByRole("link", { name: "Grace Hopper" })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath("messenger-after-hours-ticket.png") });
  });
});
