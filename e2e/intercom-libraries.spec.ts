import { type APIRequestContext, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { ORDER_QUESTION, PURCHASE, type LibrarySetup } from "./intercom-library-apps/shell";
import { newCustomer, SERVER_URL, snippet } from "./support/host-page";
import { INTERCOM_WIDGET, type LibraryApp, routeIntercomToParley, serveLibraryApps } from "./support/intercom-libraries";
import { messenger } from "./support/messenger";
import { ticketFor, ZENDESK_URL } from "./support/zendesk";

// The most used Intercom libraries from npm, unchanged, in small shops bundled by esbuild (see
// e2e/intercom-library-apps): a site moving to Parley changes only where Intercom's script comes
// from, by the library's own option where it has one (or Parley's snippet already on the page),
// else by routing widget.intercom.io to Parley (as a DNS or proxy override would). Every other
// address off this machine is refused, so the Messenger must do everything with Parley.
let shops: Awaited<ReturnType<typeof serveLibraryApps>>;
test.beforeAll(async () => {
  shops = await serveLibraryApps();
});
test.afterAll(async () => {
  await shops.close();
});

type Customer = ReturnType<typeof newCustomer>;

/**
 * Opens a library's shop for a new customer, with the library options under test. `errors` collects
 * the page's errors and the Messenger's warnings: a library used as documented gets neither.
 */
async function openShop(page: Page, app: LibraryApp, options: Omit<LibrarySetup, "user">, { snippetInHead = false } = {}) {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error" || (message.type() === "warning" && message.text().startsWith("[Parley]"))) errors.push(message.text());
  });
  const customer = newCustomer("Ada Lovelace");
  await page.addInitScript((setup) => Object.assign(window, { parleyLibrarySetup: setup }), { ...options, user: customer });
  // Parley's install, as a site pastes it in its page's <head>, before its app's script.
  if (snippetInHead) await page.addInitScript(`window.intercomSettings = ${JSON.stringify({ app_id: E2E.appId })};\n${snippet()}`);
  const network = await routeIntercomToParley(page, SERVER_URL);
  await page.goto(`${shops.origin}/${app}/`);
  return { errors, customer, network };
}

/** What the shop's own callbacks (onShow, onHide, onUnreadCountChange) have written on the page. */
const shopEvents = (page: Page) => page.getByRole("list", { name: "Messenger events" }).getByRole("listitem").allTextContents();
const press = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).click();

/** The customer's tracked events, as the owner reads them with the admin API. */
async function trackedBy(request: APIRequestContext, customer: Customer) {
  const response = await request.get(`${SERVER_URL}/admin/api/events?limit=500`, { headers: { Authorization: `Bearer ${E2E.adminToken}` } });
  const { events } = (await response.json()) as { events: { event_name: string; metadata: unknown; contact: { user_id: string | null } }[] };
  return events.filter((event) => event.contact.user_id === customer.user_id).map(({ event_name, metadata }) => ({ event_name, metadata }));
}

/** A person of the team answers the customer's handed-off conversation from the Zendesk agent page. */
async function agentReplies(context: BrowserContext, customer: Customer, text: string) {
  const ticket = await ticketFor((user) => user.external_id === customer.user_id, (t) => t.tags.includes("fin-routed-to-team"));
  const agent = await context.newPage();
  await agent.goto(`${ZENDESK_URL}/agent/tickets/${ticket.id}`);
  await agent.getByRole("textbox", { name: "Reply" }).fill(text);
  await agent.getByRole("button", { name: "Send reply" }).click();
  await agent.close();
}

/**
 * What every library must give a shop's customer: the launcher, show() and hide() with the shop's
 * callbacks told, the AI's answer to a question, showNewMessage, update() to the signed-in
 * customer, and trackEvent reaching the owner under that customer.
 */
