import type { PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../../testing/parley";

const TOKEN = "test-admin-token-0123";
let server: TestParley;
beforeEach(async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN });
});
afterEach(async () => {
  await server.close();
});

const admin = (path: string) => server.request(`/admin/api${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });

/** A visitor asks one question in the Messenger; returns the conversation's id once the AI has replied. */
async function ask(visitor: string, text: string): Promise<string> {
  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor, user: { name: `Visitor ${visitor}` } }))).json()) as PingResponse;
  const auth = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: `client-${visitor}`, text }, auth))).json()) as StartConversationResponse;
  await server.parley.outbox.idle();
  return started.conversation.id;
}

interface Overview {
  id: string;
  status: string;
  contact: { name: string | null };
  tags: string[];
  message_count: number;
}

test("the owner lists every conversation, newest first, and filters them by status and tag", async () => {
  const answered = await ask("visitor-0000001", "Which payment methods do you accept?");
  const handedOff = await ask("visitor-0000002", "Do you sell kayaks in Antarctica?");

  const all = (await (await admin("/conversations")).json()) as { conversations: Overview[] };
  expect(all.conversations.map((conversation) => conversation.id)).toEqual([handedOff, answered]);
  expect(all.conversations[1]).toMatchObject({ status: "resolved", contact: { name: "Visitor visitor-0000001" }, message_count: 2 });
  expect(all.conversations[1]?.tags).toContain("fin-resolved");

  const team = (await (await admin("/conversations?status=team")).json()) as { conversations: Overview[] };
  expect(team.conversations.map((conversation) => conversation.id)).toEqual([handedOff]);
  const resolved = (await (await admin("/conversations?tag=fin-resolved")).json()) as { conversations: Overview[] };
  expect(resolved.conversations.map((conversation) => conversation.id)).toEqual([answered]);

  const bad = await admin("/conversations?status=closed&limit=9999");
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map((issue) => issue.path).sort()).toEqual(["limit", "status"]);
});

test("a conversation opens with its transcript: the question, the AI's answer and its sources", async () => {
  const id = await ask("visitor-0000003", "Which payment methods do you accept?");
  const response = await admin(`/conversations/${id}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { conversation: Overview; messages: { author: { type: string }; text: string; citations: { title: string }[] }[] };
  expect(body.conversation.id).toBe(id);
  expect(body.messages.map((message) => message.author.type)).toEqual(["customer", "ai"]);
  expect(body.messages[1]?.citations[0]?.title).toBe("Payment methods");

  expect((await admin("/conversations/conv_missing")).status).toBe(404);
  expect((await server.request(`/admin/api/conversations/${id}`)).status).toBe(401);
});

test("an article shows the customer questions the AI agent answered with it", async () => {
  const id = await ask("visitor-0000004", "Which payment methods do you accept?");
  const questions = async (article: string) => (await admin(`/articles/${article}/questions`)).json() as Promise<{ questions: { question: string; conversation_id: string }[] }>;
  expect((await questions("payment-methods")).questions).toEqual([expect.objectContaining({ question: "Which payment methods do you accept?", conversation_id: id })]);
  expect((await questions("gift-cards")).questions).toEqual([]);
  expect((await admin("/articles/no-such-article/questions")).status).toBe(404);
});

interface Decided {
  after_message_id: string | null;
  decision: { kind: string; [key: string]: unknown };
}

test("the transcript says what the AI agent decided: answered with its confidence and the cited article", async () => {
  const id = await ask("visitor-0000005", "Which payment methods do you accept?");
  const body = (await (await admin(`/conversations/${id}`)).json()) as { messages: { id: string }[]; decisions: Decided[] };
  const answered = body.decisions.find((entry) => entry.decision.kind === "answered");
  expect(answered?.after_message_id).toBe(body.messages[1]?.id);
  expect(answered?.decision).toMatchObject({ citations: [{ title: "Payment methods" }] });
  const confidence = answered?.decision["confidence"];
  expect(typeof confidence).toBe("number");
  expect(confidence as number).toBeGreaterThan(0);
  expect(confidence as number).toBeLessThanOrEqual(1);
});

test("the transcript says why the AI agent handed off, how, and the note the team reads", async () => {
  const id = await ask("visitor-0000006", "Do you sell kayaks in Antarctica?");
  const body = (await (await admin(`/conversations/${id}`)).json()) as { messages: { id: string }[]; decisions: Decided[] };
  const handedOff = body.decisions.find((entry) => entry.decision.kind === "handed_off");
  expect(handedOff?.decision).toMatchObject({ reason: "no_answer", mode: "ticket" });
  expect(handedOff?.decision["note"]).toContain("found no answer in the help center");
  expect(handedOff?.after_message_id).toBe(body.messages.at(-1)?.id);
});
