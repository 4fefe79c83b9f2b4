import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { runCli } from "../cli";
import { IDENTITY_SECRET_METAFIELD, SHOPIFY_ADMIN_API_VERSION } from "./identity-secret-metafield";

const SECRET = "parley-shopify-secret-0123456789";
const TOKEN = "shpat_test_token";
const ADMIN_API = `https://acme.myshopify.com/admin/api/${SHOPIFY_ADMIN_API_VERSION}/graphql.json`;
const INSTALLATION = "gid://shopify/AppInstallation/1002334195";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A shop's Admin GraphQL API as Shopify documents it: the app's installation, and metafieldsSet on it. */
function shopify(options: { userErrors?: { field: string[]; message: string; code: string }[] } = {}) {
  const calls: { query: string; variables: Record<string, unknown> }[] = [];
  server.use(
    http.post(ADMIN_API, async ({ request }) => {
      if (request.headers.get("X-Shopify-Access-Token") !== TOKEN) return HttpResponse.json({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, { status: 401 });
      const body = (await request.json()) as { query: string; variables: Record<string, unknown> };
      calls.push(body);
      if (body.query.includes("currentAppInstallation")) return HttpResponse.json({ data: { currentAppInstallation: { id: INSTALLATION } } });
      if (body.query.includes("metafieldsSet")) {
        const userErrors = options.userErrors ?? [];
        return HttpResponse.json({
          data: { metafieldsSet: { metafields: userErrors.length ? [] : [{ id: "gid://shopify/Metafield/1", namespace: "parley", key: "identity_secret" }], userErrors } },
        });
      }
      return HttpResponse.json({ errors: [{ message: "unexpected query" }] });
    }),
  );
  return calls;
}

test("parley shopify-secret writes the identity secret to the app-data metafield the block reads, and never prints it", async () => {
  const calls = shopify();
  const result = await run(["shopify-secret", "--shop", "Acme.myshopify.com"], { PARLEY_IDENTITY_SECRET: SECRET, SHOPIFY_ADMIN_ACCESS_TOKEN: TOKEN });
  expect(result.code).toBe(0);
  expect(calls).toHaveLength(2);
  expect(calls[1]?.variables).toEqual({
    metafields: [{ ownerId: INSTALLATION, namespace: "parley", key: "identity_secret", type: "single_line_text_field", value: SECRET }],
  });
  expect(result.out).toContain("parley.identity_secret of acme.myshopify.com");
  expect(result.out + result.err).not.toContain(SECRET);
});

test("the block reads the same namespace and key the command writes", async () => {
  const { readFile } = await import("node:fs/promises");
  const liquid = await readFile(new URL("../../../shopify/extensions/parley-messenger/blocks/messenger.liquid", import.meta.url), "utf8");
  expect(liquid).toContain(`app.metafields.${IDENTITY_SECRET_METAFIELD.namespace}.${IDENTITY_SECRET_METAFIELD.key}.value`);
});

test("a wrong access token, and a metafield Shopify refuses, are said plainly, with nothing printed as done", async () => {
  shopify({ userErrors: [{ field: ["metafields", "0", "value"], message: "Value is too long.", code: "INVALID_VALUE" }] });
  const wrongToken = await run(["shopify-secret", "--shop", "acme.myshopify.com"], { PARLEY_IDENTITY_SECRET: SECRET, SHOPIFY_ADMIN_ACCESS_TOKEN: "shpat_wrong" });
  expect(wrongToken).toMatchObject({ code: 1, out: "" });
  expect(wrongToken.err).toMatch(/did not accept the access token \(HTTP 401\)/);

  const refused = await run(["shopify-secret", "--shop", "acme.myshopify.com"], { PARLEY_IDENTITY_SECRET: SECRET, SHOPIFY_ADMIN_ACCESS_TOKEN: TOKEN });
  expect(refused).toMatchObject({ code: 1, out: "" });
  expect(refused.err).toBe("Shopify refused the metafield (metafields.0.value): Value is too long.");
});

test("a missing token, shop or secret is a usage problem named before anything is sent", async () => {
  const calls = shopify();
  expect((await run(["shopify-secret", "--shop", "acme.myshopify.com"], { PARLEY_IDENTITY_SECRET: SECRET })).err).toMatch(/SHOPIFY_ADMIN_ACCESS_TOKEN/);
  expect((await run(["shopify-secret"], { PARLEY_IDENTITY_SECRET: SECRET, SHOPIFY_ADMIN_ACCESS_TOKEN: TOKEN })).err).toMatch(/say which shop/);
  const customDomain = await run(["shopify-secret", "--shop", "shop.acme.com"], { PARLEY_IDENTITY_SECRET: SECRET, SHOPIFY_ADMIN_ACCESS_TOKEN: TOKEN });
  expect(customDomain).toMatchObject({ code: 2 });
  expect(customDomain.err).toMatch(/myshopify\.com domain/);
  const noSecret = await run(["shopify-secret", "--shop", "acme.myshopify.com"], { DATA_DIR: "/nonexistent-parley-data", SHOPIFY_ADMIN_ACCESS_TOKEN: TOKEN });
  expect(noSecret).toMatchObject({ code: 2 });
  expect(noSecret.err).toMatch(/No identity secret/);
  expect(calls).toEqual([]);
});
