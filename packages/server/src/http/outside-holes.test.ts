import { createHmac } from "node:crypto";
import type { ConversationListResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { helpArticlePage, helpIndexPage } from "../demo/help";
import { openDatabase } from "../store/db";
import { MAX_ORIGINS_PER_APP, recordOrigin } from "../store/origins";
import { MAX_CONTACT_ATTRIBUTES } from "../store/contacts";
import { APP_ID, IDENTITY_SECRET, json, type TestParley, testParley } from "../testing/parley";

// The holes found when Parley was tried from outside, each closed and kept closed.

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const hash = (id: string) => createHmac("sha256", IDENTITY_SECRET).update(id).digest("hex");
const auth = (session: PingResponse) => ({ Authorization: `Bearer ${session.session.token}` });

async function ping(s: TestParley, body: unknown): Promise<PingResponse> {
  const response = await s.request(`/v1/apps/${APP_ID}/ping`, json(body));
  expect(response.status).toBe(200);
  return (await response.json()) as PingResponse;
}

async function startConversation(s: TestParley, session: PingResponse, text: string): Promise<StartConversationResponse> {
  const response = await s.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: `client-${Math.random().toString(36).slice(2, 12)}`, text }, auth(session)));
  expect(response.status).toBe(201);
  return (await response.json()) as StartConversationResponse;
}

test("an unverified ping naming a user once seen verified gets a separate contact that sees none of their conversations", async () => {
  server = await testParley();
  const ada = await ping(server, { visitor_id: "visitor-ada-1", user: { user_id: "ada", name: "Ada", email: "ada@example.com", user_hash: hash("ada") } });
  const secret = await startConversation(server, ada, "My card number is 4111 1111 1111 1111");

  const impostor = await ping(server, { visitor_id: "visitor-mallory", user: { user_id: "ada", name: "Mallory", email: "mallory@example.com" } });
  expect(impostor.user.id).not.toBe(ada.user.id);
  expect(impostor.user).toMatchObject({ verified: false, user_id: null, email: null });
  expect(impostor.conversations).toEqual([]);
  expect(impostor.notice?.code).toBe("identity_separated");
  const list = (await (await server.request(`/v1/apps/${APP_ID}/conversations`, { headers: auth(impostor) })).json()) as ConversationListResponse;
  expect(list.conversations).toEqual([]);
  expect((await server.request(`/v1/apps/${APP_ID}/conversations/${secret.conversation.id}`, { headers: auth(impostor) })).status).toBe(404);

  // Ada is untouched: still verified, still herself, still with her conversation.
  const again = await ping(server, { visitor_id: "visitor-ada-2", user: { user_id: "ada", user_hash: hash("ada") } });
  expect(again.user).toMatchObject({ id: ada.user.id, verified: true, name: "Ada", email: "ada@example.com" });
  expect(again.conversations.map((conversation) => conversation.id)).toEqual([secret.conversation.id]);
});

test("a verified ping never merges into an unverified contact unless the owner allows it", async () => {
  server = await testParley();
  const before = await ping(server, { visitor_id: "visitor-before", user: { user_id: "bob" } });
  await startConversation(server, before, "Hello from before verification");
  const verified = await ping(server, { visitor_id: "visitor-after", user: { user_id: "bob", user_hash: hash("bob") } });
  expect(verified.user.id).not.toBe(before.user.id);
  expect(verified.conversations).toEqual([]);
  await server.close();

  server = await testParley({ PARLEY_MERGE_UNVERIFIED_CONTACTS: "true" });
  const early = await ping(server, { visitor_id: "visitor-before", user: { user_id: "bob" } });
  const started = await startConversation(server, early, "Hello from before verification");
  const merged = await ping(server, { visitor_id: "visitor-after", user: { user_id: "bob", user_hash: hash("bob") } });
  expect(merged.user).toMatchObject({ id: early.user.id, verified: true });
  expect(merged.conversations.map((conversation) => conversation.id)).toEqual([started.conversation.id]);
});

test("concurrent first pings for one user all succeed, as one contact", async () => {
  server = await testParley();
  const s = server;
  const pings = await Promise.all(
    Array.from({ length: 12 }, (_, i) => s.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: `visitor-race-${i}`, user: { user_id: "racer", user_hash: hash("racer") } }))),
  );
  expect(pings.map((response) => response.status)).toEqual(Array(12).fill(200));
  const ids = new Set(await Promise.all(pings.map(async (response) => ((await response.json()) as PingResponse).user.id)));
  expect(ids.size).toBe(1);
});

