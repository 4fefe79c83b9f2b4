import { expect, type Locator, type Page, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { newCustomer, openPage, SERVER_URL, snippet } from "./support/host-page";
import { messenger } from "./support/messenger";

// Real sites Parley never sees, built small: each kind of page that has broken embedded widgets
// before. On each, the Messenger must open, send, and bring the AI's answer, with no page error.

interface ShopPage {
  /** What precedes <html>: the doctype unless a test drops it (quirks mode). */
  doctype?: string;
  htmlAttributes?: string;
  head?: string;
  /** The page's own script, run before the snippet. */
  before?: string;
  settings?: Record<string, unknown>;
  body?: string;
  /** A nonce on the page's own inline scripts (for a CSP that allows them by nonce). */
  nonce?: string;
}

function shopHtml(shop: ShopPage): string {
  const nonce = shop.nonce ? ` nonce="${shop.nonce}"` : "";
  const settings = { app_id: E2E.appId, ...shop.settings };
  return `${shop.doctype ?? "<!doctype html>"}<html${shop.htmlAttributes ? ` ${shop.htmlAttributes}` : ""}><head><title>Shop</title>${shop.head ?? ""}</head><body>
<h1>Example shop</h1>
<script${nonce}>${shop.before ?? ""}</script>
<script${nonce}>window.intercomSettings = ${JSON.stringify(settings)};</script>
<script${nonce}>${snippet()}</script>
${shop.body ?? ""}
</body></html>`;
}

/** Errors the page throws and those the Messenger logs ("[Parley] …"); both must stay empty. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // The host server has no favicon.ico; its 404 is no fault of the Messenger's.
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** The customer's round trip: open, send a question, see the AI's answer with its source. */
async function askAboutPayments(page: Page) {
  const chat = messenger(page);
  await chat.open();
  await chat.send("Which payment methods do you accept?");
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
  return chat;
}

test("pages with a strict Content-Security-Policy: an allowlist needs Parley's origin in script-src and connect-src only (no 'unsafe-inline' styles), and Google's strict CSP needs nothing", async ({ page }) => {
  const errors = watchErrors(page);
  const nonce = "host-page-nonce";
  const policies = {
    // Intercom's allowlist has this shape, with its hosts in script-src, connect-src, img-src,
    // font-src, frame-src and media-src and 'unsafe-inline' in style-src. Here only script-src and
    // connect-src name Parley; the rest allow the page's own files, which Parley does not use.
    allowlist: [
      "default-src 'none'",
      `script-src 'nonce-${nonce}' ${SERVER_URL}`,
      `connect-src ${SERVER_URL}`,
      "style-src 'self'",
      "img-src 'self'",
      "font-src 'self'",
      "frame-src 'self'",
      "media-src 'self'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join("; "),
    // The strict CSP Intercom documents first: scripts the nonced snippet loads are trusted.
    strictDynamic: `object-src 'none'; script-src 'nonce-${nonce}' 'unsafe-inline' 'unsafe-eval' 'strict-dynamic' https: http:; base-uri 'self'`,
  };
  for (const policy of Object.values(policies)) {
    await openPage(
      page,
      shopHtml({
        nonce,
        settings: newCustomer(),
        before: "window.violations = []; document.addEventListener('securitypolicyviolation', function (event) { violations.push(event.violatedDirective + ' ' + event.blockedURI); });",
      }),
      { "Content-Security-Policy": policy },
    );
    const chat = await askAboutPayments(page);
    // The styles are in (refused, they would leave a square grey button and a panel in the page's flow).
    expect(await chat.closer.evaluate((button) => getComputedStyle(button).borderRadius)).toBe("50%");
    expect(await chat.panel.evaluate((panel) => getComputedStyle(panel).position)).toBe("fixed");
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), policy).toEqual([]);
  }
  expect(errors).toEqual([]);
});

test("a page using RequireJS (a global AMD define) loaded before the snippet", async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(
    page,
    shopHtml({
      settings: newCustomer(),
      // RequireJS's global shape: a define that records modules, flagged AMD.
      before: "window.defined = []; window.define = function (name) { defined.push(typeof name === 'string' ? name : 'anonymous'); }; define.amd = { jQuery: true }; window.require = window.requirejs = function () {};",
    }),
  );
  await askAboutPayments(page);
  expect(await page.evaluate(() => (window as unknown as { defined: string[] }).defined)).toEqual([]);
  expect(errors).toEqual([]);
});

