import type { PingResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SHOP = "https://shop.example.com";
const EVIL = "https://evil.example.net";
const pingFrom = (s: TestParley, origin: string | null, pageUrl?: string) =>
  s.request(
    `/v1/apps/${APP_ID}/ping`,
    json({ visitor_id: "visitor-0000001", user: {}, ...(pageUrl && { page: { url: pageUrl } }) }, origin ? { Origin: origin } : {}),
  );
const preflight = (s: TestParley, path: string, origin: string) =>
  s.request(path, { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,authorization" } });

test("by default the Messenger works on any site", async () => {
  server = await testParley();
  const response = await pingFrom(server, EVIL);
  expect(response.status).toBe(200);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
});

test("with trusted origins, only those sites may ping or call, and preflights answer only them", async () => {
  server = await testParley({ PARLEY_ALLOWED_ORIGINS: `${SHOP}, https://*.example.org` });
  const fromShop = await pingFrom(server, SHOP);
  expect(fromShop.status).toBe(200);
  expect(fromShop.headers.get("access-control-allow-origin")).toBe(SHOP);
  expect(fromShop.headers.get("vary")).toMatch(/Origin/);
  expect((await pingFrom(server, "https://help.example.org")).status).toBe(200);

  const fromEvil = await pingFrom(server, EVIL);
  expect(fromEvil.status).toBe(403);
  expect(fromEvil.headers.get("access-control-allow-origin")).toBeNull();
  expect(((await fromEvil.json()) as { error: { code: string } }).error.code).toBe("origin_not_allowed");

  // Without an Origin header the page's address decides; with neither, nothing vouches for the site.
  expect((await pingFrom(server, null, `${SHOP}/pricing`)).status).toBe(200);
  expect((await pingFrom(server, null, `${EVIL}/pricing`)).status).toBe(403);
  expect((await pingFrom(server, null)).status).toBe(403);

  const goodPreflight = await preflight(server, `/v1/apps/${APP_ID}/ping`, SHOP);
  expect(goodPreflight.status).toBe(204);
  expect(goodPreflight.headers.get("access-control-allow-origin")).toBe(SHOP);
  expect(goodPreflight.headers.get("vary")).toMatch(/Origin/);
  expect((await preflight(server, `/v1/apps/${APP_ID}/ping`, EVIL)).headers.get("access-control-allow-origin")).toBeNull();

  // A session made on the shop cannot be used from another site; on the shop, its stream opens.
  const session = (await fromShop.json()) as PingResponse;
  const stream = await server.request(`/v1/apps/${APP_ID}/stream?token=${session.session.token}`, { headers: { Origin: SHOP } });
  expect(stream.status).toBe(200);
  expect(stream.headers.get("access-control-allow-origin")).toBe(SHOP);
  await stream.body?.cancel();
  const stolen = await server.request(`/v1/apps/${APP_ID}/conversations`, { headers: { Origin: EVIL, Authorization: `Bearer ${session.session.token}` } });
  expect(stolen.status).toBe(403);
});

test.each([undefined, SHOP])("the admin API and webhooks are never CORS-open (trusted origins: %s)", async (allowed) => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: "admin-token-for-tests", ...(allowed && { PARLEY_ALLOWED_ORIGINS: allowed }) });
  for (const path of ["/admin/api/articles", "/admin/api/identity", "/admin/api/login", "/webhooks/zendesk"]) {
    for (const origin of [SHOP, EVIL]) {
      const answer = await preflight(server, path, origin);
      expect(answer.headers.get("access-control-allow-origin"), `${path} preflight from ${origin}`).toBeNull();
      const get = await server.request(path, { headers: { Origin: origin, Authorization: "Bearer admin-token-for-tests" } });
      expect(get.headers.get("access-control-allow-origin"), `${path} from ${origin}`).toBeNull();
    }
  }
});
