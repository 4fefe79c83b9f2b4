import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PingResponse, StartConversationResponse } from "@parley/protocol";
import { createSimulator, type Simulator } from "@parley/zendesk-sim";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { replyAddress } from "../email/reply-address";
import { hashPassword } from "../security/password";
import type { Database } from "../store/schema";
import { APP_ID, IDENTITY_SECRET, json, type TestParley, testParley } from "../testing/parley";
import { SIMULATOR_CONVERSATIONS_APP, SIMULATOR_CONVERSATIONS_AUTH, SIMULATOR_URL, simulatorFetch, simulatorZendeskEnv } from "../zendesk/test-support";

// Random and malformed requests at every public endpoint: never a 5xx, and a refused request changes
// nothing. Zendesk (Support and Conversations) is the simulator, so both webhooks are live. Rate
// limits are off here (they have their own tests): with them on, a refused login is counted in
// rate_buckets on purpose, and here that table must stay as it is.

const ADMIN = "admin-token-for-property-tests";
const EMAIL_SECRET = "inbound-email-secret-for-tests";
const REPLY_DOMAIN = "reply.parley.test";
const exampleWorkflow = JSON.parse(readFileSync(fileURLToPath(new URL("../../../../examples/workflows/collect-order-number.json", import.meta.url)), "utf8"));
let server: TestParley;
let sim: Simulator;
let session: PingResponse;
let conversationId: string;
let conversationsKey = "";

beforeAll(async () => {
  let parley: TestParley | undefined;
  sim = createSimulator({
    webhookRetryDelaysMs: [20],
    conversations: { webhookRetryDelaysMs: [20] },
    fetch: async (input, init) => {
      if (!parley) return new Response("not yet", { status: 503 });
      return parley.parley.app.fetch(new Request(`http://localhost:8787${new URL(String(input)).pathname}`, init));
    },
  });
  server = parley = await testParley(
    {
      PARLEY_RATE_LIMIT: "off",
      PARLEY_ADMIN_TOKEN: ADMIN,
      PARLEY_ADMIN_PASSWORD_HASH: await hashPassword("the admin password"),
      PARLEY_EMAIL_REPLY_DOMAIN: REPLY_DOMAIN,
      PARLEY_INBOUND_EMAIL_SECRET: EMAIL_SECRET,
      ...simulatorZendeskEnv(),
    },
    { fetch: simulatorFetch(sim) },
  );
  await server.parley.zendeskReady;
  await server.parley.conversationsReady;
  const integrations = (await (await sim.fetch(new Request(`${SIMULATOR_URL}/v2/apps/${SIMULATOR_CONVERSATIONS_APP.appId}/integrations`, { headers: { Authorization: SIMULATOR_CONVERSATIONS_AUTH } }))).json()) as {
    integrations: { webhooks: { secret: string }[] }[];
  };
  conversationsKey = integrations.integrations[0]?.webhooks[0]?.secret ?? "";
  expect(conversationsKey).not.toBe("");
  session = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-property", user: {} }))).json()) as PingResponse;
  const started = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-property", text: "Hello" }, { Authorization: `Bearer ${session.session.token}` }));
  conversationId = ((await started.json()) as StartConversationResponse).conversation.id;
  await settle();
});
afterAll(async () => {
  await server.close();
});

/** Work an earlier, accepted request started (the AI's answer, a hand-off, Zendesk's webhooks back) is done. */
async function settle(): Promise<void> {
  await server.parley.outbox.idle();
  await sim.idle();
  await server.parley.outbox.idle();
}

/** Every table, compared row by row (not only counted: an update is a change too). */
const TABLES: (keyof Database)[] = [
  "contacts",
  "sessions",
  "conversations",
  "messages",
  "stream_events",
  "stream_cursors",
  "outbox",
  "timers",
  "origins",
  "contact_events",
  "rate_buckets",
  "articles",
  "identity_settings",
  "admin_sessions",
  "webhook_receipts",
  "email_notifications",
  "workflow_versions",
  "workflow_settings",
  "app_launch",
  "zendesk_tickets",
  "zendesk_live_chats",
  "zendesk_live_posts",
  "zendesk_connections",
];