async function usesTheMessenger(page: Page, request: APIRequestContext, customer: Customer) {
  const chat = messenger(page);
  await expect(chat.launcher).toBeVisible();

  await press(page, "Chat with us");
  await expect(chat.panel).toBeVisible();
  await expect.poll(() => shopEvents(page)).toContain("shown");
  await chat.send("How do I reset my password?");
  await expect(chat.log.getByRole("link", { name: "Resetting your password and managing your account" })).toBeVisible();
  await press(page, "Close chat");
  await expect(chat.panel).toBeHidden();
  await expect.poll(() => shopEvents(page)).toContain("hidden");

  await press(page, "Ask about my order");
  await expect(chat.composer).toHaveValue(ORDER_QUESTION);
  await chat.closer.click();

  // Signing in: the Messenger now speaks for Ada (her user_hash verifies her) and greets her on Home.
  await press(page, "Sign in");
  await chat.launcher.click();
  await chat.panel.getByRole("button", { name: "Back" }).click();
  await expect(chat.panel.getByText("Hi Ada")).toBeVisible();
  await chat.closer.click();

  await press(page, "Buy the tent");
  await expect.poll(() => trackedBy(request, customer)).toEqual([{ event_name: PURCHASE.name, metadata: PURCHASE.metadata }]);
}

/** Sign-out (shutdown, then boot as a visitor) forgets Ada; leaving (shutdown) takes the Messenger away. */
async function signsOutAndLeaves(page: Page) {
  const chat = messenger(page);
  await press(page, "Sign out");
  await chat.openHome();
  await expect(chat.panel.getByRole("button", { name: "Send us a message" })).toBeVisible();
  await expect(chat.panel.getByText("Hi Ada")).toHaveCount(0);
  await chat.closer.click();

  await press(page, "Leave");
  await expect(chat.launcher).toHaveCount(0);
  await expect(chat.panel).toHaveCount(0);
}

/** Ada asks for a person, closes the Messenger, and the team's reply arrives: the shop's unread callback hears of it. */
async function hearsOfAgentReply(page: Page, context: BrowserContext, customer: Customer) {
  const chat = messenger(page);
  await press(page, "Chat with us");
  await chat.send("I need to talk to a human please");
  await expect(chat.log.getByText(/reply here as soon as they can/)).toBeVisible();
  await press(page, "Close chat");
  await expect(chat.panel).toBeHidden();

  await agentReplies(context, customer, "Hi Ada, Sam here. How can I help?");
  await expect.poll(() => shopEvents(page), { timeout: 10_000 }).toContain("unread 1");
  await press(page, "Chat with us");
  await expect(chat.log.getByText("Hi Ada, Sam here. How can I help?")).toBeVisible();
  await expect.poll(() => shopEvents(page)).toContain("unread 0");
}

test.describe("@intercom/messenger-js-sdk", () => {
  test("with its widgetUrl option on Parley: launcher, show/hide, an AI answer, showNewMessage, update to a signed-in customer, trackEvent, shutdown and boot", async ({ page, request }) => {
    const { customer, network, errors } = await openShop(page, "messenger-js-sdk", { widgetUrl: `${SERVER_URL}/widget/${E2E.appId}` });
    await usesTheMessenger(page, request, customer);
    await signsOutAndLeaves(page);
    // Nothing asked Intercom for anything, not even its script.
    expect(network).toEqual({ served: [], refused: [] });
    expect(errors).toEqual([]);
  });

  test("unchanged, with Intercom's script address routed to Parley and an EU region: the Messenger works with Parley alone, and the unread callback hears of the team's reply", async ({ page, context, request }) => {
    test.setTimeout(60_000);
    const { customer, network, errors } = await openShop(page, "messenger-js-sdk", { region: "eu" });
    await usesTheMessenger(page, request, customer);
    await hearsOfAgentReply(page, context, customer);
    // The library's api_base (https://api-iam.eu.intercom.io) was never used: only the script was asked of Intercom's address.
    expect(network).toEqual({ served: [`${INTERCOM_WIDGET}${E2E.appId}`], refused: [] });
    expect(errors).toEqual([]);
  });
});

