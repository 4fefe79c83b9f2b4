import { createHmac } from "node:crypto";
import { JSDOM } from "jsdom";
import { expect, test } from "vitest";
import { readBlock, renderBlock, type StorefrontContext } from "./render-block";

const SECRET = "shop-identity-secret";
const settings = { server_url: "https://chat.example.com/", app_id: "acme", identify_customers: true, identity_secret: SECRET };
const customer = { id: 7421, email: "ada@example.com", name: "Ada Lovelace" };

/** Runs the rendered block in a page, as the storefront would, and returns what it set up once the page loaded. */
async function storefront(html: string) {
  const { window } = new JSDOM(`<!doctype html><body>${html}</body>`, { runScripts: "dangerously" });
  await new Promise((resolve) => window.addEventListener("load", resolve));
  const page = window as unknown as { intercomSettings?: Record<string, unknown>; Intercom?: unknown; owned?: boolean };
  const scripts = [...window.document.querySelectorAll("script[src]")].map((script) => script.getAttribute("src"));
  return { settings: page.intercomSettings ?? {}, page, scripts };
}
const intercomSettingsOf = async (html: string) => (await storefront(html)).settings;

async function render(context: Partial<StorefrontContext> = {}) {
  return renderBlock({ block: { settings }, customer: null, ...context });
}

test("the block is an app embed on the body with the settings a merchant fills in", () => {
  expect(readBlock().schema).toMatchObject({
    name: "Parley Messenger",
    target: "body",
    settings: [
      expect.objectContaining({ id: "server_url", type: "text" }),
      expect.objectContaining({ id: "app_id", type: "text" }),
      expect.objectContaining({ id: "identify_customers", type: "checkbox", default: true }),
      expect.objectContaining({ type: "header" }),
      expect.objectContaining({ id: "identity_secret", type: "text" }),
    ],
  });
});

test("the secret's theme setting is labelled as the less safe fallback, pointing at the metafield command", () => {
  const setting = (readBlock().schema as { settings: { id?: string; label?: string; info?: string }[] }).settings.find((candidate) => candidate.id === "identity_secret");
  expect(setting?.label).toMatch(/less safe fallback/);
  expect(setting?.info).toMatch(/npx parley shopify-secret/);
  expect(setting?.info).toMatch(/theme access can read/);
});

test("a guest gets the Messenger as an anonymous visitor, loaded from the server's address", async () => {
  const html = await render({ request: { locale: { iso_code: "fr" } } });
  const { settings: booted, page, scripts } = await storefront(html);
  expect(booted).toEqual({ app_id: "acme", language_override: "fr" });
  // Calls made before the Messenger arrives are queued; once the page has loaded, its script is on the way.
  expect(typeof page.Intercom).toBe("function");
  expect(scripts).toEqual(["https://chat.example.com/widget/acme"]);
  expect(html).not.toContain(SECRET);
});

test("a logged-in customer is identified by id and email, with the user_hash of their id", async () => {
  const html = await render({ customer });
  expect(await intercomSettingsOf(html)).toEqual({
    app_id: "acme",
    language_override: "en",
    user_id: "7421",
    email: "ada@example.com",
    name: "Ada Lovelace",
    user_hash: createHmac("sha256", SECRET).update("7421").digest("hex"),
  });
  // Only the HMAC reaches the page, never the secret.
  expect(html).not.toContain(SECRET);
});

test("the app-owned metafield's secret wins over the block setting", async () => {
  const html = await render({ customer, app: { metafields: { parley: { identity_secret: { value: "from-metafield" } } } } });
  expect((await intercomSettingsOf(html)).user_hash).toBe(createHmac("sha256", "from-metafield").update("7421").digest("hex"));
});

test("without a secret the customer is identified unverified; with identification off, not at all", async () => {
  const unsigned = await renderBlock({ block: { settings: { ...settings, identity_secret: "" } }, customer });
  expect(await intercomSettingsOf(unsigned)).toMatchObject({ user_id: "7421" });
  expect(await intercomSettingsOf(unsigned)).not.toHaveProperty("user_hash");

  const anonymous = await renderBlock({ block: { settings: { ...settings, identify_customers: false } }, customer });
  expect(await intercomSettingsOf(anonymous)).toEqual({ app_id: "acme", language_override: "en" });
});

test("until the server address and app id are filled in, the block renders nothing", async () => {
  expect((await renderBlock({ block: { settings: { ...settings, server_url: " " } } })).trim()).toBe("");
  expect((await renderBlock({ block: { settings: { ...settings, app_id: "" } } })).trim()).toBe("");
});

test("a customer's name cannot close the script or run code", async () => {
  const hostile = `Eve</script><script>window.owned = true</script>" onload="window.owned = true`;
  const html = await render({ customer: { ...customer, name: hostile } });
  const { settings: booted, page } = await storefront(html);
  expect(booted.name).toBe(hostile);
  expect(page.owned).toBeUndefined();
});

