import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { newCustomer, openHostPage, SERVER_URL } from "./support/host-page";
import { messenger } from "./support/messenger";

interface OwnersEvent {
  event_name: string;
  metadata: Record<string, unknown>;
  contact: { id: string; user_id: string | null };
}

test("events a page tracks with Intercom('trackEvent') reach the owner's admin API under the customer who did them", async ({ page, request }) => {
  const customer = newCustomer("Katherine Johnson");
  const warnings: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "warning") warnings.push(message.text());
  });
  // Tracked right after the snippet, before the Messenger has loaded: the stub queues the calls.
  await openHostPage(page, customer, {
    body: `<script>
      Intercom('trackEvent', 'viewed-tent', { sku: 'TENT-2P', price: { amount: 34900, currency: 'eur' } });
      Intercom('trackEvent', 'bad-one', { nested: { too: { deep: 1 } } });
    </script>`,
  });
  await expect(messenger(page).launcher).toBeVisible();
  await page.evaluate(() => (window as unknown as { Intercom: (...args: unknown[]) => void }).Intercom("trackEvent", "added-to-cart", { quantity: 2 }));

  const auth = { Authorization: `Bearer ${E2E.adminToken}` };
  let mine: OwnersEvent[] = [];
  await expect
    .poll(async () => {
      const listed = (await (await request.get(`${SERVER_URL}/admin/api/events?limit=500`, { headers: auth })).json()) as { events: OwnersEvent[] };
      mine = listed.events.filter((event) => event.contact.user_id === customer.user_id);
      return mine.map((event) => event.event_name).sort();
    })
    .toEqual(["added-to-cart", "viewed-tent"]);
  expect(mine.find((event) => event.event_name === "viewed-tent")?.metadata).toEqual({ sku: "TENT-2P", price: { amount: 34900, currency: "eur" } });
  expect(warnings.some((text) => text.includes("bad-one") && text.includes("metadata.nested"))).toBe(true);

  const contactId = mine[0]?.contact.id ?? "";
  const customerView = (await (await request.get(`${SERVER_URL}/admin/api/contacts/${contactId}/events`, { headers: auth })).json()) as { summary: { event_name: string; count: number }[] };
  expect(customerView.summary.map((row) => row.event_name).sort()).toEqual(["added-to-cart", "viewed-tent"]);
});
