import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { startSimulator } from "../index";
import { apiClient, endUser, newTicket, testSimulator } from "../test-client";

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A real HTTP endpoint that records what it receives and answers with `statusFor(n)`. */
async function receiver(statusFor: (n: number) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.statusCode = statusFor(received.length);
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${port}/webhooks/zendesk`, received };
}

/** The check a receiver does, written from Zendesk's docs: base64(HMAC-SHA256(secret, TS ‖ BODY)). */
function signatureIsValid(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = String(headers["x-zendesk-webhook-signature-timestamp"]);
  const expected = createHmac("sha256", Buffer.from(secret, "utf8")).update(Buffer.from(timestamp + body, "utf8")).digest();
  const given = Buffer.from(String(headers["x-zendesk-webhook-signature"]), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const AGENT_REPLY_TEMPLATE = JSON.stringify({
  type: "agent_reply",
  ticketId: "{{ticket.id}}",
  externalId: "{{ticket.external_id}}",
  status: "{{ticket.status}}",
  tags: "{{ticket.tags}}",
  title: "{{ticket.title}}",
  comment: "{{ticket.latest_public_comment}}",
  commentId: "{{ticket.public_comments[0].id}}",
  requester: { id: "{{ticket.requester.id}}", externalId: "{{ticket.requester.external_id}}", email: "{{ticket.requester.email}}", name: "{{ticket.requester.name}}" },
  currentUser: { id: "{{current_user.id}}", name: "{{current_user.name}}", email: "{{current_user.email}}" },
  unknown: "{{ticket.no_such_thing}}",
});

/** The trigger Parley sets up: public replies that didn't come through the API, on our tickets. */
async function agentReplyTrigger(api: ReturnType<typeof apiClient>, endpoint: string, signingSecret?: string) {
  const webhook = await api("POST", "/api/v2/webhooks", {
    webhook: {
      name: "Parley agent replies",
      status: "active",
      endpoint,
      http_method: "POST",
      request_format: "json",
      subscriptions: ["conditional_ticket_events"],
      ...(signingSecret ? { signing_secret: { algorithm: "SHA256", secret: signingSecret } } : {}),
    },
  });
  expect(webhook.status).toBe(201);
  expect(webhook.body.webhook.id).toMatch(/^01[0-9A-HJKMNP-TV-Z]{24}$/);
  const trigger = await api("POST", "/api/v2/triggers.json", {
    trigger: {
      title: "Parley: agent replied",
      conditions: {
        all: [
          { field: "comment_is_public", operator: "is", value: "requester_can_see_comment" },
          { field: "current_via_id", operator: "is_not", value: 5 },
          { field: "current_tags", operator: "includes", value: "intercom-messenger" },
        ],
        any: [],
      },
      actions: [{ field: "notification_webhook", value: [webhook.body.webhook.id, AGENT_REPLY_TEMPLATE] }],
    },
  });
  expect(trigger.status).toBe(201);
  return { webhookId: webhook.body.webhook.id as string, triggerId: trigger.body.trigger.id as number };
}

test("an agent-page reply fires the trigger: a signed webhook with JSON-escaped placeholders reaches a real endpoint", async () => {
  const endpoint = await receiver();
  const server = await startSimulator({ port: 0, webhookRetryDelaysMs: [20, 40, 80] });
  cleanups.push(server.close);
  const { simulator } = server;
  const api = apiClient(simulator);
  const http = async (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  const { webhookId } = await agentReplyTrigger(api, endpoint.url);
  const secret = (await api("GET", `/api/v2/webhooks/${webhookId}/signing_secret`)).body.signing_secret;
  expect(secret).toEqual({ algorithm: "SHA256", secret: "sim-webhook-secret" });

  const requester = await endUser(api, "Msgr-User-1", "Jane Doe", "jane@example.com");
  const ticket = await newTicket(api, { requester_id: requester, external_id: "conv_1", comment: { body: "Where is my order?" }, tags: ["intercom-messenger"] });
  const reply = 'Hi "Jane",\nyour order ships today.\n\tPath: C:\\orders\\42 </script>';
  const form = new URLSearchParams({ body: reply, status: "pending" });
  const posted = await http(`/agent/tickets/${ticket.id}/comments`, { method: "POST", body: form, redirect: "manual" });
  expect(posted.status).toBe(303);
  await simulator.idle();

  expect(endpoint.received).toHaveLength(1);
  const [request] = endpoint.received;
  if (!request) throw new Error("no webhook request");
  expect(request.method).toBe("POST");
  expect(request.headers["content-type"]).toBe("application/json");
  expect(request.headers["x-zendesk-webhook-id"]).toBe(webhookId);
  expect(request.headers["x-zendesk-account-id"]).toMatch(/^\d+$/);
  expect(request.headers["x-zendesk-webhook-invocation-id"]).toMatch(/^\d+$/);
  expect(request.headers["x-zendesk-webhook-signature-timestamp"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(signatureIsValid(secret.secret, request.headers, request.body)).toBe(true);
  expect(signatureIsValid("another-secret", request.headers, request.body)).toBe(false);

  const comments = (await api("GET", `/api/v2/tickets/${ticket.id}/comments.json`)).body.comments;
  const agentComment = comments.at(-1);
  expect(agentComment).toMatchObject({ via: { channel: "web" }, public: true, author_id: (await api("GET", "/api/v2/users/me")).body.user.id });
  expect(JSON.parse(request.body)).toEqual({
    type: "agent_reply",
    ticketId: String(ticket.id),
    externalId: "conv_1",
    status: "Pending",
    tags: "intercom-messenger",
    title: "Where is my order?",
    comment: reply,
    commentId: String(agentComment.id),
    requester: { id: String(requester), externalId: "Msgr-User-1", email: "jane@example.com", name: "Jane Doe" },
    currentUser: { id: String(agentComment.author_id), name: "Alex Agent", email: "agent@sim.zendesk.test" },
    unknown: "",
  });
  expect(simulator.deliveries()).toMatchObject([{ webhook_id: webhookId, ticket_id: ticket.id, state: "delivered", attempts: [{ status: 200 }] }]);
});

test("comments made through the API don't fire a trigger conditioned on current_via_id is_not 5", async () => {
  const endpoint = await receiver();
  const { api, sim } = testSimulator();
  await agentReplyTrigger(api, endpoint.url);
  const requester = await endUser(api, "msgr-2");
  const ticket = await newTicket(api, { requester_id: requester, comment: { body: "Question" }, tags: ["intercom-messenger"] });

  await api("PUT", `/api/v2/tickets/${ticket.id}`, { ticket: { comment: { body: "AI answer", public: true }, status: "solved" } });
  await api("PUT", `/api/v2/tickets/${ticket.id}/tags`, { tags: ["fin-resolved"] });
  await sim.idle();
  expect(endpoint.received).toHaveLength(0);
  expect(sim.deliveries()).toHaveLength(0);

  // The same kind of reply from the agent page is not via the API, so it does fire.
  const form = new URLSearchParams({ body: "Agent here", status: "solved" });
  await sim.fetch(new Request(`http://sim.test/agent/tickets/${ticket.id}/comments`, { method: "POST", body: form }));
  await sim.idle();
  expect(endpoint.received).toHaveLength(1);
});

