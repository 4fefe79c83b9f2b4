import { createHmac } from "node:crypto";
import type { ConversationListResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { APP_ID, IDENTITY_SECRET, json, type TestParley, testParley } from "../testing/parley";

// The owner's security settings kept in the database and changed through the admin API: merging
// unverified contacts into verified ones, and the trusted origins.

const ADMIN = "admin-token-for-tests";
const admin = { Authorization: `Bearer ${ADMIN}` };
const hash = (id: string) => createHmac("sha256", IDENTITY_SECRET).update(id).digest("hex");

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const put = (s: TestParley, path: string, body: unknown) =>
  s.request(`/admin/api/identity/${path}`, { method: "PUT", headers: { ...admin, "Content-Type": "application/json" }, body: JSON.stringify(body) });

async function ping(s: TestParley, body: unknown, headers: Record<string, string> = {}): Promise<PingResponse> {
  const response = await s.request(`/v1/apps/${APP_ID}/ping`, json(body, headers));
  expect(response.status).toBe(200);
  return (await response.json()) as PingResponse;
}
const auth = (session: PingResponse) => ({ Authorization: `Bearer ${session.session.token}` });
async function say(s: TestParley, session: PingResponse, text: string): Promise<string> {
  const response = await s.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: `client-${Math.random().toString(36).slice(2, 12)}`, text }, auth(session)));
  expect(response.status).toBe(201);
  return ((await response.json()) as StartConversationResponse).conversation.id;
}
const conversationsOf = async (s: TestParley, session: PingResponse) => {
  const response = await s.request(`/v1/apps/${APP_ID}/conversations`, { headers: auth(session) });
  return { status: response.status, ids: response.ok ? ((await response.json()) as ConversationListResponse).conversations.map((c) => c.id) : [] };
};

test("merging is off by default: a verified user gets neither the unverified contact naming them nor this browser's visitor conversations", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: ADMIN });
  expect(await (await server.request("/admin/api/identity/merging", { headers: admin })).json()).toEqual({
    merge_unverified_contacts: { enabled: false, setting: false, held_on_by_environment: false },
  });
  const visitor = await ping(server, { visitor_id: "visitor-grace-01", user: {} });
  await say(server, visitor, "Just browsing: do you ship to Norway?");
  const named = await ping(server, { visitor_id: "visitor-someone", user: { user_id: "grace" } });
  await say(server, named, "I am Grace, honest");

  const verified = await ping(server, { visitor_id: "visitor-grace-01", user: { user_id: "grace", user_hash: hash("grace") } });
  expect(verified.conversations).toEqual([]);
  // The visitor's session still reads the visitor's own conversation, and only that.
  expect((await conversationsOf(server, visitor)).ids).toHaveLength(1);
});

test("with merging on (admin API), a verified ping takes over the unverified contact and this browser's visitor conversations, and their old sessions end", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: ADMIN });
  const switched = await put(server, "merging", { merge: true });
  expect(switched.status).toBe(200);
  expect(await switched.json()).toEqual({ merge_unverified_contacts: { enabled: true, setting: true, held_on_by_environment: false } });

  // Someone names Grace without proof (maybe Grace, maybe not), and Grace browses anonymously first.
  const named = await ping(server, { visitor_id: "visitor-someone", user: { user_id: "grace" } });
  const namedConversation = await say(server, named, "Where is my order?");
  const visitor = await ping(server, { visitor_id: "visitor-grace-01", user: {} });
  const visitorConversation = await say(server, visitor, "Do you ship to Norway?");

  const verified = await ping(server, { visitor_id: "visitor-grace-01", user: { user_id: "grace", user_hash: hash("grace") } });
  expect(verified.user).toMatchObject({ id: named.user.id, user_id: "grace", verified: true });
  expect(verified.conversations.map((c) => c.id).sort()).toEqual([namedConversation, visitorConversation].sort());
  expect((await conversationsOf(server, verified)).ids.sort()).toEqual([namedConversation, visitorConversation].sort());
  const thread = await server.request(`/v1/apps/${APP_ID}/conversations/${visitorConversation}`, { headers: auth(verified) });
  expect(thread.status).toBe(200);

  // Sessions made before the proof are ended: they never read the verified user's conversations.
  expect((await conversationsOf(server, named)).status).toBe(401);
  expect((await conversationsOf(server, visitor)).status).toBe(401);

  // Another browser's visitor conversations are not Grace's.
  const stranger = await ping(server, { visitor_id: "visitor-stranger", user: {} });
  const strangerConversation = await say(server, stranger, "Hello");
  const again = await ping(server, { visitor_id: "visitor-grace-02", user: { user_id: "grace", user_hash: hash("grace") } });
  expect(again.conversations.map((c) => c.id)).not.toContain(strangerConversation);
  expect((await conversationsOf(server, stranger)).ids).toEqual([strangerConversation]);

  // An unverified ping never merges anything, setting or not.
  const unverifiedVisitor = await ping(server, { visitor_id: "visitor-kim-01", user: {} });
  const kims = await say(server, unverifiedVisitor, "Hi");
  const unverified = await ping(server, { visitor_id: "visitor-kim-01", user: { user_id: "kim" } });
  expect(unverified.conversations).toEqual([]);
  expect((await conversationsOf(server, unverifiedVisitor)).ids).toEqual([kims]);
});

