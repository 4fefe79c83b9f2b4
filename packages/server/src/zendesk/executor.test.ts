import type { PingResponse, StartConversationResponse } from "@parley/protocol";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { createHmac } from "node:crypto";
import { APP_ID, IDENTITY_SECRET, json, type TestParley, testParley } from "../testing/parley";
import { validateWorkflow } from "../workflow";
import { FakeZendesk } from "./test-support";
import { signZendeskWebhook } from "./webhook-signature";

// Parley against a Zendesk that answers as Zendesk documents (reference §6–§8, §10): msw, not the simulator.
const ZENDESK = "https://acme.zendesk.com";
const SECRET = "webhook-secret-from-zendesk";

const REQUESTER = 9001;
const TICKET = 35436;
let fake = new FakeZendesk();

const mock = setupServer(http.all(`${ZENDESK}/*`, ({ request }) => fake.answer(request)));

beforeAll(() => mock.listen({ onUnhandledRequest: "error" }));
afterAll(() => mock.close());

let server: TestParley;
beforeEach(async () => {
  fake = new FakeZendesk({
    ticketId: TICKET,
    requesterId: REQUESTER,
    signingSecret: SECRET,
    requester: { name: "Ada Lovelace", email: "ada@example.com", external_id: "ada-42" },
  });
  server = await testParley({
    ZENDESK_SUBDOMAIN: "acme",
    ZENDESK_EMAIL: "admin@acme.test",
    ZENDESK_API_TOKEN: "token",
    PARLEY_PUBLIC_URL: "https://parley.acme.test",
  });
  await server.parley.zendeskReady;
});
afterEach(async () => {
  await server.close();
});

/** The page's proof that it signed this user in: their tickets go to their own Zendesk user. */
const userHash = (userId: string) => createHmac("sha256", IDENTITY_SECRET).update(userId).digest("hex");

async function converse(text: string) {
  const ping = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-1234", user: { user_id: "Ada-42", name: "Ada Lovelace", email: "ada@example.com", user_hash: userHash("Ada-42") } }));
  const session = (await ping.json()) as PingResponse;
  const started = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-0001", text }, { Authorization: `Bearer ${session.session.token}` }));
  await server.parley.outbox.idle();
  return { session, conversation: ((await started.json()) as StartConversationResponse).conversation };
}

const made = (method: string, path: string) => fake.calls.filter((call) => call.method === method && call.path.startsWith(path));

test("on start Parley registers a signed webhook and a trigger for agents' public replies", () => {
  const [webhook] = made("POST", "/api/v2/webhooks.json");
  expect(webhook?.body).toMatchObject({ webhook: { endpoint: "https://parley.acme.test/webhooks/zendesk", subscriptions: ["conditional_ticket_events"] } });
  const [trigger] = made("POST", "/api/v2/triggers.json");
  expect(trigger?.body).toMatchObject({
    trigger: {
      conditions: {
        all: expect.arrayContaining([
          { field: "current_via_id", operator: "is_not", value: "5" },
          { field: "current_tags", operator: "includes", value: "intercom-messenger" },
        ]),
      },
      actions: [{ field: "notification_webhook", value: ["01HWEBHOOK", expect.stringContaining("{{ticket.id}}")] }],
    },
  });
});

test("a first message makes the user (by lower-cased external id), then an idempotent ticket they requested", async () => {
  const { conversation } = await converse("How do I reset my password?");
  const [user] = made("POST", "/api/v2/users/create_or_update.json");
  expect(user?.body).toEqual({
    user: { name: "Ada Lovelace", role: "end-user", skip_verify_email: true, external_id: "ada-42", email: "ada@example.com" },
  });
  const [ticket] = made("POST", "/api/v2/tickets.json");
  expect(ticket?.headers.get("idempotency-key")).toBe(`parley:${conversation.id}:ticket`);
  expect(ticket?.body).toEqual({
    ticket: {
      subject: "Messenger: How do I reset my password?",
      comment: { body: "How do I reset my password?", public: true, author_id: REQUESTER },
      requester_id: REQUESTER,
      tags: ["intercom-messenger", "fin-involved"],
      external_id: conversation.id,
      // The AI agent takes the ticket: Parley's API user is its Zendesk user.
      assignee_id: 5,
    },
  });
  // The AI's answer follows as one update: the resolution tags (the ticket's whole list, as a safe
  // update from the ticket as created) with the public comment solving the ticket, so triggers
  // firing on the status change see the tags.
  const order = fake.calls.map((call) => `${call.method} ${call.path.split("?")[0]}`).filter((call) => call.includes(`/tickets`));
  expect(order).toEqual(["POST /api/v2/tickets.json", `PUT /api/v2/tickets/${TICKET}.json`]);
  const [update] = made("PUT", `/api/v2/tickets/${TICKET}.json`);
  expect(update?.body).toMatchObject({
    ticket: { status: "solved", comment: { public: true }, tags: ["fin-resolved", "fin-soft-resolution"], safe_update: true, updated_stamp: "2026-11-23T10:00:00Z" },
  });
  expect((update?.body as { ticket: { comment: Record<string, unknown> } }).ticket.comment).not.toHaveProperty("author_id");
});

