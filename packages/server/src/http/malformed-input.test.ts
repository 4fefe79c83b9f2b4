import type { PingResponse, StartConversationResponse } from "@parley/protocol";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { hashPassword } from "../security/password";
import type { Database } from "../store/schema";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";

// Random and malformed requests at every public endpoint: never a 5xx, and a refused request changes nothing.

const ADMIN = "admin-token-for-property-tests";
let server: TestParley;
let session: PingResponse;
let conversationId: string;

beforeAll(async () => {
  server = await testParley({
    PARLEY_RATE_LIMIT: "off",
    PARLEY_ADMIN_TOKEN: ADMIN,
    PARLEY_ADMIN_PASSWORD_HASH: await hashPassword("the admin password"),
    ZENDESK_WEBHOOK_SECRET: "webhook-secret-for-tests",
  });
  session = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-property", user: {} }))).json()) as PingResponse;
  const started = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-property", text: "Hello" }, { Authorization: `Bearer ${session.session.token}` }));
  conversationId = ((await started.json()) as StartConversationResponse).conversation.id;
  await server.parley.outbox.idle();
});
afterAll(async () => {
  await server.close();
});

const TABLES: (keyof Database)[] = ["contacts", "sessions", "conversations", "messages", "outbox", "stream_events", "articles", "identity_settings", "admin_sessions", "webhook_receipts"];

async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await server.parley.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** An id from the real ones, or anything at all (path-encoded). */
const id = () => fc.oneof(fc.constant(conversationId), fc.string({ maxLength: 80 }), fc.constantFrom("..", "%00", "' OR 1=1 --", "conv_" + "x".repeat(300)));
const appId = fc.oneof(fc.constant(APP_ID), fc.string({ maxLength: 70 }));
const authorization = fc.oneof(
  fc.constant(undefined),
  fc.constant("session"),
  fc.constant(`Bearer ${ADMIN}`),
  fc.string({ maxLength: 100 }).map((token) => `Bearer ${token}`),
  fc.string({ maxLength: 60 }),
);
const contentType = fc.constantFrom(undefined, "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x");
const validPing = { visitor_id: "visitor-property", user: { user_id: "u1", email: "a@b.co", name: "A", attributes: { plan: "pro" } }, page: { url: "https://x.test/" } };
const validMessage = { client_id: "client-abcdefgh", text: "hi", action: "handoff" };

/** Bodies that are almost right: a valid one with a field replaced by anything, or anything at all. */
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  fc.tuple(fc.constantFrom(validPing, validMessage), fc.constantFrom("visitor_id", "user", "page", "client_id", "text", "action", "article_id"), fc.anything()).map(
    ([valid, key, value]) => JSON.stringify({ ...valid, [key]: value }),
  ),
  fc.record({ user: fc.record({ user_id: fc.anything(), user_hash: fc.string(), intercom_user_jwt: fc.string() }), visitor_id: fc.string() }).map((value) => JSON.stringify(value)),
  fc.constant(`{"text":"${"x".repeat(70_000)}"}`),
);

const request = fc.record({
  endpoint: fc.constantFrom(
    "POST ping",
    "GET conversations",
    "POST conversations",
    "GET conversation",
    "POST messages",
    "GET stream",
    "GET search",
    "GET article",
    "POST webhook",
    "GET widget",
    "GET help",
    "POST login",
    "PUT enforcement",
    "POST hash",
    "POST articles",
    "GET installation",
  ),
  app: appId,
  id: id(),
  query: fc.string({ maxLength: 250 }),
  authorization,
  contentType,
  body,
});

type RandomRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

function toRequest(r: RandomRequest): { path: string; init: RequestInit } {
  const [method, what] = r.endpoint.split(" ") as [string, string];
  const app = encodeURIComponent(r.app);
  const item = encodeURIComponent(r.id);
  const paths: Record<string, string> = {
    ping: `/v1/apps/${app}/ping`,
    conversations: `/v1/apps/${app}/conversations`,
    conversation: `/v1/apps/${app}/conversations/${item}`,
    messages: `/v1/apps/${app}/conversations/${item}/messages`,
    stream: `/v1/apps/${app}/stream?token=${encodeURIComponent(r.query)}&after=${item}`,
    search: `/v1/apps/${app}/articles/search?q=${encodeURIComponent(r.query)}`,
    article: `/v1/apps/${app}/articles/${item}`,
    webhook: "/webhooks/zendesk",
    widget: `/widget/${app}`,
    help: `/help/${item}`,
    login: "/admin/api/login",
    enforcement: "/admin/api/identity/enforcement",
    hash: "/admin/api/identity/hash",
    articles: "/admin/api/articles",
    installation: "/admin/api/installation",
  };
  const headers: Record<string, string> = {};
  if (r.authorization === "session") headers.Authorization = `Bearer ${session.session.token}`;
  else if (r.authorization !== undefined) headers.Authorization = r.authorization;
  if (r.contentType !== undefined) headers["Content-Type"] = r.contentType;
  return { path: `http://localhost:8787${paths[what]}`, init: { method, headers, ...(method !== "GET" && { body: r.body }) } };
}

test("no random or malformed request gets a 5xx, and a refused one changes nothing", async () => {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const { path, init } = toRequest(r);
      // Work an earlier, accepted request queued (the AI's answer) must not land between the two counts.
      await server.parley.outbox.idle();
      const before = await snapshot();
      let response: Response;
      try {
        response = await server.request(path, init);
      } catch (error) {
        // A header value the Request constructor itself refuses never reaches the server.
        if (error instanceof TypeError) return;
        throw error;
      }
      // Streams stay open: read the status, then hang up.
      await response.body?.cancel();
      expect(response.status, `${init.method} ${path}`).toBeLessThan(500);
      if (response.status >= 400) {
        await server.parley.outbox.idle();
        expect(await snapshot(), `${init.method} ${path} → ${response.status}`).toEqual(before);
      }
    }),
    { numRuns: 400 },
  );
}, 120_000);