test("the loader never bakes a forged Host into a script a shared cache may keep", async () => {
  server = await testParley();
  const forged = await server.request(`http://evil.example/widget/${APP_ID}`);
  expect(forged.headers.get("cache-control")).toMatch(/^private/);
  expect(forged.headers.get("vary")).toMatch(/\bHost\b/);
  await server.close();

  server = await testParley({ PARLEY_PUBLIC_URL: "https://chat.example.com" });
  const pinned = await server.request(`http://evil.example/widget/${APP_ID}`);
  const script = await pinned.text();
  expect(script).toContain('"https://chat.example.com"');
  expect(script).not.toContain("evil.example");
  expect(pinned.headers.get("cache-control")).toMatch(/^public/);
});

const article = (body: string, url = "/help/a") => ({ id: "a", title: "A", url, locale: "en", translationOf: null, body });

test.each([
  "[click](javascript:alert(1))",
  "[click](JAVASCRIPT:alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click][ref]\n\n[ref]: javascript:alert(1)",
  "<javascript:alert(1)>",
  "![x](javascript:alert(1))",
])("a help page shows %j without a link that runs script", (body) => {
  const html = helpArticlePage("Store", article(body));
  expect(html.toLowerCase()).not.toMatch(/(href|src)="\s*(javascript|data):/);
});

test("a help page keeps ordinary links, and an article url that could run script leads to its page instead", () => {
  expect(helpArticlePage("Store", article("[returns](/help/returns) and [site](https://example.com)"))).toMatch(
    /href="\/help\/returns".*href="https:\/\/example.com"/s,
  );
  const index = helpIndexPage("Store", [article("x", "javascript:alert(document.cookie)")]);
  expect(index).not.toContain("javascript:");
  expect(index).toContain('href="/help/a"');
});

test("a ping flood from one browser is refused with 429 and Retry-After; PARLEY_RATE_LIMIT=off lifts it", async () => {
  server = await testParley();
  const statuses: number[] = [];
  let refused: Response | undefined;
  for (let i = 0; i < 40; i++) {
    const response = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-flood", user: {} }));
    statuses.push(response.status);
    if (response.status === 429) refused = response;
  }
  expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
  expect(refused).toBeDefined();
  expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(((await refused!.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  // Another browser is not held back by this one.
  expect((await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-calm", user: {} }))).status).toBe(200);
  await server.close();

  server = await testParley({ PARLEY_RATE_LIMIT: "off" });
  for (let i = 0; i < 40; i++) {
    expect((await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-flood", user: {} }))).status).toBe(200);
  }
});

test("a client cannot make us remember unlimited origins", async () => {
  const db = await openDatabase({ memory: true });
  const at = new Date(0).toISOString();
  for (let i = 0; i < MAX_ORIGINS_PER_APP + 50; i++) await recordOrigin(db, "app", `https://site-${i}.example`, "anonymous", at);
  await recordOrigin(db, "app", `https://${"x".repeat(300)}.example`, "anonymous", at);
  const rows = await db.selectFrom("origins").select("origin").execute();
  expect(rows).toHaveLength(MAX_ORIGINS_PER_APP);
  // One already known keeps being updated.
  await recordOrigin(db, "app", "https://site-0.example", "verified", new Date(1000).toISOString());
  const first = await db.selectFrom("origins").selectAll().where("origin", "=", "https://site-0.example").executeTakeFirstOrThrow();
  expect(first.identity_status).toBe("verified");
  // A real site that starts pinging after the flood still shows in the installation check.
  await recordOrigin(db, "app", "https://real-shop.example", "verified", new Date(2000).toISOString());
  const now = await db.selectFrom("origins").select("origin").execute();
  expect(now).toHaveLength(MAX_ORIGINS_PER_APP);
  expect(now.map((row) => row.origin)).toContain("https://real-shop.example");
  await db.destroy();
});

test("a client cannot pile up unlimited custom attributes on a contact, ping after ping", async () => {
  server = await testParley({ PARLEY_RATE_LIMIT: "off" });
  const batch = (round: number) => Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`round${round}_${i}`, "v".repeat(200)]));
  for (let round = 0; round < 6; round++) await ping(server, { visitor_id: "visitor-attrs", user: { attributes: batch(round) } });
  // One the contact already has is still updated once the cap is reached.
  await ping(server, { visitor_id: "visitor-attrs", user: { attributes: { round0_0: "changed", brand_new: "x" } } });
  const row = await server.parley.db.selectFrom("contacts").select("attributes").where("visitor_id", "=", "visitor-attrs").executeTakeFirstOrThrow();
  const kept = JSON.parse(row.attributes) as Record<string, string>;
  expect(Object.keys(kept)).toHaveLength(MAX_CONTACT_ATTRIBUTES);
  expect(kept.round0_0).toBe("changed");
  expect(kept.round0_99).toBe("v".repeat(200));
  expect(kept.brand_new).toBeUndefined();
});
