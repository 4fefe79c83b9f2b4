import { expect, test } from "@playwright/test";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";
import { commentsOf, ticketFor } from "./support/zendesk";

test('"Talk to a person" after an answer hands off and re-tags the ticket for the team', async ({ page }) => {
  const customer = newCustomer();
  await openHostPage(page, customer);
  const chat = messenger(page);
  await chat.open();
  await chat.send("How do I reset my password?");
  await expect(chat.log.getByRole("link", { name: "Resetting your password and managing your account" })).toBeVisible();

  const mine = (user: { external_id: string | null }) => user.external_id === customer.user_id;
  const solved = await ticketFor(mine, (t) => t.status === "solved");
  expect(solved.tags).toEqual(expect.arrayContaining(["intercom-messenger", "fin-involved", "fin-resolved", "fin-soft-resolution"]));
  const aiComment = (await commentsOf(solved.id)).find((comment) => comment.body.includes("Sources:"));
  expect(aiComment?.public).toBe(true);

  await chat.button("Talk to a person").click();
  await expect(chat.log.getByText(/passed this to the team/)).toBeVisible();
  const routed = await ticketFor(mine, (t) => t.tags.includes("fin-routed-to-team") && t.status === "open");
  expect(routed.tags).not.toContain("fin-resolved");
  expect(routed.tags).not.toContain("fin-soft-resolution");
  const note = (await commentsOf(routed.id)).at(-1);
  expect(note).toMatchObject({ public: false });
  expect(note?.body).toContain("How do I reset my password?");
});

test('"That helped" turns the soft resolution into a hard one', async ({ page }) => {
  const customer = newCustomer();
  await openHostPage(page, customer);
  const chat = messenger(page);
  await chat.open();
  await chat.send("Which payment methods do you accept?");
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
  await chat.button("That helped").click();
  await expect(chat.log.getByText(/glad that helped/)).toBeVisible();

  const mine = (user: { external_id: string | null }) => user.external_id === customer.user_id;
  const ticket = await ticketFor(mine, (t) => t.tags.includes("fin-hard-resolution"));
  expect(ticket.tags).not.toContain("fin-soft-resolution");
  expect(ticket.status).toBe("solved");
});

test("after a hand-off the customer can start a new conversation: the AI answers again and Zendesk gets a new ticket", async ({ page }) => {
  const customer = newCustomer();
  await openHostPage(page, customer);
  const chat = messenger(page);
  await chat.open();
  await chat.send("Can I bring my dog to your store?");
  await expect(chat.log.getByText(/passed your question to the team/)).toBeVisible();

  await chat.panel.getByRole("button", { name: "New conversation" }).click();
  await expect(chat.log.getByText("Can I bring my dog to your store?")).toHaveCount(0);
  await chat.send("How do I reset my password?");
  await expect(chat.log.getByRole("link", { name: /Resetting your password/ })).toBeVisible();

  const mine = (user: { external_id: string | null }) => user.external_id === customer.user_id;
  const answered = await ticketFor(mine, (t) => t.status === "solved");
  const routed = await ticketFor(mine, (t) => t.tags.includes("fin-routed-to-team"));
  expect(answered.id).not.toBe(routed.id);
  expect(answered.subject).toBe("Messenger: How do I reset my password?");
});