test("an internal note from the agent page does not fire a trigger that wants a public comment", async () => {
  const endpoint = await receiver();
  const { api, sim } = testSimulator();
  await agentReplyTrigger(api, endpoint.url);
  const ticket = await newTicket(api, { requester_id: await endUser(api, "msgr-3"), comment: { body: "Q" }, tags: ["intercom-messenger"] });

  const form = new URLSearchParams({ body: "Note to self", internal: "1", status: "open" });
  const response = await sim.fetch(new Request(`http://sim.test/agent/tickets/${ticket.id}/comments`, { method: "POST", body: form }));
  expect(response.status).toBe(303);
  await sim.idle();

  expect(endpoint.received).toHaveLength(0);
  const comments = (await api("GET", `/api/v2/tickets/${ticket.id}/comments`)).body.comments;
  expect(comments.at(-1)).toMatchObject({ public: false, via: { channel: "web" } });
});

test("a failing endpoint is retried with the same invocation id until it answers 2xx", async () => {
  const endpoint = await receiver((n) => (n < 3 ? 500 : 204));
  const { api, sim } = testSimulator();
  await agentReplyTrigger(api, endpoint.url, "my-own-secret");
  const ticket = await newTicket(api, { requester_id: await endUser(api, "msgr-4"), comment: { body: "Q" }, tags: ["intercom-messenger"] });

  await sim.fetch(new Request(`http://sim.test/agent/tickets/${ticket.id}/comments`, { method: "POST", body: new URLSearchParams({ body: "Reply", status: "open" }) }));
  await sim.idle();

  expect(endpoint.received).toHaveLength(3);
  const ids = new Set(endpoint.received.map((request) => request.headers["x-zendesk-webhook-invocation-id"]));
  expect(ids.size).toBe(1);
  for (const request of endpoint.received) expect(signatureIsValid("my-own-secret", request.headers, request.body)).toBe(true);
  const [delivery] = sim.deliveries();
  expect(delivery).toMatchObject({ state: "delivered", attempts: [{ status: 500 }, { status: 500 }, { status: 204 }] });
});

