import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import type { AgentReply, Answerer, AnswerRequest } from "../types";
import { createLlmAnswerer } from "./answerer";
import type { LlmProvider, RetrievedPassage } from "./types";

// Requests and answers are shaped as OpenAI's chat completions and Anthropic's Messages API
// document them, extra fields included.
const KEY = "sk-test-0123456789abcdef-secret";
const OPENAI: LlmProvider = { kind: "openai", baseUrl: "https://llm.test/v1", apiKey: KEY, model: "gpt-4.1-mini" };
const ANTHROPIC: LlmProvider = { kind: "anthropic", baseUrl: "https://anthropic.test", apiKey: KEY, model: "claude-sonnet-4-5" };
const OPENAI_URL = "https://llm.test/v1/chat/completions";
const ANTHROPIC_URL = "https://anthropic.test/v1/messages";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const PASSAGES: RetrievedPassage[] = [
  {
    id: "returns#refund-timing",
    articleId: "returns",
    title: "Returns and refunds",
    url: "/help/returns",
    locale: "en",
    heading: "Refund timing",
    text: "Refunds reach your card within 5 to 10 business days after the warehouse receives the parcel.",
  },
  {
    id: "returns#return-window",
    articleId: "returns",
    title: "Returns and refunds",
    url: "/help/returns",
    locale: "en",
    heading: "Return window",
    text: "You can return unworn items within 30 days of delivery.",
  },
  {
    id: "gift-cards#intro",
    articleId: "gift-cards",
    title: "Gift cards",
    url: "/help/gift-cards",
    locale: "en",
    heading: null,
    text: "Gift cards never expire and can be refunded only to the original buyer.",
  },
];

const BUILT_IN_ANSWER: AgentReply = {
  kind: "answer",
  text: "Refunds reach your card within 5 to 10 business days.",
  citations: [{ articleId: "returns", title: "Returns and refunds", url: "/help/returns" }],
  confidence: 0.7,
  locale: "en",
};

function makeAnswerer(options: { provider?: LlmProvider; builtIn?: AgentReply; passages?: RetrievedPassage[]; timeoutMs?: number } = {}) {
  const logs: string[] = [];
  const builtInCalls: AnswerRequest[] = [];
  const retrieveCalls: AnswerRequest[] = [];
  const fallback: Answerer = {
    async answer(request) {
      builtInCalls.push(request);
      return options.builtIn ?? BUILT_IN_ANSWER;
    },
  };
  const answerer = createLlmAnswerer({
    provider: options.provider ?? OPENAI,
    retrieve: async (request) => {
      retrieveCalls.push(request);
      return options.passages ?? PASSAGES;
    },
    fallback,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    log: (line) => logs.push(line),
  });
  return { answerer, logs, builtInCalls, retrieveCalls };
}

/** Records what reached the fake provider. */
function recorder() {
  const requests: Array<{ url: string; headers: Headers; body: Record<string, unknown>; raw: string }> = [];
  return {
    requests,
    async record(request: Request) {
      const raw = await request.text();
      requests.push({ url: request.url, headers: request.headers, body: JSON.parse(raw) as Record<string, unknown>, raw });
    },
  };
}

const chatCompletion = (content: string | null, overrides: Record<string, unknown> = {}) => ({
  id: "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
  object: "chat.completion",
  created: 1741569952,
  model: "gpt-4.1-mini-2025-04-14",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: "stop",
      ...overrides,
    },
  ],
  usage: {
    prompt_tokens: 412,
    completion_tokens: 58,
    total_tokens: 470,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  },
  service_tier: "default",
  system_fingerprint: "fp_b3f1157249",
});