test("a page whose old library extends built-ins (enumerable methods, Prototype.js's Array#toJSON): the chat works, and an event kept while offline survives a reload", async ({ page, request }) => {
  const errors = watchErrors(page);
  const customer = newCustomer();
  await openPage(
    page,
    shopHtml({
      settings: customer,
      // Prototype.js 1.6 and its kin: plain assignments (enumerable), and an Array#toJSON that
      // makes JSON.stringify([1]) the string "[1]".
      before: `
        Array.prototype.toJSON = function () { return "[" + this.map(function (item) { return JSON.stringify(item); }).join(", ") + "]"; };
        Array.prototype.last = function () { return this[this.length - 1]; };
        Object.prototype.extend = function (source) { for (var key in source) this[key] = source[key]; return this; };
        Function.prototype.bindAsEventListener = function () { return this; };
        String.prototype.strip = function () { return this.trim(); };`,
    }),
  );
  const url = page.url();
  await askAboutPayments(page);
  expect(errors).toEqual([]);
  // The page's own methods still work.
  expect(await page.evaluate(() => [[1, 2] as unknown as { last(): number }].map((list) => list.last()))).toEqual([2]);
  expect(await page.evaluate(() => (({ a: 1 }) as unknown as { extend(source: object): object }).extend({ b: 2 }))).toEqual({ a: 1, b: 2 });

  // An event the server cannot take waits in localStorage, as a list…
  await page.route("**/v1/apps/*/events", (route) => route.abort("connectionrefused"));
  await page.evaluate(() => (window as unknown as { Intercom: (...args: unknown[]) => void }).Intercom("trackEvent", "viewed-tent", { sku: "TENT-2" }));
  const waiting = () => page.evaluate(() => JSON.parse(localStorage.getItem("parley-demo-events") ?? "[]") as unknown);
  await expect.poll(waiting).toEqual([expect.objectContaining({ event: expect.objectContaining({ event_name: "viewed-tent" }) })]);
  // …and reaches the owner from the next page.
  await page.unroute("**/v1/apps/*/events");
  await page.goto(url);
  await expect
    .poll(async () => {
      const listed = (await (await request.get(`${SERVER_URL}/admin/api/events?limit=500`, { headers: { Authorization: `Bearer ${E2E.adminToken}` } })).json()) as { events: { event_name: string; contact: { user_id: string | null } }[] };
      return listed.events.filter((event) => event.contact.user_id === customer.user_id).map((event) => event.event_name);
    })
    .toEqual(["viewed-tent"]);
});

// A page's stylesheet reaches the Messenger only through its host element (an ordinary <div>, the
// last child of <html>) and what that element passes down; none of it may show.
const HOSTILE_CSS = `
html { font-size: 10px; }
body *:not(script), html > div { all: unset; }
*, *::before, *::after { box-sizing: content-box !important; }
body { font: italic 700 22px/3 "Comic Sans MS", cursive; letter-spacing: .3em; word-spacing: 1em; text-transform: uppercase; text-shadow: 2px 2px #f0f; color: #c00; cursor: crosshair; white-space: nowrap; text-align: right; }
body > div, html > div { display: block; position: relative; z-index: 10 !important; transform: translateZ(0); filter: saturate(1.01); contain: paint; opacity: .98; }
`;

/** Banners sites pin at the bottom and top with the biggest z-index someone could think of (all but Intercom's own). */
const OVERLAYS = `
<aside style="position:fixed;left:0;right:0;bottom:0;height:70px;z-index:2147483000;background:#fff;border-top:1px solid #ddd;padding:0 12px;display:block;text-align:left">We use cookies</aside>
<aside style="position:fixed;left:0;right:0;top:0;height:50px;z-index:99999999;background:#222;color:#fff;display:block;text-align:left">Sale!</aside>`;

/**
 * What an element looks like once it has stopped changing: the Home's parts arrive one after
 * another, so a single screenshot may catch it half drawn on one page and whole on the other.
 * Screenshots 100 ms apart until two in a row are the same (as Playwright's own visual comparisons
 * wait), for at most 3 seconds.
 */
async function settledScreenshot(element: Locator): Promise<Buffer> {
  let previous = await element.screenshot({ animations: "disabled" });
  for (let tries = 0; tries < 30; tries++) {
    await element.page().waitForTimeout(100);
    const next = await element.screenshot({ animations: "disabled" });
    if (next.equals(previous)) return next;
    previous = next;
  }
  return previous;
}

