import { afterEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";

// The limits as the operator set them (PARLEY_RATE_LIMIT_<RULE>), seen over HTTP: 429 with Retry-After.

const ADMIN = "admin-token-for-rate-tests";
let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

let now = new Date("2026-11-30T09:00:00Z");
async function start(env: Record<string, string>): Promise<TestParley> {
  now = new Date("2026-11-30T09:00:00Z");
  server = await testParley({ PARLEY_TRUST_PROXY: "true", PARLEY_ADMIN_TOKEN: ADMIN, ...env }, { clock: () => now });
  return server;
}

/** A widget API call (the public help search: no session needed) from one network address. */
const search = (s: TestParley, address: string) => s.request(`/v1/apps/${APP_ID}/articles/search?q=refund`, { headers: { "X-Forwarded-For": address } });
const adminCall = (s: TestParley, address: string) => s.request("/admin/api/identity", { headers: { Authorization: `Bearer ${ADMIN}`, "X-Forwarded-For": address } });

test("per network address: one address past its burst gets 429 with Retry-After, another address is still served, and the bucket refills", async () => {
  const s = await start({ PARLEY_RATE_LIMIT_ADDRESS: "2/min,burst=3" });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await search(s, "203.0.113.7")).status);
  expect(statuses).toEqual([200, 200, 200, 429]);
  const refused = await search(s, "203.0.113.7");
  expect(refused.status).toBe(429);
  expect(refused.headers.get("retry-after")).toBe("30");
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  // A ping from the same address is refused too: the rule counts every widget API call.
  expect((await s.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-rate-1", user: {} }, { "X-Forwarded-For": "203.0.113.7" }))).status).toBe(429);
  expect((await search(s, "198.51.100.9")).status).toBe(200);
  now = new Date(now.getTime() + 30_000);
  expect((await search(s, "203.0.113.7")).status).toBe(200);
});

test("per app: calls from many addresses together are limited by the app's bucket", async () => {
  const s = await start({ PARLEY_RATE_LIMIT_APP: "1/s,burst=5" });
  const statuses = [];
  for (let i = 0; i < 7; i++) statuses.push((await search(s, `192.0.2.${i + 1}`)).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  const refused = await search(s, "192.0.2.100");
  expect(refused.headers.get("retry-after")).toBe("1");
});

test("admin API calls from one address: past the burst 429 with Retry-After; the widget API and other addresses are not affected", async () => {
  const s = await start({ PARLEY_RATE_LIMIT_ADMIN: "6/min,burst=2" });
  expect((await adminCall(s, "203.0.113.50")).status).toBe(200);
  expect((await adminCall(s, "203.0.113.50")).status).toBe(200);
  const refused = await adminCall(s, "203.0.113.50");
  expect(refused.status).toBe(429);
  expect(refused.headers.get("retry-after")).toBe("10");
  expect((await adminCall(s, "203.0.113.51")).status).toBe(200);
  expect((await search(s, "203.0.113.50")).status).toBe(200);
});

test("with the defaults, a burst that is fine for a person is served", async () => {
  const s = await start({});
  for (let i = 0; i < 30; i++) expect((await search(s, "203.0.113.7")).status).toBe(200);
  for (let i = 0; i < 30; i++) expect((await adminCall(s, "203.0.113.7")).status).toBe(200);
});
