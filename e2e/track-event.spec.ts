import { expect, test, type APIRequestContext, type Page, type Route } from "@playwright/test";
import { E2E } from "../playwright.config";
import { newCustomer, openHostPage, SERVER_URL, userJwt } from "./support/host-page";
import { messenger } from "./support/messenger";

interface OwnersEvent {
  event_name: string;
  metadata: Record<string, unknown>;
  contact: { id: string; user_id: string | null };
}

interface OwnersConversation {
  id: string;
  contact: { user_id: string | null };
}

const auth = { Authorization: `Bearer ${E2E.adminToken}` };

/** Calls the page's `window.Intercom`. */
const intercom = (page: Page, ...args: unknown[]) =>
  page.evaluate((call) => (window as unknown as { Intercom: (...a: unknown[]) => unknown }).Intercom(...call), args);

/**
 * A route handler for sends that must fail while the browser is "offline" and after. Routed before
 * the network goes, not when it comes back: Chromium's offline mode lets a send's CORS preflight
 * through, so a send begun offline whose preflight answer comes late (a loaded machine) goes out
 * once the network is back, and a route added after that send began does not see it.
 */
const refuse = (route: Route) => route.abort("connectionrefused");

/** Resolves once the Messenger's session is live (`Intercom('ready', …)`). */
const ready = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => (window as unknown as { Intercom: (...a: unknown[]) => void }).Intercom("ready", resolve)));

/** The customer's events as the owner's admin API lists them, newest first. */
async function eventsOf(request: APIRequestContext, customer: { user_id: string }): Promise<OwnersEvent[]> {
  const listed = (await (await request.get(`${SERVER_URL}/admin/api/events?limit=500`, { headers: auth })).json()) as { events: OwnersEvent[] };
  return listed.events.filter((event) => event.contact.user_id === customer.user_id);
}

/** What the customer wrote, in every conversation of theirs the owner sees. */
async function writtenBy(request: APIRequestContext, customer: { user_id: string }): Promise<string[]> {
  const listed = (await (await request.get(`${SERVER_URL}/admin/api/conversations?limit=200`, { headers: auth })).json()) as { conversations: OwnersConversation[] };
  const texts: string[] = [];
  for (const conversation of listed.conversations.filter((item) => item.contact.user_id === customer.user_id)) {
    const transcript = (await (await request.get(`${SERVER_URL}/admin/api/conversations/${conversation.id}`, { headers: auth })).json()) as { messages: { text: string; author: { type: string } }[] };
    texts.push(...transcript.messages.filter((message) => message.author.type === "customer").map((message) => message.text));
  }
  return texts;
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
  await intercom(page, "trackEvent", "added-to-cart", { quantity: 2 });

  let mine: OwnersEvent[] = [];
  await expect
    .poll(async () => {
      mine = await eventsOf(request, customer);
      return mine.map((event) => event.event_name).sort();
    })
    .toEqual(["added-to-cart", "viewed-tent"]);
  expect(mine.find((event) => event.event_name === "viewed-tent")?.metadata).toEqual({ sku: "TENT-2P", price: { amount: 34900, currency: "eur" } });
  expect(warnings.some((text) => text.includes("bad-one") && text.includes("metadata.nested"))).toBe(true);

  const contactId = mine[0]?.contact.id ?? "";
  const customerView = (await (await request.get(`${SERVER_URL}/admin/api/contacts/${contactId}/events`, { headers: auth })).json()) as { summary: { event_name: string; count: number }[] };
  expect(customerView.summary.map((row) => row.event_name).sort()).toEqual(["added-to-cart", "viewed-tent"]);
});

test("events tracked while the browser is offline survive a reload and reach the owner once each, in order, under the customer who did them", async ({ page, context, request }) => {
  const customer = newCustomer("Mary Jackson");
  await openHostPage(page, customer);
  // The session is live before the network goes.
  await ready(page);

  // The events route fails from before the first send (see `refuse`), then the network goes.
  await page.route("**/v1/apps/*/events", refuse);
  await context.setOffline(true);
  await intercom(page, "trackEvent", "viewed-stove", { sku: "STOVE-1" });
  await intercom(page, "trackEvent", "added-to-cart", { quantity: 1 });
  await intercom(page, "trackEvent", "started-checkout");
  const waiting = () => page.evaluate(() => JSON.parse(localStorage.getItem("parley-demo-events") ?? "[]") as { event: { event_name: string } }[]);
  await expect.poll(async () => (await waiting()).map((item) => item.event.event_name)).toEqual(["viewed-stove", "added-to-cart", "started-checkout"]);

  // Back online, but the events route still fails (the `online` retry finds it down); then the page reloads.
  await context.setOffline(false);
  await expect.poll(waiting).toHaveLength(3);
  await page.unroute("**/v1/apps/*/events");
  await page.reload();

  const mine = () => eventsOf(request, customer);
  // Newest first: reversed, they are in the order the page tracked them.
  await expect.poll(async () => (await mine()).map((event) => event.event_name).reverse()).toEqual(["viewed-stove", "added-to-cart", "started-checkout"]);
  expect((await mine()).find((event) => event.event_name === "viewed-stove")?.metadata).toEqual({ sku: "STOVE-1" });
  await expect.poll(async () => (await waiting()).length).toBe(0);
  // Nothing arrives twice later (the reload and the `online` retry both had the events).
  await page.waitForTimeout(500);
  expect(await mine()).toHaveLength(3);
});