type Snapshot = Record<string, string[]>;

async function snapshot(): Promise<Snapshot> {
  // All at once: on PostgreSQL the pool reads them in parallel (the test runs hundreds of these).
  const rows = await Promise.all(TABLES.map((table) => server.parley.db.selectFrom(table).selectAll().execute()));
  return Object.fromEntries(TABLES.map((table, i) => [table, (rows[i] ?? []).map((row) => JSON.stringify(row)).sort()]));
}

/**
 * The one change a refused request may make: a ping refused for a wrong user_hash or JWT is
 * deliberately recorded against its origin as "rejected" (the installation check shows owners their
 * failing sites). At most that one origin row is new or changed, and it says "rejected".
 */
function withoutRejectedOrigin(before: Snapshot, after: Snapshot): Snapshot {
  const old = new Set(before.origins);
  const changed = (after.origins ?? []).filter((row) => !old.has(row));
  expect(changed.length).toBeLessThanOrEqual(1);
  for (const row of changed) expect(JSON.parse(row)).toMatchObject({ identity_status: "rejected" });
  const untouched = (after.origins ?? []).filter((row) => old.has(row));
  const changedOrigins = new Set(changed.map((row) => (JSON.parse(row) as { origin: string }).origin));
  const replaced = (before.origins ?? []).filter((row) => changedOrigins.has((JSON.parse(row) as { origin: string }).origin));
  return { ...after, origins: [...untouched, ...replaced].sort() };
}

/** An id from the real ones, or anything at all (path-encoded). */
const id = () => fc.oneof(fc.constant(conversationId), fc.string({ maxLength: 80 }), fc.constantFrom("..", "%00", "' OR 1=1 --", "conv_" + "x".repeat(300)));
const appId = fc.oneof({ weight: 4, arbitrary: fc.constant(APP_ID) }, fc.string({ maxLength: 70 }));
/** Most often the endpoint's own credential (so requests get past the gate), else none or a guess. */
const authorization = fc.oneof(
  { weight: 4, arbitrary: fc.constant("right") },
  fc.constant(undefined),
  fc.constant("session"),
  fc.constant(`Bearer ${ADMIN}`),
  fc.constant(`Bearer ${EMAIL_SECRET}`),
  fc.string({ maxLength: 100 }).map((token) => `Bearer ${token}`),
  fc.string({ maxLength: 60 }),
);
/** The Conversations webhook's key, when the credential is not the right one: none or a guess. */
const apiKey = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 60 }));
/** A reply email to the conversation's real reply address (or a forged one), from anyone. */
const email = fc
  .record({
    to: fc.oneof(fc.constant("real"), fc.string({ maxLength: 60 })),
    from: fc.oneof(fc.constant("customer@example.com"), fc.string({ maxLength: 60 })),
    text: fc.string({ maxLength: 200 }),
    headers: fc.string({ maxLength: 120 }),
  })
  .map(({ to, from, text, headers }) =>
    [
      `From: ${from}`,
      `To: ${to === "real" ? replyAddress(conversationId, IDENTITY_SECRET, REPLY_DOMAIN) : to}`,
      "Subject: Re: your conversation",
      headers,
      "",
      text,
    ].join("\r\n"),
  );
const contentType = fc.constantFrom(undefined, "application/json", "application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x");
const validPing = { visitor_id: "visitor-property", user: { user_id: "u1", email: "a@b.co", name: "A", attributes: { plan: "pro" } }, page: { url: "https://x.test/" } };
const validMessage = { client_id: "client-abcdefgh", text: "hi", action: "handoff" };
const validEvent = { client_id: "event-abcdefgh", event_name: "ordered", created_at: 1_700_000_000, metadata: { plan: "pro" } };
const validWebhook = { app: { id: "sim-app" }, webhook: { id: "w", version: "v2" }, events: [{ id: "e1", createdAt: "2026-01-01T00:00:00Z", type: "conversation:message", payload: {} }] };
const validAdmin = [
  { allowed_origins: ["https://shop.example"] },
  { merge: true },
  { live: true },
  { version: 0 },
  { user_id: "u1", email: "a@b.co", name: "A" },
  exampleWorkflow,
];

