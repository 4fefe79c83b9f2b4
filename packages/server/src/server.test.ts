import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "./testing/parley";

// The LLM answerer's own behaviour is tested in agent/llm; here, only that configuration wires it in.
const LLM_ENV = {
  PARLEY_LLM_PROVIDER: "openai",
  PARLEY_LLM_BASE_URL: "https://llm.test/v1",
  PARLEY_LLM_API_KEY: "sk-wiring-test",
  PARLEY_LLM_MODEL: "gpt-4.1-mini",
};

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function ask(parley: TestParley, question: string) {
  const ping = (await (await parley.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }))).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (await parley.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-0000000001", text: question }, headers))).json()) as StartConversationResponse;
  await parley.parley.outbox.idle();
  const conversation = (await (await parley.request(`/v1/apps/${APP_ID}/conversations/${started.conversation.id}`, { headers })).json()) as ConversationResponse;
  return conversation.messages.at(-1);
}

/** A chat-completions endpoint that answers by citing the first passage of the returns article it was given. */
function fakeModel() {
  const prompts: string[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    expect(String(url)).toBe("https://llm.test/v1/chat/completions");
    const body = JSON.parse(String(init?.body)) as { messages: Array<{ content: string }> };
    const prompt = body.messages[1]?.content ?? "";
    prompts.push(prompt);
    const cited = /<passage id="([^"]+)" article="returns-and-refunds"/.exec(prompt)?.[1];
    const content = JSON.stringify({ outcome: "answer", text: "You have **30 days** (from the model).", cited: cited ? [cited] : [], options: [], language: "en" });
    return Response.json({ choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] });
  };
  return { fetch, prompts };
}

test("with an LLM configured, the answer comes from the model, grounded in passages of the knowledge index, and cites them", async () => {
  const model = fakeModel();
  server = await testParley(LLM_ENV, { fetch: model.fetch });

  const answer = await ask(server, "How long do I have to return an item?");

  expect(model.prompts).toHaveLength(1);
  expect(model.prompts[0]).toContain('article="returns-and-refunds" title="Returns and refunds"');
  expect(answer?.text).toBe("You have **30 days** (from the model).");
  expect(answer?.citations).toEqual([{ title: "Returns and refunds", url: "http://localhost:8787/help/returns-and-refunds" }]);
});

test("when the LLM cannot be reached, the built-in answerer answers", async () => {
  server = await testParley(LLM_ENV, {
    fetch: async () => {
      throw new TypeError("fetch failed");
    },
  });

  const answer = await ask(server, "How do I reset my password?");

  expect(answer?.author.type).toBe("ai");
  expect(answer?.text).not.toContain("from the model");
  expect(answer?.citations).toEqual([
    { title: "Resetting your password and managing your account", url: "http://localhost:8787/help/reset-your-password" },
  ]);
});
