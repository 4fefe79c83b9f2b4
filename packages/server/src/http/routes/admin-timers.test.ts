import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { textsFor } from "../../engine";
import { clarifiesChangeIt } from "../../testing/agent";
import { APP_ID, json, type TestParley, testParley } from "../../testing/parley";

const ADMIN = { Authorization: "Bearer admin-secret" };
const en = textsFor("en");

let now = new Date("2026-11-30T09:00:00.000Z");
const clock = () => new Date(now);
const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

let server: TestParley;
beforeEach(async () => {
  now = new Date("2026-11-30T09:00:00.000Z");
  server = await testParley({ PARLEY_ADMIN_TOKEN: "admin-secret" }, { answerer: clarifiesChangeIt, clock });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
});

interface TimerBody {
  id: number;
  conversation_id: string;
  kind: string;
  status: string;
  running: boolean;
  attempts: number;
  due_at: string;
  next_attempt_at: string | null;
  last_error: string | null;
}

/** A customer waiting on a clarifying question: its no-reply timer is set. */
async function waitingOnClarification() {
  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }))).json()) as PingResponse;
  const auth = { Authorization: `Bearer ${ping.session.token}` };
  const started = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-000001", text: "How do I change it?" }, auth));
  const id = ((await started.json()) as StartConversationResponse).conversation.id;
  await server.parley.outbox.idle();
  return {
    id,
    reply: () => server.request(`/v1/apps/${APP_ID}/conversations/${id}/messages`, json({ client_id: "client-000002", text: "the password one" }, auth)),
    messages: async () => ((await (await server.request(`/v1/apps/${APP_ID}/conversations/${id}`, { headers: auth })).json()) as ConversationResponse).messages,
  };
}

/** Every firing of the timer fails (the database refuses it) until it is dead. */
async function failUntilDead(): Promise<TimerBody> {
  const failing = vi.spyOn(server.parley.conversations, "fireTimer").mockRejectedValue(new Error("database is locked"));
  for (let round = 0; round < 20; round++) {
    advance(3600); // past the timer's due time, then past any backoff
    await server.parley.outbox.idle();
    const dead = (await (await server.request("/admin/api/timers?status=dead", { headers: ADMIN })).json()) as { timers: TimerBody[] };
    if (dead.timers[0]) {
      failing.mockRestore();
      return dead.timers[0];
    }
  }
  throw new Error("the timer never died");
}

const retry = (id: number | undefined) => server.request(`/admin/api/timers/${id}/retry`, { method: "POST", headers: ADMIN });

test("a timer whose firing failed for good is listed with its error; run again, the customer is handed off once", async () => {
  const conversation = await waitingOnClarification();
  const pending = (await (await server.request("/admin/api/timers?status=pending", { headers: ADMIN })).json()) as { timers: TimerBody[] };
  expect(pending.timers).toMatchObject([{ conversation_id: conversation.id, kind: "clarify", status: "pending", attempts: 0, last_error: null, next_attempt_at: null }]);

  const dead = await failUntilDead();
  expect(dead).toMatchObject({ conversation_id: conversation.id, kind: "clarify", status: "dead", running: false, attempts: 10, last_error: "Error: database is locked" });
  expect((await conversation.messages()).some((message) => message.text === en.handoffNoReply)).toBe(false);

  const retried = await retry(dead.id);
  expect(retried.status).toBe(200);
  expect(((await retried.json()) as { timer: TimerBody }).timer).toMatchObject({ status: "pending", attempts: 0 });
  await server.parley.outbox.idle();

  const after = (await (await server.request(`/admin/api/timers/${dead.id}`, { headers: ADMIN })).json()) as { timer: TimerBody };
  expect(after.timer).toMatchObject({ status: "fired", attempts: 1, last_error: null });
  expect((await conversation.messages()).filter((message) => message.text === en.handoffNoReply)).toHaveLength(1);

  // Fired: running it again is refused, and nothing more reaches the customer.
  const again = await retry(dead.id);
  expect(again.status).toBe(409);
  expect(((await again.json()) as { error: { code: string } }).error.code).toBe("timer_not_retryable");
  advance(3600);
  await server.parley.outbox.idle();
  expect((await conversation.messages()).filter((message) => message.text === en.handoffNoReply)).toHaveLength(1);
});

test("a dead timer run again after the customer answered changes nothing: the conversation moved on", async () => {
  const conversation = await waitingOnClarification();
  const dead = await failUntilDead();
  expect((await conversation.reply()).status).toBe(201);
  await server.parley.outbox.idle();
  const before = await conversation.messages();

  expect((await retry(dead.id)).status).toBe(200);
  await server.parley.outbox.idle();
  expect(((await (await server.request(`/admin/api/timers/${dead.id}`, { headers: ADMIN })).json()) as { timer: TimerBody }).timer.status).toBe("fired");
  const after = await conversation.messages();
  expect(after).toEqual(before);
  expect(after.some((message) => message.text === en.handoffNoReply)).toBe(false);
});

test("a timer not yet due cannot be run early, an unknown one is not found, bad filters are refused, and the API needs the admin token", async () => {
  await waitingOnClarification();
  const [timer] = ((await (await server.request("/admin/api/timers", { headers: ADMIN })).json()) as { timers: TimerBody[] }).timers;
  const early = await retry(timer?.id);
  expect(early.status).toBe(409);
  expect(((await early.json()) as { error: { code: string } }).error.code).toBe("timer_not_retryable");

  const missing = await retry(999_999);
  expect(missing.status).toBe(404);
  expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("timer_not_found");
  expect((await server.request("/admin/api/timers/not-a-number", { headers: ADMIN })).status).toBe(404);
  expect((await server.request("/admin/api/timers?status=stuck", { headers: ADMIN })).status).toBe(400);
  expect((await server.request("/admin/api/timers?limit=501", { headers: ADMIN })).status).toBe(400);
  expect((await server.request("/admin/api/timers")).status).toBe(401);
  expect((await server.request(`/admin/api/timers/${timer?.id}/retry`, { method: "POST" })).status).toBe(401);
});