test("on a site that names its customers only with intercom_user_jwt, what one typed and tracked offline is not sent as the next (no shutdown), and arrives when its customer is back", async ({ page, context, request }) => {
  const ada = newCustomer("Ada Lovelace");
  const bo = newCustomer("Bo Diddley");
  const text = `Offline question ${ada.user_id}`;
  const eventNames = async (customer: { user_id: string }) => (await eventsOf(request, customer)).map((event) => event.event_name);
  const owners = () =>
    page.evaluate(() => ({
      events: (JSON.parse(localStorage.getItem("parley-demo-events") ?? "[]") as { owner: string }[]).map((item) => item.owner),
      messages: (JSON.parse(localStorage.getItem("parley-demo-unsent") ?? "[]") as { owner: string }[]).map((item) => item.owner),
    }));

  // No user_id in the settings: the token alone says who the customer is.
  await openHostPage(page, { intercom_user_jwt: userJwt(ada.user_id) });
  await ready(page);
  // Ada's sends fail until Bo's page is up (see `refuse`): offline, then refused.
  await page.route("**/v1/apps/*/{events,conversations}", refuse);
  await context.setOffline(true);
  await intercom(page, "trackEvent", "ada-offline-event");
  await messenger(page).open();
  await messenger(page).send(text);
  await expect.poll(owners).toEqual({ events: [ada.user_id], messages: [ada.user_id] });

  // Back online with sends still failing while Ada's page is up; then the site boots Bo, without `shutdown`.
  await context.setOffline(false);
  await openHostPage(page, { intercom_user_jwt: userJwt(bo.user_id) });
  await page.unroute("**/v1/apps/*/{events,conversations}");
  await ready(page);
  await intercom(page, "trackEvent", "bo-event");
  await expect.poll(() => eventNames(bo)).toEqual(["bo-event"]);
  await page.waitForTimeout(500);
  expect(await eventNames(bo)).toEqual(["bo-event"]);
  expect(await writtenBy(request, bo)).toEqual([]);
  expect(await owners()).toEqual({ events: [ada.user_id], messages: [ada.user_id] });

  await openHostPage(page, { intercom_user_jwt: userJwt(ada.user_id) });
  await expect.poll(() => eventNames(ada)).toEqual(["ada-offline-event"]);
  await expect.poll(() => writtenBy(request, ada)).toEqual([text]);
  await expect.poll(owners).toEqual({ events: [], messages: [] });
});

test("a message typed offline is sent as the customer who typed it: a reload that boots another customer (no shutdown) leaves it out of theirs, and it arrives when its customer is back", async ({ page, context, request }) => {
  const ada = newCustomer("Ada Lovelace");
  const bo = newCustomer("Bo Diddley");
  const text = `Offline question ${ada.user_id}`;
  const waiting = () => page.evaluate(() => JSON.parse(localStorage.getItem("parley-demo-unsent") ?? "[]") as { text: string; owner: string }[]);

  await openHostPage(page, ada);
  await ready(page);
  // Ada's send fails until Bo's page is up (see `refuse`): offline, then refused.
  await page.route("**/v1/apps/*/conversations", refuse);
  await context.setOffline(true);
  const widget = messenger(page);
  await widget.open();
  await widget.send(text);
  await expect.poll(waiting).toEqual([{ clientId: expect.any(String), text, owner: ada.user_id }]);

  // Back online with the send still failing; then the site boots Bo on the next page, without
  // `shutdown`. (Sends work again once Ada's page is gone: Bo's would follow Ada's in one line.)
  await context.setOffline(false);
  await openHostPage(page, bo);
  await page.unroute("**/v1/apps/*/conversations");
  await ready(page);
  await messenger(page).openHome();
  await messenger(page).send(`Hello from ${bo.user_id}`);
  await expect.poll(() => writtenBy(request, bo)).toEqual([`Hello from ${bo.user_id}`]);
  await expect(messenger(page).log.getByText(text)).toHaveCount(0);
  expect(await waiting()).toEqual([{ clientId: expect.any(String), text, owner: ada.user_id }]);
  expect(await writtenBy(request, ada)).toEqual([]);

  await openHostPage(page, ada);
  await expect.poll(() => writtenBy(request, ada)).toEqual([text]);
  await expect.poll(async () => (await waiting()).length).toBe(0);
  expect(await writtenBy(request, bo)).toEqual([`Hello from ${bo.user_id}`]);
});