test("aggressive global CSS and huge z-index overlays: the launcher and panel look as on a plain page and stay on top", async ({ page }) => {
  const errors = watchErrors(page);
  const customer = newCustomer("Grace Hopper");
  const looks = async () => {
    const chat = messenger(page);
    await chat.launcher.focus();
    const launcher = await settledScreenshot(chat.launcher);
    await page.keyboard.press("Enter");
    await expect(chat.panel.getByText("Hi Grace")).toBeVisible();
    const panel = await settledScreenshot(chat.panel);
    return { launcher, panel, launcherBox: await chat.closer.boundingBox(), panelBox: await chat.panel.boundingBox() };
  };
  await openPage(page, shopHtml({ settings: customer, body: OVERLAYS }));
  const plain = await looks();
  await openPage(page, shopHtml({ settings: customer, head: `<style>${HOSTILE_CSS}</style>`, body: OVERLAYS }));
  const hostile = await looks();
  await page.screenshot({ path: test.info().outputPath("aggressive-css.png") });
  expect(hostile.launcherBox).toEqual(plain.launcherBox);
  expect(hostile.panelBox).toEqual(plain.panelBox);
  expect(hostile.launcher.equals(plain.launcher), "the launcher looks as on a plain page").toBe(true);
  expect(hostile.panel.equals(plain.panel), "the panel looks as on a plain page").toBe(true);
  // On top: the launcher is what is under the pointer at its centre, over the cookie banner.
  const box = hostile.launcherBox!;
  expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.id, [box.x + box.width / 2, box.y + box.height / 2])).toBe("parley-messenger");
  const chat = messenger(page);
  await chat.panel.getByRole("button", { name: "Send us a message" }).click();
  await chat.send("Which payment methods do you accept?");
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("a page in quirks mode (no doctype), a right-to-left Arabic page, and a page whose <base href> points elsewhere", async ({ page }) => {
  const errors = watchErrors(page);
  for (const shop of [
    { doctype: "" },
    { htmlAttributes: 'dir="rtl" lang="ar"' },
    { head: '<base href="https://cdn.example.com/assets/">' },
  ] satisfies ShopPage[]) {
    await openPage(page, shopHtml({ ...shop, settings: newCustomer() }));
    const chat = await askAboutPayments(page);
    const launcher = await chat.closer.boundingBox();
    const viewport = page.viewportSize()!;
    expect(launcher && Math.round(viewport.width - launcher.x - launcher.width), JSON.stringify(shop)).toBe(20);
    expect(await chat.panel.evaluate((panel) => getComputedStyle(panel).direction), JSON.stringify(shop)).toBe("ltr");
    // The answer's source leads to Parley's help center, whatever base the page's own links have.
    expect(await chat.log.getByRole("link", { name: "Payment methods" }).evaluate((link: HTMLAnchorElement) => link.href)).toBe(`${SERVER_URL}/help/payment-methods`);
    await page.screenshot({ path: test.info().outputPath(`page-${Object.keys(shop)[0]}.png`) });
  }
  expect(errors).toEqual([]);
});

test("a long page whose <body> has a transform (the old GPU-layer hack) or a filter: the launcher and panel stay in the window's corner as the page scrolls", async ({ page }) => {
  const errors = watchErrors(page);
  // A transform or filter on <body> makes it the box position: fixed is measured from.
  for (const style of ["transform: translateZ(0)", "filter: grayscale(0)", "transform: translate3d(0, 0, 0); will-change: transform"]) {
    await openPage(page, shopHtml({ settings: newCustomer(), head: `<style>body { ${style}; margin: 0 } .tall { height: 4000px }</style>`, body: '<div class="tall">Products</div>' }));
    const chat = messenger(page);
    const viewport = page.viewportSize()!;
    const corner = async () => {
      const box = (await chat.launcher.boundingBox())!;
      return { right: Math.round(viewport.width - box.x - box.width), bottom: Math.round(viewport.height - box.y - box.height) };
    };
    await expect(chat.launcher).toBeInViewport();
    expect(await corner(), style).toEqual({ right: 20, bottom: 20 });
    await page.mouse.wheel(0, 2500);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    expect(await corner(), style).toEqual({ right: 20, bottom: 20 });
    await chat.launcher.click();
    await expect(chat.panel).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: test.info().outputPath(`body-${style.split(":")[0]}.png`) });
  }
  expect(errors).toEqual([]);
});

test("a single-page app that moves with history.pushState and calls Intercom('update') keeps one Messenger, its conversation, and tells Parley the new page", async ({ page }) => {
  const errors = watchErrors(page);
  const pings: string[] = [];
  const pageUrls: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(`${SERVER_URL}/v1/apps/`) || request.method() !== "POST") return;
    const body = request.postDataJSON() as { page?: { url: string }; page_url?: string };
    if (request.url().endsWith("/ping")) pings.push(body.page?.url ?? "");
    else if (body.page_url) pageUrls.push(body.page_url);
  });
  await openPage(
    page,
    shopHtml({
      settings: newCustomer(),
      body: `<nav><a href="/pricing" id="pricing">Pricing</a></nav><script>
        // The router Intercom's docs describe: change the URL, then tell the Messenger.
        document.getElementById("pricing").addEventListener("click", function (event) {
          event.preventDefault();
          history.pushState({}, "", "/pricing?plan=pro");
          document.title = "Pricing";
          window.Intercom("update", { last_request_at: Math.floor(Date.now() / 1000) });
        });
      </script>`,
    }),
  );
  const chat = await askAboutPayments(page);
  await page.getByRole("link", { name: "Pricing" }).click();
  await expect(page).toHaveURL(/\/pricing\?plan=pro$/);
  await expect.poll(() => pings.at(-1)).toMatch(/\/pricing\?plan=pro$/);
  // The same Messenger, open on the same conversation.
  await expect(page.locator("#parley-messenger")).toHaveCount(1);
  await expect(chat.panel).toBeVisible();
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
  await chat.send("How do I reset my password?");
  await expect(chat.log.getByRole("link", { name: "Resetting your password and managing your account" })).toBeVisible();
  expect(pageUrls.at(-1)).toMatch(/\/pricing\?plan=pro$/);
  expect(pageUrls[0]).toMatch(/\/shop-[\w-]+$/);
  expect(errors).toEqual([]);
});
