import { expect, test } from "@playwright/test";
import { messenger } from "./support/messenger";
import { commentsOf, ticketFor, userOf, ZENDESK_URL } from "./support/zendesk";

// The story from the README: the demo page, an AI answer with its source, a hand-off to Zendesk
// and an agent's reply coming back — every link of the chain, in a real browser.
test("a customer on the demo page gets a cited answer, is handed off, and sees the agent's reply within a second", async ({ page, context }) => {
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto("/");

  const chat = messenger(page);
  await expect(chat.launcher).toBeVisible();
  const box = await chat.launcher.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.x > viewport.width / 2 && box.y > viewport.height / 2).toBe(true); // bottom-right

  await chat.open();
  await expect(chat.closer).toBeVisible();
  await chat.send("How do I reset my password?");
  await expect(chat.log.getByText("How do I reset my password?")).toBeVisible();
  const source = chat.log.getByRole("link", { name: "Resetting your password and managing your account" });
  await expect(source).toBeVisible();
  await expect(source).toHaveAttribute("href", /\/help\/reset-your-password$/);
  await expect(chat.log.getByText(/Forgot password/).first()).toBeVisible();

  const question = "Can I bring my dog to your store in Berlin?";
  await chat.send(question);
  await expect(chat.log.getByText(/passed your question to the team/)).toBeVisible();

  const ada = (user: { external_id: string | null }) => user.external_id === "demo-ada";
  // Handed off: routed to the team and open (the poll fails the test if it never gets there).
  const ticket = await ticketFor(ada, (t) => t.tags.includes("fin-routed-to-team") && t.status === "open");
  expect(ticket.tags).toContain("intercom-messenger");
  const requester = await userOf(ticket.requester_id);
  expect(requester).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com", external_id: "demo-ada" });
  const comments = await commentsOf(ticket.id);
  expect(comments.some((comment) => comment.public && comment.body === question)).toBe(true);

  const agent = await context.newPage();
  await agent.goto(`${ZENDESK_URL}/agent/tickets/${ticket.id}`);
  const reply = `Hi Ada, dogs are welcome in Berlin! (${Date.now()})`;
  await agent.getByRole("textbox", { name: "Reply" }).fill(reply);
  await agent.getByRole("button", { name: "Send reply" }).click();

  await expect(chat.log.getByText(reply)).toBeVisible({ timeout: 1_000 });
  expect(errors).toEqual([]);
});
