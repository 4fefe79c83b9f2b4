import { expect, type Page, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { INTERCOM_WIDGET, serveLibraryApps } from "./support/intercom-libraries";
import { greetedByName, hearsOfAgentReply, openShop, press, shopEvents, signsOutAndLeaves, usesTheMessenger } from "./support/library-shop";
import { messenger } from "./support/messenger";

// More Intercom libraries from npm, older and framework-bound, unchanged, in small shops as
// e2e/intercom-libraries.spec.ts uses its three: each hard-codes Intercom's script address and
// has no option to change it, so widget.intercom.io is routed to Parley (as a DNS or proxy
// override would) and every other address off this machine is refused.
let shops: Awaited<ReturnType<typeof serveLibraryApps>>;
test.beforeAll(async () => {
  shops = await serveLibraryApps();
});
test.afterAll(async () => {
  await shops.close();
});

const SCRIPT = `${INTERCOM_WIDGET}${E2E.appId}`;

/** The library's showMessages: the Messenger's list of her conversations, the latest one showing `text`. */
async function seesHerConversations(page: Page, text: string) {
  const { panel } = messenger(page);
  await press(page, "See my conversations");
  await expect(panel.getByRole("heading", { name: "Messages" })).toBeVisible();
  await expect(panel.getByRole("list", { name: "Messages" }).getByRole("listitem").first()).toContainText(text);
}

test.describe("react-intercom", () => {
  test("the customer as props: show/hide and the shop's callbacks, an AI answer, sign-in as new props, trackEvent, sign-out, leaving unmounts it, and coming back mounts it again", async ({ page, request }) => {
    const { customer, network, errors } = await openShop(page, shops, "react-intercom", {});
    await usesTheMessenger(page, request, customer);
    await signsOutAndLeaves(page);

    // Mounted again, the component finds no window.Intercom (its unmount deleted it), so it puts
    // a new stub there, queues boot on it and adds Intercom's script again: the Messenger is back.
    await press(page, "Come back");
    const chat = messenger(page);
    await expect(chat.launcher).toHaveCount(1);
    const shownBefore = (await shopEvents(page)).filter((event) => event === "shown").length;
    await press(page, "Chat with us");
    await expect(chat.panel).toBeVisible();
    await expect.poll(async () => (await shopEvents(page)).filter((event) => event === "shown").length).toBe(shownBefore + 1);
    await press(page, "Close chat");
    expect(network).toEqual({ served: [SCRIPT, SCRIPT], refused: [] });
    expect(errors).toEqual([]);
  });

  test("opened signed in: greeted by name, and the unread callback hears of the team's reply", async ({ page, context }) => {
    test.setTimeout(60_000);
    const { customer, network, errors } = await openShop(page, shops, "react-intercom", { signedIn: true });
    await greetedByName(page);
    await hearsOfAgentReply(page, context, customer);
    expect(network).toEqual({ served: [SCRIPT], refused: [] });
    expect(errors).toEqual([]);
  });
});

test.describe("vue-intercom (Vue 2)", () => {
  test("booted when mounted: its reactive ready, visible and unreadCount, an AI answer, update, trackEvent, the team's reply counted unread, showMessages, sign-out and shutdown", async ({ page, context, request }) => {
    test.setTimeout(60_000);
    const { customer, network, errors } = await openShop(page, shops, "vue2-intercom", {});
    await expect(page.getByText("Intercom is ready")).toBeVisible();
    await usesTheMessenger(page, request, customer);
    await hearsOfAgentReply(page, context, customer);
    await expect(page.getByText("The chat is open")).toBeVisible();
    await seesHerConversations(page, "Sam here");
    await press(page, "Close chat");
    await expect(page.getByText("The chat is closed")).toBeVisible();
    await signsOutAndLeaves(page);
    expect(network).toEqual({ served: [SCRIPT], refused: [] });
    expect(errors).toEqual([]);
  });
});

test.describe("@supy-io/ngx-intercom (Angular)", () => {
  test("IntercomModule.forRoot and its directives: show/hide, an AI answer, update, trackEvent, a route change, sign-out and shutdown", async ({ page, request }) => {
    const { customer, network, errors } = await openShop(page, shops, "ngx-intercom", {});
    await usesTheMessenger(page, request, customer);
    // updateOnRouterChange: the library's update() on navigation tells Parley the page she is on.
    const pinged = page.waitForRequest((sent) => sent.url().endsWith(`/v1/apps/${E2E.appId}/ping`) && String(sent.postDataJSON()?.page?.url).endsWith("/ngx-intercom/orders"));
    await page.getByRole("link", { name: "Orders" }).click();
    await expect(page.getByRole("heading", { name: "Your orders" })).toBeVisible();
    await pinged;
    await signsOutAndLeaves(page);
    expect(network).toEqual({ served: [SCRIPT], refused: [] });
    expect(errors).toEqual([]);
  });

  test("booted with the signed-in customer: greeted by name, the unread callback hears of the team's reply, and showMessages lists it", async ({ page, context }) => {
    test.setTimeout(60_000);
    const { customer, network, errors } = await openShop(page, shops, "ngx-intercom", { signedIn: true });
    await greetedByName(page);
    await hearsOfAgentReply(page, context, customer);
    await seesHerConversations(page, "Sam here");
    expect(network).toEqual({ served: [SCRIPT], refused: [] });
    expect(errors).toEqual([]);
  });
});

test.describe("intercom-next", () => {
  test("loadIntercom with scriptInitDelay and delay: show/hide, an AI answer, update to the signed-in customer, trackEvent, and shutdownIntercom", async ({ page, request }) => {
    const { customer, network, errors } = await openShop(page, shops, "intercom-next", { scriptInitDelay: 300, delay: 300 });
    await usesTheMessenger(page, request, customer);
    await press(page, "Leave");
    await expect(messenger(page).launcher).toHaveCount(0);
    expect(network).toEqual({ served: [SCRIPT], refused: [] });
    expect(errors).toEqual([]);
  });

  test("loadIntercom with the signed-in customer: greeted by name", async ({ page }) => {
    const { network, errors } = await openShop(page, shops, "intercom-next", { signedIn: true });
    const chat = messenger(page);
    await chat.openHome();
    await expect(chat.panel.getByText("Hi Ada")).toBeVisible();
    expect(network).toEqual({ served: [SCRIPT], refused: [] });
    expect(errors).toEqual([]);
  });
});