test("a signed webhook brings an agent's public reply into the conversation once, and nothing else", async () => {
  const { session, conversation } = await converse("Can I bring my dog to the store?");
  fake.comments = [
    { id: 1, author_id: REQUESTER, body: "Can I bring my dog to the store?", public: true, created_at: "2026-11-23T10:00:00Z", via: { channel: "api" } },
    { id: 2, author_id: 1, body: "Handed off…", public: false, created_at: "2026-11-23T10:00:01Z", via: { channel: "api" } },
    { id: 3, author_id: 7, body: "Internal: check policy", public: false, created_at: "2026-11-23T10:01:00Z", via: { channel: "web" } },
    { id: 4, author_id: 7, body: "Yes, dogs are welcome!", public: true, created_at: "2026-11-23T10:02:00Z", via: { channel: "web" } },
  ];
  const deliver = (invocation: string, secret = SECRET) => {
    const body = JSON.stringify({ type: "agent_reply", ticket_id: String(TICKET) });
    const timestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    return server.request("/webhooks/zendesk", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "x-zendesk-webhook-invocation-id": invocation,
        "x-zendesk-webhook-signature-timestamp": timestamp,
        "x-zendesk-webhook-signature": signZendeskWebhook(secret, timestamp, body),
      },
      body,
    });
  };
  expect((await deliver("inv-1", "not-the-secret")).status).toBe(401);
  expect((await deliver("inv-1")).status).toBe(200);
  expect(await (await deliver("inv-1")).json()).toEqual({ status: "duplicate" });
  expect((await deliver("inv-2")).status).toBe(200); // a second notice for the same reply
  await server.parley.outbox.idle();

  const history = await server.request(`/v1/apps/${APP_ID}/conversations/${conversation.id}`, {
    headers: { Authorization: `Bearer ${session.session.token}` },
  });
  const { messages } = (await history.json()) as { messages: { author: { type: string; name: string | null }; text: string }[] };
  const fromAgents = messages.filter((message) => message.author.type === "agent");
  expect(fromAgents).toEqual([expect.objectContaining({ author: { type: "agent", name: "Sam" }, text: "Yes, dogs are welcome!" })]);
});

test("a workflow's collected data reaches Zendesk: the requester's user fields, the ticket's custom fields, the AI agent unassigned", async () => {
  const check = validateWorkflow({
    schema_version: 1,
    greeting: { text: "Hi" },
    start: "answer",
    attributes: [
      { name: "order_number", type: "text", ticket_field: "order" },
      { name: "email", type: "email", user_field: "contact_email" },
    ],
    ticket_fields: [{ name: "order", id: 360001 }],
    steps: {
      answer: { type: "ai_answer", then: "order" },
      order: { type: "collect_data", text: "Your order?", fields: [{ attribute: "order_number", label: "Order number" }, { attribute: "email", label: "Email" }], then: "team" },
      team: { type: "handoff", mode: "ticket" },
    },
  });
  if (!check.ok) throw new Error(JSON.stringify(check.issues));
  await server.parley.workflows.setLive(check.workflow);
  const { session, conversation } = await converse("Can I bring my dog to your store?");
  await server.request(
    `/v1/apps/${APP_ID}/conversations/${conversation.id}/messages`,
    json({ client_id: "client-0002", text: "Order number: 10452", form: { order_number: "10452", email: "ada@example.com" } }, { Authorization: `Bearer ${session.session.token}` }),
  );
  await server.parley.outbox.idle();

  const users = made("POST", "/api/v2/users/create_or_update.json");
  expect(users.at(-1)?.body).toMatchObject({ user: { external_id: "ada-42", user_fields: { contact_email: "ada@example.com" } } });
  const updates = made("PUT", `/api/v2/tickets/${TICKET}.json`).map((call) => call.body as { ticket: Record<string, unknown> });
  expect(updates.at(-1)?.ticket).toMatchObject({ status: "open", assignee_id: null, custom_fields: [{ id: 360001, value: "10452" }], comment: { public: false } });
});

test("the team's note at a hand-off lists what the customer did on the site (tracked events), newest first", async () => {
  const ping = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-1234", user: { user_id: "Ada-42", name: "Ada Lovelace", email: "ada@example.com", user_hash: userHash("Ada-42") } }));
  const auth = { Authorization: `Bearer ${((await ping.json()) as PingResponse).session.token}` };
  for (const [name, at] of [["viewed-pricing", 1_764_000_000], ["viewed-pricing", 1_764_000_600], ["started-checkout", 1_764_001_200]] as const) {
    expect((await server.request(`/v1/apps/${APP_ID}/events`, json({ event_name: name, created_at: at }, auth))).status).toBe(201);
  }
  // The default workflow: a question the help center cannot answer goes to the team.
  await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-0001", text: "Can I bring my dog to your store?" }, auth));
  await server.parley.outbox.idle();

  const updates = made("PUT", `/api/v2/tickets/${TICKET}.json`).map((call) => call.body as { ticket: { comment?: { body: string; public: boolean } } });
  const note = updates.map((update) => update.ticket.comment).find((comment) => comment?.public === false && comment.body.includes("tracked events"));
  expect(note?.body).toContain(
    "What the customer did on the site (tracked events):\n- started-checkout: once, last 2025-11-24 16:20 UTC\n- viewed-pricing: 2 times, last 2025-11-24 16:10 UTC",
  );
  // The customer's own messages and the AI's public replies carry none of it.
  expect(updates.filter((update) => update.ticket.comment?.public && update.ticket.comment.body.includes("tracked events"))).toEqual([]);
});