test("an unreachable endpoint is tried four times, then the delivery is logged as failed", async () => {
  const endpoint = await receiver();
  const { api, sim } = testSimulator();
  const unreachable = endpoint.url.replace(/:\d+\//, ":1/");
  await agentReplyTrigger(api, unreachable);
  const ticket = await newTicket(api, { requester_id: await endUser(api, "msgr-5"), comment: { body: "Q" }, tags: ["intercom-messenger"] });

  await sim.fetch(new Request(`http://sim.test/agent/tickets/${ticket.id}/comments`, { method: "POST", body: new URLSearchParams({ body: "Reply", status: "open" }) }));
  await sim.idle();

  const log = await apiClient(sim, null)("GET", "/__sim/webhook-deliveries");
  expect(log.body.deliveries).toHaveLength(1);
  expect(log.body.deliveries[0].state).toBe("failed");
  expect(log.body.deliveries[0].attempts).toHaveLength(4);
  expect(log.body.deliveries[0].attempts[0]).toMatchObject({ status: null, error: expect.any(String) });
});

test("the API answers before the webhook is delivered", async () => {
  let release: () => void = () => undefined;
  const calls: Request[] = [];
  const slowFetch: typeof fetch = async (input, init) => {
    calls.push(new Request(input, init));
    await new Promise<void>((resolve) => (release = resolve));
    return new Response("ok");
  };
  const { api, sim } = testSimulator({ fetch: slowFetch });
  await agentReplyTrigger(api, "https://parley.example/webhooks/zendesk");
  const ticket = await newTicket(api, { requester_id: await endUser(api, "msgr-6"), comment: { body: "Q" }, tags: ["intercom-messenger"] });

  const response = await sim.fetch(new Request(`http://sim.test/agent/tickets/${ticket.id}/comments`, { method: "POST", body: new URLSearchParams({ body: "Reply", status: "open" }) }));
  expect(response.status).toBe(303);
  expect(sim.deliveries()[0]?.state).toBe("pending");

  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(calls).toHaveLength(1);
  release();
  await sim.idle();
  expect(sim.deliveries()[0]?.state).toBe("delivered");
});

test("triggers run in order, may change the ticket and then start over, and fire once per update", async () => {
  const sent: string[] = [];
  const recordingFetch: typeof fetch = async (_input, init) => {
    sent.push(String(init?.body));
    return new Response(null, { status: 200 });
  };
  const { api, sim } = testSimulator({ fetch: recordingFetch });
  const webhook = (await api("POST", "/api/v2/webhooks", {
    webhook: { name: "Solved", status: "active", endpoint: "https://parley.example/hook", http_method: "POST", request_format: "json", subscriptions: ["conditional_ticket_events"] },
  })).body.webhook;
  // Position 0 only matches once the second trigger has tagged the ticket.
  await api("POST", "/api/v2/triggers", {
    trigger: {
      title: "Notify on solved + tagged",
      position: 0,
      conditions: { all: [{ field: "current_tags", operator: "includes", value: "was_solved" }], any: [] },
      actions: [{ field: "notification_webhook", value: [webhook.id, '{"status":"{{ticket.status | downcase}}","tags":"{{ticket.tags}}"}'] }],
    },
  });
  await api("POST", "/api/v2/triggers", {
    trigger: {
      title: "Tag solved tickets",
      position: 1,
      conditions: { all: [{ field: "status", operator: "value", value: "solved" }, { field: "update_type", operator: "is", value: "Change" }], any: [] },
      actions: [{ field: "current_tags", value: "was_solved" }],
    },
  });
  await api("POST", "/api/v2/triggers", {
    trigger: { title: "Inactive", active: false, conditions: { all: [], any: [] }, actions: [{ field: "status", value: "closed" }] },
  });
  const ticket = await newTicket(api, { requester_id: await endUser(api, "msgr-7"), comment: { body: "Q" } });

  const solved = await api("PUT", `/api/v2/tickets/${ticket.id}`, { ticket: { status: "solved" } });
  await sim.idle();

  expect(solved.body.ticket).toMatchObject({ status: "solved", tags: ["was_solved"] });
  expect(solved.body.audit.events).toContainEqual(
    expect.objectContaining({ type: "Change", field_name: "tags", value: ["was_solved"], via: expect.objectContaining({ channel: "rule" }) }),
  );
  expect(sent).toEqual(['{"status":"solved","tags":"was_solved"}']);
  const listed = (await api("GET", "/api/v2/triggers.json")).body.triggers.map((trigger: { title: string }) => trigger.title);
  expect(listed).toEqual(["Notify on solved + tagged", "Tag solved tickets", "Inactive"]);
});

test("a webhook's own authentication is sent, and kept out of the delivery log", async () => {
  const seen: Headers[] = [];
  const recordingFetch: typeof fetch = async (_input, init) => {
    seen.push(new Headers(init?.headers));
    return new Response(null, { status: 200 });
  };
  const { api, sim } = testSimulator({ fetch: recordingFetch });
  const webhook = (await api("POST", "/api/v2/webhooks", {
    webhook: {
      name: "Authenticated",
      status: "active",
      endpoint: "https://parley.example/hook",
      http_method: "POST",
      request_format: "json",
      subscriptions: ["conditional_ticket_events"],
      authentication: { type: "bearer_token", add_position: "header", data: { token: "s3cret" } },
    },
  })).body.webhook;
  expect(webhook.authentication).toEqual({ type: "bearer_token", add_position: "header" });
  await api("POST", "/api/v2/triggers", {
    trigger: { title: "On create", conditions: { all: [{ field: "update_type", operator: "is", value: "Create" }] }, actions: [{ field: "notification_webhook", value: [webhook.id, "{}"] }] },
  });

  await newTicket(api, { requester_id: await endUser(api, "msgr-8"), comment: { body: "Q" } });
  await sim.idle();

  expect(seen[0]?.get("Authorization")).toBe("Bearer s3cret");
  expect(sim.deliveries()[0]?.headers.Authorization).toBe("[redacted]");
});

test("triggers the simulator can't honour are refused when saved", async () => {
  const { api } = testSimulator();
  const unknownCondition = await api("POST", "/api/v2/triggers", {
    trigger: { title: "X", conditions: { all: [{ field: "satisfaction_score", operator: "is", value: "good" }] }, actions: [{ field: "status", value: "open" }] },
  });
  expect(unknownCondition.status).toBe(422);
  expect(unknownCondition.body.details.conditions[0].description).toContain("satisfaction_score");

  const unknownWebhook = await api("POST", "/api/v2/triggers", {
    trigger: { title: "X", conditions: { all: [] }, actions: [{ field: "notification_webhook", value: ["01NOPE", "{}"] }] },
  });
  expect(unknownWebhook.status).toBe(422);

  const eventWebhook = (await api("POST", "/api/v2/webhooks", {
    webhook: { name: "Events", status: "active", endpoint: "https://example.com/e", http_method: "POST", request_format: "json", subscriptions: ["zen:event-type:ticket.comment_added"] },
  })).body.webhook;
  const notForTriggers = await api("POST", "/api/v2/triggers", {
    trigger: { title: "X", conditions: { all: [] }, actions: [{ field: "notification_webhook", value: [eventWebhook.id, "{}"] }] },
  });
  expect(notForTriggers.status).toBe(422);
  expect(notForTriggers.body.details.actions[0].description).toContain("conditional_ticket_events");
  expect((await api("POST", "/api/v2/triggers", { trigger: { conditions: { all: [] }, actions: [] } })).body.details).toHaveProperty("title");
});

test("webhooks are listed, filtered by name, shown and deleted (204, with or without .json)", async () => {
  const { api } = testSimulator();
  const make = async (name: string) =>
    (await api("POST", "/api/v2/webhooks", { webhook: { name, status: "active", endpoint: "https://example.com/h", http_method: "POST", request_format: "json", subscriptions: ["conditional_ticket_events"] } })).body.webhook;
  const parley = await make("Parley agent replies");
  await make("Other integration");

  const filtered = await api("GET", "/api/v2/webhooks?filter[name_contains]=parley");
  expect(filtered.body.webhooks.map((webhook: { id: string }) => webhook.id)).toEqual([parley.id]);
  expect(filtered.body.meta).toEqual({ has_more: false, after_cursor: expect.any(String), before_cursor: expect.any(String) });
  expect((await api("GET", `/api/v2/webhooks/${parley.id}`)).body.webhook).toMatchObject({ name: "Parley agent replies", endpoint: "https://example.com/h" });
  expect((await api("GET", `/api/v2/webhooks/${parley.id}`)).body.webhook).not.toHaveProperty("signing_secret");

  const deleted = await api("DELETE", `/api/v2/webhooks/${parley.id}`);
  expect(deleted.status).toBe(204);
  expect(deleted.text).toBe("");
  expect((await api("GET", `/api/v2/webhooks/${parley.id}`)).status).toBe(404);
  const other = (await api("GET", "/api/v2/webhooks")).body.webhooks[0];
  expect((await api("DELETE", `/api/v2/webhooks/${other.id}.json`)).status).toBe(204);

  const invalid = await api("POST", "/api/v2/webhooks", { webhook: { name: "x", endpoint: "not a url", http_method: "POST", request_format: "json", status: "active" } });
  expect(invalid.status).toBe(400);
  expect(invalid.body.errors[0]).toMatchObject({ code: "InvalidValue" });
});
