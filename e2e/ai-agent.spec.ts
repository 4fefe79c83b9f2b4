import { expect, test } from "@playwright/test";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";
import { commentsOf, ticketFor } from "./support/zendesk";

test("an ambiguous question offers the matching articles; pressing one answers from it, and a French question gets the French article", async ({ page }) => {
  await openHostPage(page, newCustomer());
  const chat = messenger(page);
  await chat.open();

  await chat.send("how do i check my balance");
  await expect(chat.log.getByText(/Which one do you mean/)).toBeVisible();
  await expect(chat.button("Trail Club points and rewards")).toBeVisible();
  await expect(chat.button("Talk to a person")).toBeVisible();
  await chat.button("Gift cards").click();
  const source = chat.log.getByRole("link", { name: "Gift cards" });
  await expect(source).toBeVisible();
  await expect(source).toHaveAttribute("href", /\/help\/gift-cards$/);
  await expect(chat.log.getByText(/balance/i).last()).toBeVisible();
  await expect(chat.button("That helped")).toBeVisible();

  await chat.send("Comment annuler ma commande ?");
  const french = chat.log.getByRole("link", { name: "Modifier ou annuler une commande" });
  await expect(french).toBeVisible();
  await expect(french).toHaveAttribute("href", /\/help\/change-or-cancel-an-order-fr$/);
  await expect(chat.log.getByText(/30 minutes/).last()).toBeVisible();
  // The reply's buttons speak French too.
  await expect(chat.button("Ça m'a aidé")).toBeVisible();
});

test("a question the AI is not sure enough to answer goes to the team with the closest article suggested, in the Messenger and on the ticket", async ({ page }) => {
  const customer = newCustomer();
  await openHostPage(page, customer);
  const chat = messenger(page);
  await chat.open();

  await chat.send("how much do you charge to patch a rip in a tent");
  await expect(chat.log.getByText(/the closest I found, in case it helps/)).toBeVisible();
  const suggestion = chat.log.getByRole("link", { name: "Product warranty and repairs" });
  await expect(suggestion).toHaveAttribute("href", /\/help\/warranty-and-repairs$/);
  await expect(chat.log.getByText(/passed your question to the team/)).toBeVisible();
  // No answer was given, so nothing asks whether it helped.
  await expect(chat.button("That helped")).toHaveCount(0);

  const ticket = await ticketFor((user) => user.external_id === customer.user_id, (t) => t.tags.includes("fin-routed-to-team") && t.status === "open");
  const comments = await commentsOf(ticket.id);
  expect(comments.some((comment) => comment.public && /closest I found[\s\S]*Product warranty and repairs: http/.test(comment.body))).toBe(true);
});

test("a message with nothing to look up gets asked for a few words more, and the answer reads them with it", async ({ page }) => {
  await openHostPage(page, newCustomer());
  const chat = messenger(page);
  await chat.open();

  await chat.send("how long does it take?");
  await expect(chat.log.getByText("Could you tell me a little more? A few words on what it is about will do.")).toBeVisible();
  // No article to offer: the only button is the way to a person.
  await expect(chat.button("Talk to a person")).toBeVisible();
  await expect(chat.log.getByText(/passed your question to the team/)).toHaveCount(0);

  await chat.send("my warranty repair");
  await expect(chat.log.getByRole("link", { name: "Product warranty and repairs" })).toBeVisible();
  await expect(chat.button("That helped")).toBeVisible();
});
