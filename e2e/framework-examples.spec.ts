import { expect, type Page, type Request, test } from "@playwright/test";
import { FRAMEWORKS, serveFrameworkApps } from "./support/framework-apps";
import { newCustomer, SERVER_URL } from "./support/host-page";
import { messenger } from "./support/messenger";

// Each example in examples/{react,vue,angular,ember,spa} is bundled (esbuild) with its framework's
// real npm packages into a small shop with two pages and sign-in, then used in Chromium: the
// Messenger boots through the npm SDK, hears of route changes, and changes user on sign-in and
// sign-out.
let shops: Awaited<ReturnType<typeof serveFrameworkApps>>;
test.beforeAll(async () => {
  shops = await serveFrameworkApps(SERVER_URL);
});
test.afterAll(async () => {
  await shops.close();
});

interface PingBody {
  visitor_id: string;
  user: { user_id?: string; name?: string };
  page?: { url: string };
}

/** Every ping the page sends, in order. */
function recordPings(page: Page): PingBody[] {
  const pings: PingBody[] = [];
  page.on("request", (request: Request) => {
    if (request.method() === "POST" && request.url().endsWith(`/ping`)) pings.push(request.postDataJSON() as PingBody);
  });
  return pings;
}

for (const framework of FRAMEWORKS) {
  test(`the ${framework} example boots the Messenger through the npm SDK, opens it with show(), follows route changes, and switches user on sign-in and sign-out`, async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const customer = newCustomer("Ada Lovelace");
    await page.addInitScript((user) => Object.assign(window, { parleyTestUser: user }), customer);
    const pings = recordPings(page);
    const chat = messenger(page);

    await page.goto(`${shops.origin}/${framework}/`);
    await expect(chat.launcher).toBeVisible();
    await expect.poll(() => pings.length).toBeGreaterThan(0);
    expect(pings[0]?.user.user_id).toBeUndefined();
    const visitor = pings[0]?.visitor_id;

    // A route change inside the app: the Messenger hears of the new page.
    await page.getByRole("link", { name: "Orders" }).or(page.getByRole("button", { name: "Orders" })).click();
    await expect(page).toHaveURL(/\/orders$/);
    await expect.poll(() => pings.at(-1)?.page?.url ?? "").toMatch(/\/orders$/);

    // Sign-in: the Messenger now speaks for Ada (verified by her user_hash) and greets her.
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => pings.some((ping) => ping.user.user_id === customer.user_id)).toBe(true);
    // The app's own "Chat with us" button opens the Messenger through the SDK (show).
    await page.getByRole("button", { name: "Chat with us" }).click();
    await expect(chat.panel).toBeVisible();
    await expect(chat.panel.getByText("Hi Ada")).toBeVisible();
    await chat.closer.click();
    await expect(chat.panel).toBeHidden();

    // Sign-out: shutdown forgets Ada in this browser; the Messenger carries on for a new visitor.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => pings.at(-1)?.user.user_id ?? "(none)").toBe("(none)");
    expect(pings.at(-1)?.visitor_id).not.toBe(visitor);
    await chat.openHome();
    await expect(chat.panel.getByText("Hi Ada")).toHaveCount(0);
    await expect(chat.panel.getByRole("button", { name: "Send us a message" })).toBeVisible();
    expect(errors).toEqual([]);
  });
}
