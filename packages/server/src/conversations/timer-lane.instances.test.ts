import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { textsFor } from "../engine";
import { pendingTimers } from "../store/timers";
import { clarifiesChangeIt } from "../testing/agent";
import { TEST_POSTGRES_URL } from "../testing/database";
import { serversOnOneDatabase } from "../testing/instances";
import { APP_ID, json, type TestParley } from "../testing/parley";

// Durable timers with more than one server on the database. On PostgreSQL two instances share it;
// SQLite serves one instance, so there the same races run inside one server (its outbox worker's
// timer lane against a request, and two firings at once).

const en = textsFor("en");
let now = new Date("2026-11-30T09:00:00.000Z");
const clock = () => new Date(now);

const servers = serversOnOneDatabase("parley-timers-instances");
afterEach(() => {
  now = new Date("2026-11-30T09:00:00.000Z");
});

/** Two servers on one database (one server twice on SQLite). */
async function instances(): Promise<[TestParley, TestParley]> {
  const start = () => servers.start({}, { answerer: clarifiesChangeIt, clock });
  const a = await start();
  return [a, TEST_POSTGRES_URL === null ? a : await start()];
}

/** A visitor with a conversation waiting on a clarifying question, and a way to answer it on any instance. */
async function waitingOnClarification(server: TestParley) {
  const visitor = `visitor-${Math.random().toString(36).slice(2, 12)}`;
  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor, user: {} }))).json()) as PingResponse;
  const auth = { Authorization: `Bearer ${ping.session.token}` };
  const started = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-000001", text: "How do I change it?" }, auth));
  const id = ((await started.json()) as StartConversationResponse).conversation.id;
  await expect.poll(async () => (await pendingTimers(server.parley.db, id)).length).toBe(1);
  return {
    id,
    reply: (on: TestParley) => on.request(`/v1/apps/${APP_ID}/conversations/${id}/messages`, json({ client_id: "client-000002", text: "the password one" }, auth)),
    thread: async (on: TestParley) => (await (await on.request(`/v1/apps/${APP_ID}/conversations/${id}`, { headers: auth })).json()) as ConversationResponse,
  };
}

async function timerStatuses(server: TestParley, conversationId: string): Promise<string[]> {
  const rows = await server.parley.db.selectFrom("timers").select("status").where("conversation_id", "=", conversationId).execute();
  return rows.map((row) => row.status);
}

test("two instances looking for due timers at once: each timer fires exactly once", async () => {
  const [a, b] = await instances();
  const conversations = [];
  for (let i = 0; i < 8; i++) conversations.push(await waitingOnClarification(a));
  now = new Date(now.getTime() + 181_000);

  // Both outbox workers claim due timers at once (twice each), besides their own polls.
  await Promise.all([a.parley.outbox.idle(), b.parley.outbox.idle(), a.parley.outbox.idle(), b.parley.outbox.idle()]);

  for (const conversation of conversations) {
    const { messages, conversation: state } = await conversation.thread(b);
    expect(messages.filter((message) => message.text === en.handoffNoReply)).toHaveLength(1);
    expect(state.status).toBe("team");
    expect(await timerStatuses(a, conversation.id)).toEqual(["fired"]);
  }
});

test("a timer firing on one instance while the customer answers on another: one of the two wins, and the conversation keeps what it did", async () => {
  const [a, b] = await instances();
  const conversations = [];
  for (let i = 0; i < 20; i++) conversations.push(await waitingOnClarification(a));
  now = new Date(now.getTime() + 181_000);

  await Promise.all(
    conversations.map(async (conversation, index) => {
      const [timer] = await pendingTimers(a.parley.db, conversation.id);
      if (!timer) throw new Error("no timer set");
      const [replied] = await Promise.all([conversation.reply(b), delay(index).then(() => a.parley.conversations.fireTimer(timer))]);
      expect(replied.status).toBe(201);
    }),
  );
  await Promise.all([a.parley.outbox.idle(), b.parley.outbox.idle()]);

  for (const conversation of conversations) {
    const { messages, conversation: state } = await conversation.thread(a);
    const handedOffForNoReply = messages.some((message) => message.text === en.handoffNoReply);
    // Fired: the hand-off stands (the customer's answer came after it). Not fired: the answer
    // cancelled the timer, and the AI handled it.
    expect(await timerStatuses(a, conversation.id)).toEqual([handedOffForNoReply ? "fired" : "cancelled"]);
    expect(state.status).toBe("team");
    expect(messages.filter((message) => message.text === "the password one")).toHaveLength(1);
    // The AI's hand-off for the answer comes only when the timer did not hand off first.
    expect(messages.some((message) => message.text === en.handoffNoAnswer)).toBe(!handedOffForNoReply);
  }
});

/** The timer fires a little later for each conversation, so across them each side of the race gets its turn. */
function delay(index: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, (index % 10) * 2));
}