const anthropicMessage = (text: string, overrides: Record<string, unknown> = {}) => ({
  id: "msg_013Zva2CMHLNnXjNJJKqJ2EF",
  type: "message",
  role: "assistant",
  model: "claude-sonnet-4-5-20250929",
  content: [{ type: "text", text }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: { input_tokens: 412, output_tokens: 58, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  ...overrides,
});

const modelJson = (reply: Record<string, unknown>) => JSON.stringify({ cited: [], options: [], language: "en", text: "", ...reply });

function openAiReplies(content: string | null, overrides: Record<string, unknown> = {}) {
  const seen = recorder();
  server.use(
    http.post(OPENAI_URL, async ({ request }) => {
      await seen.record(request);
      return HttpResponse.json(chatCompletion(content, overrides));
    }),
  );
  return seen;
}

function anthropicReplies(text: string, overrides: Record<string, unknown> = {}) {
  const seen = recorder();
  server.use(
    http.post(ANTHROPIC_URL, async ({ request }) => {
      await seen.record(request);
      return HttpResponse.json(anthropicMessage(text, overrides));
    }),
  );
  return seen;
}

const QUESTION: AnswerRequest = {
  question: "And how long does the refund take?",
  history: ["Can I return shoes I wore once?"],
};

test("OpenAI: the request carries the passages, the question, earlier questions and the bearer key; the answer cites by article", async () => {
  const seen = openAiReplies(
    modelJson({
      outcome: "answer",
      text: "Your refund reaches your card **5 to 10 business days** after the warehouse gets the parcel.",
      cited: ["returns#refund-timing", "returns#return-window"],
    }),
  );
  const { answerer, logs } = makeAnswerer();

  const reply = await answerer.answer(QUESTION);

  expect(reply).toEqual({
    kind: "answer",
    text: "Your refund reaches your card **5 to 10 business days** after the warehouse gets the parcel.",
    citations: [{ articleId: "returns", title: "Returns and refunds", url: "/help/returns" }],
    confidence: 0.9,
    locale: "en",
  });
  expect(seen.requests).toHaveLength(1);
  const [sent] = seen.requests;
  expect(sent?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  expect(sent?.headers.get("content-type")).toBe("application/json");
  expect(sent?.body.model).toBe("gpt-4.1-mini");
  const messages = sent?.body.messages as Array<{ role: string; content: string }>;
  expect(messages.map((message) => message.role)).toEqual(["system", "user"]);
  const user = messages[1]?.content ?? "";
  for (const passage of PASSAGES) {
    expect(user).toContain(`id="${passage.id}"`);
    expect(user).toContain(passage.text);
  }
  expect(user).toContain(QUESTION.question);
  expect(user).toContain("Can I return shoes I wore once?");
  expect(messages[0]?.content).toMatch(/JSON/);
  // The key travels in the header only.
  expect(sent?.raw).not.toContain(KEY);
  expect(logs).toEqual([]);
});

test("Anthropic: the request has x-api-key, the API version, a token ceiling and the system prompt; a fenced reply is read", async () => {
  const seen = anthropicReplies(
    "```json\n" +
      modelJson({ outcome: "answer", text: "Les remboursements arrivent sous 5 à 10 jours ouvrés.", cited: ["gift-cards#intro", "returns#refund-timing"], language: "fr" }) +
      "\n```",
  );
  const { answerer } = makeAnswerer({ provider: ANTHROPIC });

  const reply = await answerer.answer({ question: "Combien de temps pour le remboursement ?" });

  expect(reply).toEqual({
    kind: "answer",
    text: "Les remboursements arrivent sous 5 à 10 jours ouvrés.",
    citations: [
      { articleId: "gift-cards", title: "Gift cards", url: "/help/gift-cards" },
      { articleId: "returns", title: "Returns and refunds", url: "/help/returns" },
    ],
    confidence: 0.9,
    locale: "fr",
  });
  const [sent] = seen.requests;
  expect(sent?.headers.get("x-api-key")).toBe(KEY);
  expect(sent?.headers.get("anthropic-version")).toBe("2023-06-01");
  expect(sent?.headers.get("authorization")).toBeNull();
  expect(sent?.body).toMatchObject({ model: "claude-sonnet-4-5", max_tokens: expect.any(Number) });
  expect(typeof sent?.body.system).toBe("string");
  const messages = sent?.body.messages as Array<{ role: string; content: string }>;
  expect(messages).toHaveLength(1);
  expect(messages[0]?.role).toBe("user");
  expect(messages[0]?.content).toContain("Combien de temps pour le remboursement ?");
  expect(messages[0]?.content).toContain(PASSAGES[2]?.text);
  expect(sent?.raw).not.toContain(KEY);
});

test("Anthropic's default address is api.anthropic.com", async () => {
  const seen = recorder();
  server.use(
    http.post("https://api.anthropic.com/v1/messages", async ({ request }) => {
      await seen.record(request);
      return HttpResponse.json(anthropicMessage(modelJson({ outcome: "handoff" })));
    }),
  );
  const { answerer } = makeAnswerer({ provider: { kind: "anthropic", apiKey: KEY, model: "claude-haiku-4-5" } });

  expect(await answerer.answer(QUESTION)).toEqual({ kind: "handoff", reason: "no_answer", locale: "en" });
  expect(seen.requests).toHaveLength(1);
});

test("a cited id that was not among the passages is dropped, and logged", async () => {
  openAiReplies(modelJson({ outcome: "answer", text: "Within 30 days.", cited: ["shipping#rates", "returns#return-window"] }));
  const { answerer, logs } = makeAnswerer();

  const reply = await answerer.answer({ question: "How long do I have to return?" });

  expect(reply).toMatchObject({ kind: "answer", citations: [{ articleId: "returns" }] });
  expect(logs).toHaveLength(1);
  expect(logs[0]).toMatch(/cited 1 passage id.*not given/);
});

test("an answer that cites only passages it was not given is handed off", async () => {
  openAiReplies(modelJson({ outcome: "answer", text: "Shipping is free over $50.", cited: ["shipping#rates"] }));
  const { answerer } = makeAnswerer();

  expect(await answerer.answer({ question: "Is shipping free?" })).toEqual({ kind: "handoff", reason: "no_answer", locale: "en" });
});

test("an answer with no citation at all is handed off", async () => {
  openAiReplies(modelJson({ outcome: "answer", text: "Probably within a week." }));
  const { answerer } = makeAnswerer();

  expect(await answerer.answer({ question: "When do I get my money?" })).toEqual({ kind: "handoff", reason: "no_answer", locale: "en" });
});

test("a clarifying question offers the known articles by title, once each", async () => {
  openAiReplies(
    modelJson({ outcome: "clarify", text: "Is this about a return or a gift card?", options: ["returns", "gift-cards", "returns", "loyalty"] }),
  );
  const { answerer } = makeAnswerer();

  expect(await answerer.answer({ question: "Can I get a refund?" })).toEqual({
    kind: "clarify",
    text: "Is this about a return or a gift card?",
    options: [
      { articleId: "returns", label: "Returns and refunds" },
      { articleId: "gift-cards", label: "Gift cards" },
    ],
    confidence: 0.9,
    locale: "en",
  });
});

test("a clarifying question with fewer than two known articles is handed off", async () => {
  openAiReplies(modelJson({ outcome: "clarify", text: "Which order?", options: ["returns", "loyalty"] }));
  const { answerer } = makeAnswerer();

  expect(await answerer.answer({ question: "Can I get a refund?" })).toEqual({ kind: "handoff", reason: "no_answer", locale: "en" });
});

test("the model's hand-off is a no_answer hand-off in the customer's language", async () => {
  anthropicReplies(modelJson({ outcome: "handoff", text: null, cited: null, options: null, language: "de-de" }));
  const { answerer } = makeAnswerer({ provider: ANTHROPIC });

  expect(await answerer.answer({ question: "Wo ist meine Bestellung 1234?" })).toEqual({ kind: "handoff", reason: "no_answer", locale: "de-DE" });
});

test.each<[string, AgentReply]>([
  ["small talk", { kind: "smalltalk", text: "Hi! How can I help?", locale: "en" }],
  ["a request for a person", { kind: "handoff", reason: "asked_for_person", locale: "en" }],
  ["an account question", { kind: "handoff", reason: "account_specific", locale: "fr" }],
])("the built-in answerer's %s stands, and the model is not asked", async (_, builtIn) => {
  const seen = openAiReplies(modelJson({ outcome: "answer", text: "Model text", cited: ["returns#refund-timing"] }));
  const { answerer, retrieveCalls } = makeAnswerer({ builtIn });

  expect(await answerer.answer({ question: "hello" })).toEqual(builtIn);
  expect(seen.requests).toHaveLength(0);
  expect(retrieveCalls).toHaveLength(0);
});

test("the model is asked even when the built-in answerer would hand off for lack of an answer", async () => {
  openAiReplies(modelJson({ outcome: "answer", text: "Gift cards never expire.", cited: ["gift-cards#intro"] }));
  const { answerer } = makeAnswerer({ builtIn: { kind: "handoff", reason: "no_answer", locale: "en" } });

  expect(await answerer.answer({ question: "Do gift cards run out?" })).toMatchObject({ kind: "answer", citations: [{ articleId: "gift-cards" }] });
});

test("without retrieved passages the built-in reply is the answer, and the model is not asked", async () => {
  const seen = openAiReplies(modelJson({ outcome: "answer", text: "Model text", cited: [] }));
  const { answerer } = makeAnswerer({ passages: [] });

  expect(await answerer.answer({ question: "What is the meaning of life?" })).toEqual(BUILT_IN_ANSWER);
  expect(seen.requests).toHaveLength(0);
});

const failures: Array<[string, LlmProvider, () => Response | Promise<Response>, RegExp]> = [
  [
    "OpenAI 429 rate limit",
    OPENAI,
    () =>
      HttpResponse.json(
        {
          error: {
            message: "Rate limit reached for gpt-4.1-mini in organization org-abc on requests per min (RPM): Limit 3, Used 3, Requested 1.",
            type: "requests",
            param: null,
            code: "rate_limit_exceeded",
          },
        },
        { status: 429, headers: { "retry-after": "20" } },
      ),
    /HTTP 429 \(requests, rate_limit_exceeded\)/,
  ],
  [
    "OpenAI 500",
    OPENAI,
    () =>
      HttpResponse.json(
        { error: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null } },
        { status: 500 },
      ),
    /HTTP 500 \(server_error\)/,
  ],
  [
    "OpenAI 401 quoting the key",
    OPENAI,
    () =>
      HttpResponse.json(
        { error: { message: `Incorrect API key provided: ${KEY}.`, type: "invalid_request_error", param: null, code: "invalid_api_key" } },
        { status: 401 },
      ),
    /HTTP 401 \(invalid_request_error, invalid_api_key\)/,
  ],
  [
    "Anthropic 429 rate limit",
    ANTHROPIC,
    () =>
      HttpResponse.json(
        { type: "error", error: { type: "rate_limit_error", message: "Number of request tokens has exceeded your per-minute rate limit" } },
        { status: 429, headers: { "retry-after": "10", "request-id": "req_011CSHoEeqs5C35K2UUqR7Fy" } },
      ),
    /HTTP 429 \(rate_limit_error\)/,
  ],
  [
    "Anthropic 529 overloaded",
    ANTHROPIC,
    () => HttpResponse.json({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, { status: 529 }),
    /HTTP 529 \(overloaded_error\)/,
  ],
  ["Anthropic 500", ANTHROPIC, () => HttpResponse.json({ type: "error", error: { type: "api_error", message: "Internal server error" } }, { status: 500 }), /HTTP 500 \(api_error\)/],
  ["a proxy's HTML error page", OPENAI, () => new HttpResponse("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }), /HTTP 502;/],
  [
    "a timeout",
    OPENAI,
    async () => {
      await delay("infinite");
      return HttpResponse.json(chatCompletion("never"));
    },
    /no reply within 50 ms/,
  ],
  ["a network failure", ANTHROPIC, () => HttpResponse.error(), /request failed/],
  ["model output that is not JSON", OPENAI, () => HttpResponse.json(chatCompletion("Refunds take 5 to 10 days.")), /not JSON/],
  ["JSON that is not the asked format", ANTHROPIC, () => HttpResponse.json(anthropicMessage('{"answer": "5 to 10 days"}')), /does not fit the format \(outcome\)/],
  ["an answer without text", OPENAI, () => HttpResponse.json(chatCompletion(modelJson({ outcome: "answer", cited: ["returns#refund-timing"] }))), /answer has no text/],
  [
    "a reply cut short",
    OPENAI,
    () => HttpResponse.json(chatCompletion('{"outcome": "answer", "text": "Refunds take', { finish_reason: "length" })),
    /cut short/,
  ],
  [
    "Anthropic's reply cut short",
    ANTHROPIC,
    () => HttpResponse.json(anthropicMessage('{"outcome": "answer", "text": "Refunds take', { stop_reason: "max_tokens" })),
    /cut short/,
  ],
  ["a refusal", OPENAI, () => HttpResponse.json(chatCompletion(null, { message: { role: "assistant", content: null, refusal: "I can't help with that." } })), /no text/],
  ["a 200 that is not a chat completion", OPENAI, () => HttpResponse.json({ object: "list", data: [] }), /not a chat completion/],
];

test.each(failures)("%s: the built-in answer is the reply, with one log line that never holds the key", async (_, provider, respond, reason) => {
  server.use(http.post(provider.kind === "openai" ? OPENAI_URL : ANTHROPIC_URL, respond));
  const { answerer, logs } = makeAnswerer({ provider, timeoutMs: 50 });

  expect(await answerer.answer(QUESTION)).toEqual(BUILT_IN_ANSWER);
  expect(logs).toHaveLength(1);
  expect(logs[0]).toMatch(reason);
  expect(logs[0]).toMatch(/built-in/);
  expect(logs[0]).not.toContain(KEY);
});

test("a network error message that quotes the key is logged without it", async () => {
  const logs: string[] = [];
  const answerer = createLlmAnswerer({
    provider: OPENAI,
    retrieve: async () => PASSAGES,
    fallback: { answer: async () => BUILT_IN_ANSWER },
    fetch: async () => {
      throw new TypeError(`fetch failed for Bearer ${KEY}`);
    },
    log: (line) => logs.push(line),
  });

  expect(await answerer.answer(QUESTION)).toEqual(BUILT_IN_ANSWER);
  expect(logs).toHaveLength(1);
  expect(logs[0]).toContain("[redacted]");
  expect(logs[0]).not.toContain(KEY);
});
