import { expect, test } from "@playwright/test";
import { randomInt } from "node:crypto";
import { renderBlock } from "../packages/shopify/src/render-block";
import { E2E } from "../playwright.config";
import { openPage, SERVER_URL } from "./support/host-page";
import { messenger } from "./support/messenger";
import { ticketFor } from "./support/zendesk";

// A storefront page as Shopify renders it with the Parley app embed switched on.
async function storefront(customer: { id: number; email: string; name: string } | null) {
  const block = await renderBlock({
    block: { settings: { server_url: `${SERVER_URL}/`, app_id: E2E.appId, identify_customers: true, identity_secret: E2E.identitySecret } },
    customer,
  });
  return `<!doctype html><html><head><title>Acme storefront</title></head><body><h1>Trail shoes</h1>${block}</body></html>`;
}

test("a logged-in Shopify customer chats as themselves: the hash Liquid computed is accepted", async ({ page }) => {
  const customer = { id: randomInt(1e9, 2e9), email: `shopper-${randomInt(1e6)}@example.com`, name: "Sam Shopper" };
  await openPage(page, await storefront(customer));
  const chat = messenger(page);
  await chat.open();
  await chat.send("Can I bring my dog to your store?");
  await expect(chat.log.getByText(/passed this to the team|passed your question to the team/)).toBeVisible();

  // A wrong user_hash is always refused, so a ticket under the customer's id proves the Liquid HMAC right.
  const ticket = await ticketFor((user) => user.external_id === String(customer.id));
  expect(ticket.tags).toContain("intercom-messenger");
});

test("a guest on the storefront gets the Messenger as an anonymous visitor", async ({ page }) => {
  await openPage(page, await storefront(null));
  const chat = messenger(page);
  await chat.open();
  await chat.send("Which payment methods do you accept?");
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
});