/** Bodies that are almost right: a valid one with a field replaced by anything, or anything at all. */
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  fc.tuple(
    fc.constantFrom(validPing, validMessage, validEvent, validWebhook, ...validAdmin),
    fc.constantFrom("visitor_id", "user", "page", "client_id", "text", "action", "article_id", "event_name", "metadata", "created_at", "events", "allowed_origins", "merge", "live", "version", "steps", "start", "greeting"),
    fc.anything(),
  ).map(
    ([valid, key, value]) => JSON.stringify({ ...valid, [key]: value }),
  ),
  fc.record({ user: fc.record({ user_id: fc.anything(), user_hash: fc.string(), intercom_user_jwt: fc.string() }), visitor_id: fc.string() }).map((value) => JSON.stringify(value)),
  fc.constant(`{"text":"${"x".repeat(70_000)}"}`),
  email,
  // A well-formed ping with a wrong (or right-looking) hash, from some site: refused, or a new session.
  fc
    .record({ user_id: fc.string({ minLength: 1, maxLength: 20 }), user_hash: fc.oneof(fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 }), fc.string()), site: fc.webUrl() })
    .map(({ user_id, user_hash, site }) => JSON.stringify({ visitor_id: "visitor-property", user: { user_id, user_hash }, page: { url: site } })),
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
    "POST events",
    "POST email",
    "POST sunco",
    "POST logout",
    "PUT origins",
    "PUT merging",
    "PUT draft",
    "POST validate",
    "POST publish",
    "POST rollback",
    "PUT live",
    "POST test-link",
    "POST validation",
  ),
  app: appId,
  id: id(),
  query: fc.string({ maxLength: 250 }),
  authorization,
  apiKey,
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
    events: `/v1/apps/${app}/events`,
    email: "/webhooks/email",
    sunco: "/webhooks/conversations",
    logout: "/admin/api/logout",
    origins: "/admin/api/identity/origins",
    merging: "/admin/api/identity/merging",
    draft: "/admin/api/workflow/draft",
    validate: "/admin/api/workflow/validate",
    publish: "/admin/api/workflow/publish",
    rollback: "/admin/api/workflow/rollback",
    live: "/admin/api/setup/live",
    "test-link": "/admin/api/setup/test-link",
    validation: "/admin/api/setup/validation",
  };
  const headers: Record<string, string> = {};
  const right = paths[what]!.startsWith("/admin/") ? `Bearer ${ADMIN}` : what === "email" ? `Bearer ${EMAIL_SECRET}` : what === "sunco" ? undefined : "session";
  const authorization = r.authorization === "right" ? right : r.authorization;
  if (authorization === "session") headers.Authorization = `Bearer ${session.session.token}`;
  else if (authorization !== undefined) headers.Authorization = authorization;
  if (r.contentType !== undefined) headers["Content-Type"] = r.contentType;
  const key = what === "sunco" && r.authorization === "right" ? conversationsKey : r.apiKey;
  if (key !== undefined) headers["X-API-Key"] = key;
  return { path: `http://localhost:8787${paths[what]}`, init: { method, headers, ...(method !== "GET" && { body: r.body }) } };
}

test("no random or malformed request gets a 5xx, and a refused one changes nothing", async () => {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const { path, init } = toRequest(r);
      // Work an earlier, accepted request queued must not land between the two snapshots.
      await settle();
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
        await settle();
        const after = await snapshot();
        const allowed = r.endpoint === "POST ping" && response.status === 401 ? withoutRejectedOrigin(before, after) : after;
        expect(allowed, `${init.method} ${path} → ${response.status}`).toEqual(before);
      }
    }),
    { numRuns: 400 },
  );
}, 180_000);
