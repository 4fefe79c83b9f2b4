import { createHmac } from "node:crypto";
import type { PingResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import { APP_ID, IDENTITY_SECRET, json, type TestParley, testParley } from "../../testing/parley";

const ADMIN = "admin-token-for-tests";
const admin = { Authorization: `Bearer ${ADMIN}` };
const hash = (id: string) => createHmac("sha256", IDENTITY_SECRET).update(id).digest("hex");

let server: TestParley;
beforeEach(async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: ADMIN });
});
afterEach(async () => {
  await server.close();
});

const ping = (user: Record<string, unknown>, visitor = "visitor-0000001") => server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor, user }));
const setEnforcement = (enforce: boolean) =>
  server.request("/admin/api/identity/enforcement", { method: "PUT", headers: { ...admin, "Content-Type": "application/json" }, body: JSON.stringify({ enforce }) });

test("enforcement is off on a new install and the admin API switches it on; then identified users must prove who they are", async () => {
  const before = await (await server.request("/admin/api/identity", { headers: admin })).json();
  expect(before).toEqual({
    identity: {
      enforced: false,
      setting: false,
      held_on_by_environment: false,
      secret_rotation: false,
      merge_unverified_contacts: { enabled: false, setting: false, held_on_by_environment: false },
      trusted_origins: { allowed_origins: null, setting: null, held_by_environment: false },
    },
  });
  const unverified = (await (await ping({ user_id: "u1" })).json()) as PingResponse;

  expect((await setEnforcement(true)).status).toBe(200);
  const refused = await ping({ user_id: "u1" });
  expect(refused.status).toBe(401);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("identity_verification_required");
  expect(body.error.message).toMatch(/user_hash/);
  // A session handed out before the switch no longer opens anything.
  const old = await server.request(`/v1/apps/${APP_ID}/conversations`, { headers: { Authorization: `Bearer ${unverified.session.token}` } });
  expect(old.status).toBe(401);
  expect(((await old.json()) as { error: { code: string } }).error.code).toBe("identity_verification_required");

  expect((await ping({ user_id: "u1", user_hash: hash("u1") })).status).toBe(200);
  const visitor = (await (await ping({ name: "Just browsing" }, "visitor-0000002")).json()) as PingResponse;
  expect(visitor.user.anonymous).toBe(true);
  expect((await server.request(`/v1/apps/${APP_ID}/conversations`, { headers: { Authorization: `Bearer ${visitor.session.token}` } })).status).toBe(200);

  await setEnforcement(false);
  expect((await ping({ user_id: "u1" }, "visitor-0000003")).status).toBe(200);
});

test("the identity admin API needs the admin token, validates its input and never returns a secret", async () => {
  expect((await server.request("/admin/api/identity")).status).toBe(401);
  expect((await server.request("/admin/api/identity/enforcement", { method: "PUT", headers: { "Content-Type": "application/json" }, body: '{"enforce":true}' })).status).toBe(401);
  const bad = await server.request("/admin/api/identity/enforcement", { method: "PUT", headers: { ...admin, "Content-Type": "application/json" }, body: '{"enforce":"yes"}' });
  expect(bad.status).toBe(400);
  const text = await (await server.request("/admin/api/identity", { headers: admin })).text();
  expect(text).not.toContain(IDENTITY_SECRET);
});

test("a ping with intercom_user_jwt speaks for the signed user, whatever the unsigned settings say", async () => {
  const { SignJWT } = await import("jose");
  const token = await new SignJWT({ user_id: "ada", email: "ada@example.com", name: "Ada" })
    .setProtectedHeader({ alg: "HS256" })
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(IDENTITY_SECRET));
  await setEnforcement(true);
  const response = await ping({ user_id: "mallory", email: "mallory@example.com", name: "Mallory", intercom_user_jwt: token });
  expect(response.status).toBe(200);
  const session = (await response.json()) as PingResponse;
  expect(session.user).toMatchObject({ user_id: "ada", email: "ada@example.com", name: "Ada", verified: true });
  // The session lasts no longer than the JWT (an hour, plus the clock skew), not the usual week.
  expect(Date.parse(session.session.expires_at) - Date.now()).toBeLessThan(3600_000 + 61_000);
  expect(Date.parse(session.session.expires_at) - Date.now()).toBeGreaterThan(3600_000);
  // The same person by user_hash is the same contact.
  const byHash = (await (await ping({ user_id: "ada", user_hash: hash("ada") }, "visitor-0000009")).json()) as PingResponse;
  expect(byHash.user.id).toBe(session.user.id);
  const forged = await ping({ intercom_user_jwt: token.replace(/\.[^.]+$/, ".forged") });
  expect(forged.status).toBe(401);
});

test("the installation check lists each site with its verification status and counts", async () => {
  const from = (origin: string, user: Record<string, unknown>, visitor: string) =>
    server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor, user }, { Origin: origin }));
  await from("https://shop.example.com", { user_id: "u1", user_hash: hash("u1") }, "visitor-0000001");
  await from("https://shop.example.com", {}, "visitor-0000002");
  await from("https://staging.example.com", { user_id: "u1", user_hash: hash("u2") }, "visitor-0000003");
  await from("https://blog.example.com", { user_id: "u3" }, "visitor-0000004");
  await from("https://docs.example.com", {}, "visitor-0000005");

  const response = await server.request("/admin/api/installation", { headers: admin });
  expect(response.status).toBe(200);
  const { origins } = (await response.json()) as { origins: { origin: string; verification: string; counts: Record<string, number>; last_seen_at: string }[] };
  const byOrigin = Object.fromEntries(origins.map((row) => [row.origin, row]));
  expect(byOrigin["https://shop.example.com"]).toMatchObject({ verification: "verified", counts: { verified: 1, failing: 0, not_sent: 0, anonymous: 1 } });
  expect(byOrigin["https://staging.example.com"]).toMatchObject({ verification: "failing", counts: { failing: 1 } });
  expect(byOrigin["https://blog.example.com"]).toMatchObject({ verification: "not_sent", counts: { not_sent: 1 } });
  expect(byOrigin["https://docs.example.com"]).toMatchObject({ verification: "anonymous", counts: { anonymous: 1 } });
  expect(byOrigin["https://shop.example.com"]?.last_seen_at).toMatch(/^\d{4}-/);
  expect((await server.request("/admin/api/installation")).status).toBe(401);
});

test("the hash checker prints the hash Parley expects, over user_id when both are given", async () => {
  const check = (body: unknown) => server.request("/admin/api/identity/hash", { method: "POST", headers: { ...admin, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  expect(await (await check({ user_id: "42", email: "ada@example.com" })).json()).toEqual({ user_hash: hash("42"), hashed: "user_id" });
  expect(await (await check({ email: "ada@example.com" })).json()).toEqual({ user_hash: hash("ada@example.com"), hashed: "email" });
  expect((await check({})).status).toBe(400);
  expect((await server.request("/admin/api/identity/hash", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"user_id":"42"}' })).status).toBe(401);
});
