import { type APIRequestContext, type BrowserContext, expect, type Page } from "@playwright/test";
import { E2E } from "../../playwright.config";
import { ORDER_QUESTION, PURCHASE, type LibrarySetup } from "../intercom-library-apps/shell";
import { newCustomer, SERVER_URL, snippet } from "./host-page";
import { type LibraryApp, routeIntercomToParley } from "./intercom-libraries";
import { messenger } from "./messenger";
import { ticketFor, ZENDESK_URL } from "./zendesk";

// What a customer does in the shops of e2e/intercom-library-apps, each built on a third-party
// Intercom library: the same journey for every library, as the specs of those libraries share it.

export type Customer = ReturnType<typeof newCustomer>;

/**
 * Opens a library's shop (from `shops`, as serveLibraryApps serves them) for a new customer, with the library options under
 * test. `errors` collects the page's errors and the Messenger's warnings: a library used as
 * documented gets neither.
 */
export async function openShop(
  page: Page,
  shops: { origin: string },
  app: LibraryApp,
  options: Omit<LibrarySetup, "user">,
  { snippetInHead = false } = {},
) {
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
export const shopEvents = (page: Page) => page.getByRole("list", { name: "Messenger events" }).getByRole("listitem").allTextContents();
export const press = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).click();

/** The customer's tracked events, as the owner reads them with the admin API. */
export async function trackedBy(request: APIRequestContext, customer: Customer) {
  const response = await request.get(`${SERVER_URL}/admin/api/events?limit=500`, { headers: { Authorization: `Bearer ${E2E.adminToken}` } });
  const { events } = (await response.json()) as { events: { event_name: string; metadata: unknown; contact: { user_id: string | null } }[] };
  return events.filter((event) => event.contact.user_id === customer.user_id).map(({ event_name, metadata }) => ({ event_name, metadata }));
}

/** A person of the team answers the customer's handed-off conversation from the Zendesk agent page. */
export async function agentReplies(context: BrowserContext, customer: Customer, text: string) {
  const ticket = await ticketFor((user) => user.external_id === customer.user_id, (t) => t.tags.includes("fin-routed-to-team"));
  const agent = await context.newPage();
  await agent.goto(`${ZENDESK_URL}/agent/tickets/${ticket.id}`);
  await agent.getByRole("textbox", { name: "Reply" }).fill(text);
  await agent.getByRole("button", { name: "Send reply" }).click();
  // The form posts and the ticket page comes back with the reply in its thread. Closing the page
  // while that navigation is under way once hung Playwright's close until the test timed out.
  await expect(agent.getByText(text)).toBeVisible();
  await agent.close();
}

/**
 * What every library must give a shop's customer: the launcher, show() and hide() with the shop's
 * callbacks told, the AI's answer to a question, showNewMessage, update() to the signed-in
 * customer, and trackEvent reaching the owner under that customer.
 */
export async function usesTheMessenger(page: Page, request: APIRequestContext, customer: Customer) {
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

/** Home greets Ada by name (the library booted her, her user_hash verifying her); then the Messenger is closed. */
export async function greetedByName(page: Page) {
  const chat = messenger(page);
  await chat.openHome();
  await expect(chat.panel.getByText("Hi Ada")).toBeVisible();
  await chat.closer.click();
}

/** Sign-out (shutdown, then boot as a visitor) forgets Ada; leaving (shutdown) takes the Messenger away. */
export async function signsOutAndLeaves(page: Page) {
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
export async function hearsOfAgentReply(page: Page, context: BrowserContext, customer: Customer) {
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