test("with merging on, a verified user never inherits the email an unverified ping gave: agent replies and tickets never go to it", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: ADMIN });
  expect((await put(server, "merging", { merge: true })).status).toBe(200);
  // Someone names Hana without proof, with their own address, before Hana is ever seen verified.
  await ping(server, { visitor_id: "visitor-mallory", user: { user_id: "hana", email: "mallory@evil.example", name: "Hana" } });
  const verified = await ping(server, { visitor_id: "visitor-hana-01", user: { user_id: "hana", user_hash: hash("hana") } });
  expect(verified.user).toMatchObject({ user_id: "hana", verified: true, email: null });
  // The site's own word on the address, sent with the proof, is kept.
  const withEmail = await ping(server, { visitor_id: "visitor-hana-01", user: { user_id: "hana", user_hash: hash("hana"), email: "hana@example.com" } });
  expect(withEmail.user.email).toBe("hana@example.com");
});

test("PARLEY_MERGE_UNVERIFIED_CONTACTS holds merging on; the merging API needs the admin token and a boolean", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: ADMIN, PARLEY_MERGE_UNVERIFIED_CONTACTS: "true" });
  expect(await (await put(server, "merging", { merge: false })).json()).toEqual({
    merge_unverified_contacts: { enabled: true, setting: false, held_on_by_environment: true },
  });
  expect((await put(server, "merging", { merge: "yes" })).status).toBe(400);
  expect((await server.request("/admin/api/identity/merging", { method: "PUT", headers: { "Content-Type": "application/json" }, body: '{"merge":true}' })).status).toBe(401);
});

const SHOP = "https://shop.example.com";
const EVIL = "https://evil.example.net";

test("trusted origins through the admin API: checked, then applied to pings and CORS at once; null opens the Messenger to any site again", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: ADMIN });
  expect(await (await server.request("/admin/api/identity/origins", { headers: admin })).json()).toEqual({
    trusted_origins: { allowed_origins: null, setting: null, held_by_environment: false },
  });
  expect((await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }, { Origin: EVIL }))).status).toBe(200);

  const bad = await put(server, "origins", { allowed_origins: ["https://shop.example.com/pricing", "shop.example.com"] });
  expect(bad.status).toBe(400);
  const body = (await bad.json()) as { error: { code: string; issues: { path: string }[] } };
  expect(body.error.code).toBe("invalid_request");
  expect(body.error.issues.map((issue) => issue.path)).toEqual(["allowed_origins.0", "allowed_origins.1"]);
  expect((await put(server, "origins", { allowed_origins: [] })).status).toBe(400);

  const set = await put(server, "origins", { allowed_origins: ["https://Shop.example.com/", "https://*.example.org"] });
  expect(set.status).toBe(200);
  expect(await set.json()).toEqual({
    trusted_origins: { allowed_origins: [SHOP, "https://*.example.org"], setting: [SHOP, "https://*.example.org"], held_by_environment: false },
  });
  const fromShop = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000002", user: {} }, { Origin: SHOP }));
  expect(fromShop.status).toBe(200);
  expect(fromShop.headers.get("access-control-allow-origin")).toBe(SHOP);
  expect(fromShop.headers.get("vary")).toMatch(/Origin/);
  const fromEvil = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000003", user: {} }, { Origin: EVIL }));
  expect(fromEvil.status).toBe(403);
  expect(fromEvil.headers.get("access-control-allow-origin")).toBeNull();
  const preflight = await server.request(`/v1/apps/${APP_ID}/ping`, {
    method: "OPTIONS",
    headers: { Origin: "https://help.example.org", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
  });
  expect(preflight.headers.get("access-control-allow-origin")).toBe("https://help.example.org");

  expect((await put(server, "origins", { allowed_origins: null })).status).toBe(200);
  const open = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000004", user: {} }, { Origin: EVIL }));
  expect(open.status).toBe(200);
  expect(open.headers.get("access-control-allow-origin")).toBe("*");
});

test("PARLEY_ALLOWED_ORIGINS holds the trusted origins: the admin API shows them and refuses to change them", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: ADMIN, PARLEY_ALLOWED_ORIGINS: SHOP });
  const refused = await put(server, "origins", { allowed_origins: [EVIL] });
  expect(refused.status).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/PARLEY_ALLOWED_ORIGINS/);
  expect(await (await server.request("/admin/api/identity/origins", { headers: admin })).json()).toEqual({
    trusted_origins: { allowed_origins: [SHOP], setting: null, held_by_environment: true },
  });
  expect((await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000005", user: {} }, { Origin: EVIL }))).status).toBe(403);
});
