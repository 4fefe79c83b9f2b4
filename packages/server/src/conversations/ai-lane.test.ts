import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { AgentReply, AnswerRequest, Answerer } from "../agent";
import { textsFor } from "../engine";
import { CLARIFY_ORDER_OR_PASSWORD, ORDER_OR_PASSWORD } from "../testing/agent";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";

/** An AI agent that replies what the test scripts, and remembers what it was asked. */
function scriptedAnswerer() {
  const asked: AnswerRequest[] = [];
  const replies: AgentReply[] = [];
  const answerer: Answerer = {
    async answer(request) {
      asked.push(request);
      const reply = replies.shift();
      if (!reply) throw new Error(`no reply scripted for "${request.question}"`);
      return reply;
    },
  };
  return { answerer, asked, replies };
}

let server: TestParley;
let agent: ReturnType<typeof scriptedAnswerer>;
let session: PingResponse;
beforeEach(async () => {
  agent = scriptedAnswerer();
  server = await testParley({}, { answerer: agent.answerer });
  const response = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }));
  session = (await response.json()) as PingResponse;
});
afterEach(async () => {
  await server.close();
});

const auth = () => ({ Authorization: `Bearer ${session.session.token}` });
let sent = 0;
const clientId = () => `client-${String(++sent).padStart(6, "0")}`;

async function startWith(text: string): Promise<string> {
  const response = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: clientId(), text }, auth()));
  const { conversation } = (await response.json()) as StartConversationResponse;
  await server.parley.outbox.idle();
  return conversation.id;
}

async function send(conversationId: string, body: Record<string, unknown>): Promise<Response> {
  const response = await server.request(
    `/v1/apps/${APP_ID}/conversations/${conversationId}/messages`,
    json({ client_id: clientId(), ...body }, auth()),
  );
  await server.parley.outbox.idle();
  return response;
}

async function thread(conversationId: string): Promise<ConversationResponse> {
  const response = await server.request(`/v1/apps/${APP_ID}/conversations/${conversationId}`, { headers: auth() });
  return (await response.json()) as ConversationResponse;
}

const offered = ORDER_OR_PASSWORD;
const clarify = CLARIFY_ORDER_OR_PASSWORD;

test("a clarifying question reaches the Messenger with a button per article and one to a person", async () => {
  agent.replies.push(clarify);
  const id = await startWith("How do I change it?");
  const { conversation, messages } = await thread(id);
  expect(messages.at(-1)).toMatchObject({
    author: { type: "ai" },
    text: "Do you mean an order or your password?",
    buttons: [
      { label: "Change or cancel an order", action: "choose_article", article_id: "change-or-cancel-an-order" },
      { label: "Resetting your password", action: "choose_article", article_id: "reset-password" },
      { label: "Talk to a person", action: "handoff" },
    ],
  });
  expect(conversation.status).toBe("ai");
});

test("pressing an article asks the AI agent the original question for that article; the answer's links are absolute", async () => {
  agent.replies.push(clarify, {
    kind: "answer",
    text: "Use “Forgot password” on the sign-in page.",
    citations: [{ articleId: "reset-password", title: "Resetting your password", url: "/help/reset-password" }],
    confidence: 0.9,
    locale: "en",
  });
  const id = await startWith("How do I change it?");
  const pressed = await send(id, { text: "Resetting your password", action: "choose_article", article_id: "reset-password" });
  expect(pressed.status).toBe(201);

  expect(agent.asked[1]).toEqual({ question: "How do I change it?", history: [], chosenArticleId: "reset-password" });
  const { messages } = await thread(id);
  expect(messages.at(-1)?.citations).toEqual([{ title: "Resetting your password", url: "http://localhost:8787/help/reset-password" }]);
});

test("typing instead of pressing asks with what was offered and the earlier questions", async () => {
  agent.replies.push(clarify, { kind: "handoff", reason: "no_answer", locale: "en" });
  const id = await startWith("How do I change it?");
  await send(id, { text: "the password one" });
  expect(agent.asked[1]).toEqual({ question: "the password one", history: ["How do I change it?"], offered });
});

test("small talk is a plain reply in the conversation", async () => {
  agent.replies.push({ kind: "smalltalk", text: "Hi! What can I do for you?", locale: "en" });
  const id = await startWith("Hello");
  const { conversation, messages } = await thread(id);
  expect(messages.at(-1)).toMatchObject({ author: { type: "ai" }, text: "Hi! What can I do for you?", buttons: [], citations: [] });
  expect(conversation.status).toBe("ai");
});

test("an account question is handed off with its own words, in the reply's language", async () => {
  agent.replies.push({ kind: "handoff", reason: "account_specific", locale: "de-AT" });
  const id = await startWith("Warum wurde ich zweimal belastet?");
  const { conversation, messages } = await thread(id);
  expect(messages.at(-1)?.text).toBe(textsFor("de").handoffAccountSpecific);
  expect(conversation.status).toBe("team");
});

test("an article id without choose_article (or the reverse) is refused", async () => {
  agent.replies.push({ kind: "smalltalk", text: "Hello!", locale: "en" });
  const id = await startWith("Hello");
  const response = await send(id, { text: "Returns", action: "choose_article" });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
});

test("the Messenger's language goes with the question to the AI agent, and a bad language tag is refused by name", async () => {
  agent.replies.push({ kind: "smalltalk", text: "Bonjour !", locale: "fr" });
  const start = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: clientId(), text: "ok", locale: "fr-CA" }, auth()));
  expect(start.status).toBe(201);
  await server.parley.outbox.idle();
  expect(agent.asked[0]).toEqual({ question: "ok", history: [], locale: "fr-CA" });
  const { conversation } = (await start.json()) as StartConversationResponse;
  const refused = await send(conversation.id, { text: "hi", locale: "not a tag" });
  expect(refused.status).toBe(400);
  expect(JSON.stringify(await refused.json())).toContain("locale");
});
