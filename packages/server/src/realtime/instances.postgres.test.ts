import type { PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { freshDatabase, type TestDatabase } from "../testing/database";
import { APP_ID, json, readEvents, type TestParley, testParley } from "../testing/parley";
import { acmeSupportEnv, FakeZendesk } from "../zendesk/test-support";
import { signZendeskWebhook } from "../zendesk/webhook-signature";

// Several instances on one PostgreSQL (this file runs in the PostgreSQL pass of `npm test`).

const TICKET = 4_200_000_000_077;
const REQUESTER = 9001;
const SECRET = "webhook-secret";
const ZENDESK_ENV = { ...acmeSupportEnv("http://localhost:1"), ZENDESK_WEBHOOK_SECRET: SECRET };

const servers: TestParley[] = [];
let database: TestDatabase | undefined;
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await database?.dispose();
});

test("a customer streaming from instance A sees the AI's answer made by instance B and an agent's reply whose webhook reached instance C, in order, once each", async () => {
  database = await freshDatabase();
  // The few Zendesk answers the journey needs; the agent's comment is added below.
  const fake = new FakeZendesk({ ticketId: TICKET, requesterId: REQUESTER });
  const [a, b, c] = await Promise.all([0, 1, 2].map(() => testParley(ZENDESK_ENV, { fetch: fake.fetch, database })));
  servers.push(a!, b!, c!);
  // Only B runs jobs, so the answer is B's.
  await Promise.all([a!.parley.outbox.stop(0), c!.parley.outbox.stop(0)]);

  const ping = (await (await a!.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }))).json()) as PingResponse;
  const auth = { Authorization: `Bearer ${ping.session.token}` };
  const stream = await a!.request(`/v1/apps/${APP_ID}/stream`, { headers: auth });
  const heard = readEvents(stream, (events) => events.some((event) => event.data.includes("Yes, dogs are welcome")), 10_000);

  const started = (await (
    await b!.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-0000000001", text: "How do I reset my password?" }, auth))
  ).json()) as StartConversationResponse;
  await b!.parley.outbox.idle();

  fake.comments.push({ id: 4, author_id: 7, body: "Yes, dogs are welcome!", public: true, created_at: "2026-01-01T00:02:00Z", via: { channel: "web" } });
  const body = JSON.stringify({ ticket_id: String(TICKET) });
  const timestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const delivered = await c!.request("/webhooks/zendesk", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "x-zendesk-webhook-invocation-id": "inv-1",
      "x-zendesk-webhook-signature-timestamp": timestamp,
      "x-zendesk-webhook-signature": signZendeskWebhook(SECRET, timestamp, body),
    },
    body,
  });
  expect(await delivered.json()).toEqual({ status: "queued" });
  b!.parley.outbox.kick();

  const frames = (await heard).filter((event) => event.id !== undefined);
  const messages = frames
    .filter((event) => event.event === "message")
    .map((event) => JSON.parse(event.data) as { message: { author: { type: string }; text: string; conversation_id: string } });
  expect(messages.map(({ message }) => message.author.type)).toEqual(["customer", "ai", "agent"]);
  expect(messages.every(({ message }) => message.conversation_id === started.conversation.id)).toBe(true);
  expect(messages[2]?.message.text).toBe("Yes, dogs are welcome!");
  // The stream's ids count 1, 2, 3… with no gap and no repeat, whichever instance stored the frame.
  const ids = frames.map((event) => Number(event.id));
  expect(ids).toEqual(ids.map((_, index) => Number(ping.stream_cursor) + index + 1));
}, 30_000);

test("a stream resumed on another instance with Last-Event-ID continues exactly where it stopped", async () => {
  database = await freshDatabase();
  const [a, b] = await Promise.all([0, 1].map(() => testParley({}, { database })));
  servers.push(a!, b!);
  const ping = (await (await a!.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000002", user: {} }))).json()) as PingResponse;
  const auth = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (await a!.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-0000000001", text: "Hello" }, auth))).json()) as StartConversationResponse;
  await Promise.all([a!.parley.outbox.idle(), b!.parley.outbox.idle()]);
  await b!.request(`/v1/apps/${APP_ID}/conversations/${started.conversation.id}/messages`, json({ client_id: "client-0000000002", text: "How do I reset my password?" }, auth));
  await Promise.all([a!.parley.outbox.idle(), b!.parley.outbox.idle()]);

  const first = await readEvents(await a!.request(`/v1/apps/${APP_ID}/stream?after=0`, { headers: auth }), (events) => events.filter((e) => e.id).length >= 2);
  const lastSeen = first.filter((event) => event.id).at(1)!.id!;
  const rest = await readEvents(
    await b!.request(`/v1/apps/${APP_ID}/stream`, { headers: { ...auth, "Last-Event-ID": lastSeen } }),
    () => false,
    500,
  );
  const all = await readEvents(await b!.request(`/v1/apps/${APP_ID}/stream?after=0`, { headers: auth }), () => false, 500);
  const allIds = all.filter((event) => event.id).map((event) => event.id);
  expect(rest.filter((event) => event.id).map((event) => event.id)).toEqual(allIds.slice(2));
  expect(allIds.length).toBeGreaterThan(2);
}, 30_000); // two instances start and the AI answers: slower than 5 s on a busy machine
