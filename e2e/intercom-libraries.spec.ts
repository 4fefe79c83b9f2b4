import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { SERVER_URL } from "./support/host-page";
import { INTERCOM_WIDGET, serveLibraryApps } from "./support/intercom-libraries";
import { greetedByName, hearsOfAgentReply, openShop, press, shopEvents, signsOutAndLeaves, usesTheMessenger } from "./support/library-shop";
import { messenger } from "./support/messenger";

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

test.describe("@intercom/messenger-js-sdk", () => {
  test("with its widgetUrl option on Parley: launcher, show/hide, an AI answer, showNewMessage, update to a signed-in customer, trackEvent, shutdown and boot", async ({ page, request }) => {
    const { customer, network, errors } = await openShop(page, shops, "messenger-js-sdk", { widgetUrl: `${SERVER_URL}/widget/${E2E.appId}` });
    await usesTheMessenger(page, request, customer);
    await signsOutAndLeaves(page);
    // Nothing asked Intercom for anything, not even its script.
    expect(network).toEqual({ served: [], refused: [] });
    expect(errors).toEqual([]);
  });

  test("unchanged, with Intercom's script address routed to Parley and an EU region: the Messenger works with Parley alone, and the unread callback hears of the team's reply", async ({ page, context, request }) => {
    test.setTimeout(60_000);
    const { customer, network, errors } = await openShop(page, shops, "messenger-js-sdk", { region: "eu" });
    await usesTheMessenger(page, request, customer);
    await hearsOfAgentReply(page, context, customer);
    // The library's api_base (https://api-iam.eu.intercom.io) was never used: only the script was asked of Intercom's address.
    expect(network).toEqual({ served: [`${INTERCOM_WIDGET}${E2E.appId}`], refused: [] });
    expect(errors).toEqual([]);
  });
});

test.describe("react-use-intercom", () => {
  test("autoBoot after initializeDelay, with an apiBase on Intercom's EU host: show/hide and isOpen, an AI answer, update, trackEvent, and sign-out without doubled callbacks", async ({ page, request }) => {
    const { customer, network, errors } = await openShop(page, shops, "react-use-intercom", {
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
    const { customer, network, errors } = await openShop(page, shops, "react-use-intercom", { apiBase: SERVER_URL });
    const chat = messenger(page);
    // Parley's window.Intercom is in (it has `booted`), but without boot there is no Messenger.
    await expect.poll(() => page.evaluate(() => "booted" in ((window as { Intercom?: object }).Intercom ?? {}))).toBe(true);
    await expect(chat.launcher).toHaveCount(0);

    await press(page, "Sign in and start chat");
    await greetedByName(page);
    await hearsOfAgentReply(page, context, customer);
    expect(network.refused).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("on a page that has Parley's snippet in its head, Intercom's script is never asked for: boot, show/hide, an AI answer, update, trackEvent, sign-out and shutdown", async ({ page, request }) => {
    const { customer, network, errors } = await openShop(page, shops, "react-use-intercom", {}, { snippetInHead: true });
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
    const { customer, network, errors } = await openShop(page, shops, "vue-intercom", {});
    await usesTheMessenger(page, request, customer);
    await hearsOfAgentReply(page, context, customer);
    await press(page, "Close chat");
    await signsOutAndLeaves(page);
    expect(network).toEqual({ served: [`${INTERCOM_WIDGET}${E2E.appId}`], refused: [] });
    expect(errors).toEqual([]);
  });
});