test.describe("react-use-intercom", () => {
  test("autoBoot after initializeDelay, with an apiBase on Intercom's EU host: show/hide and isOpen, an AI answer, update, trackEvent, and sign-out without doubled callbacks", async ({ page, request }) => {
    const { customer, network, errors } = await openShop(page, "react-use-intercom", {
      autoBoot: true,
      initializeDelay: 800,
      apiBase: "https://api-iam.eu.intercom.io",
    });
    await expect(messenger(page).launcher).toBeVisible();
    // The library waited initializeDelay before asking for the script.
    const requestedAt = await page.evaluate((url) => performance.getEntriesByName(url)[0]?.startTime ?? -1, `${INTERCOM_WIDGET}${E2E.appId}`);
    expect(requestedAt).toBeGreaterThanOrEqual(800);

    await expect(page.getByText("The chat is closed")).toBeVisible();
    await press(page, "Chat with us");
    await expect(page.getByText("The chat is open")).toBeVisible();
    await press(page, "Close chat");
    await expect(page.getByText("The chat is closed")).toBeVisible();

    await usesTheMessenger(page, request, customer);

    // react-use-intercom registers its callbacks again on every boot (Intercom forgets them on
    // shutdown): after sign-out, opening the Messenger tells the shop once, not twice.
    const shownBefore = (await shopEvents(page)).filter((event) => event === "shown").length;
    await press(page, "Sign out");
    await press(page, "Chat with us");
    await expect(messenger(page).panel).toBeVisible();
    await expect(page.getByText("The chat is open")).toBeVisible();
    await page.waitForTimeout(200);
    expect((await shopEvents(page)).filter((event) => event === "shown").length).toBe(shownBefore + 1);
    await press(page, "Close chat");

    await signsOutAndLeaves(page);
    expect(network).toEqual({ served: [`${INTERCOM_WIDGET}${E2E.appId}`], refused: [] });
    expect(errors).toEqual([]);
  });

  test("booted by the page with the signed-in customer and an apiBase on Parley: greeted by name, and the unread callback hears of the team's reply", async ({ page, context }) => {
    test.setTimeout(60_000);
    const { customer, network, errors } = await openShop(page, "react-use-intercom", { apiBase: SERVER_URL });
    const chat = messenger(page);
    // Parley's window.Intercom is in (it has `booted`), but without boot there is no Messenger.
    await expect.poll(() => page.evaluate(() => "booted" in ((window as { Intercom?: object }).Intercom ?? {}))).toBe(true);
    await expect(chat.launcher).toHaveCount(0);

    await press(page, "Sign in and start chat");
    await chat.openHome();
    await expect(chat.panel.getByText("Hi Ada")).toBeVisible();
    await chat.closer.click();
    await hearsOfAgentReply(page, context, customer);
    expect(network.refused).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("on a page that has Parley's snippet in its head, Intercom's script is never asked for: boot, show/hide, an AI answer, update, trackEvent, sign-out and shutdown", async ({ page, request }) => {
    const { customer, network, errors } = await openShop(page, "react-use-intercom", {}, { snippetInHead: true });
    // The provider found window.Intercom already there (the snippet's), so it loaded nothing itself.
    await press(page, "Start chat");
    await usesTheMessenger(page, request, customer);
    await signsOutAndLeaves(page);
    expect(network).toEqual({ served: [], refused: [] });
    expect(errors).toEqual([]);
  });
});

test.describe("@mathieustan/vue-intercom (Vue 3)", () => {
  test("unchanged, with Intercom's script address routed to Parley: booted on the library's ready event, show/hide, an AI answer, update, trackEvent, the team's reply counted unread, sign-out and shutdown", async ({ page, context, request }) => {
    test.setTimeout(60_000);
    const { customer, network, errors } = await openShop(page, "vue-intercom", {});
    await usesTheMessenger(page, request, customer);
    await hearsOfAgentReply(page, context, customer);
    await press(page, "Close chat");
    await signsOutAndLeaves(page);
    expect(network).toEqual({ served: [`${INTERCOM_WIDGET}${E2E.appId}`], refused: [] });
    expect(errors).toEqual([]);
  });
});
