import { expect, test } from "vitest";
import { ZendeskApiError } from "./errors";
import { createTransport, parseRetryAfter, retryDelayMs, type TransportOptions } from "./http";
import { failureOf } from "./test-support";

const now = Date.parse("2024-05-01T12:00:00Z");

test("Retry-After is read as seconds or as an HTTP date", () => {
  expect(parseRetryAfter("7", now)).toBe(7);
  expect(parseRetryAfter(" 1.5 ", now)).toBe(1.5);
  expect(parseRetryAfter("Wed, 01 May 2024 12:00:30 GMT", now)).toBe(30);
  expect(parseRetryAfter("Wed, 01 May 2024 11:00:00 GMT", now)).toBe(0); // already past
});

test("a missing or unreadable Retry-After is null, never a guess", () => {
  expect(parseRetryAfter(null, now)).toBeNull();
  expect(parseRetryAfter("", now)).toBeNull();
  expect(parseRetryAfter("soon", now)).toBeNull();
  expect(parseRetryAfter("7 s", now)).toBeNull(); // Date.parse would read this as a year
  expect(parseRetryAfter("-3", now)).toBeNull();
});

const policy = { baseDelayMs: 500, maxDelayMs: 60_000 };
const rateLimited = (retryAfterSeconds: number | null, status = 429) =>
  new ZendeskApiError({ method: "GET", path: "/api/v2/tickets/1.json", status, retryAfterSeconds });

test("429 and 503 wait as long as Retry-After says, capped by maxDelayMs", () => {
  expect(retryDelayMs(rateLimited(7), 1, policy)).toBe(7000);
  expect(retryDelayMs(rateLimited(2, 503), 3, policy)).toBe(2000);
  expect(retryDelayMs(rateLimited(600), 1, policy)).toBe(60_000);
});

test("without Retry-After (and for other 5xx) the wait doubles per attempt, jittered within its upper half", () => {
  for (const error of [rateLimited(null), rateLimited(9, 500), rateLimited(null, 0)]) {
    expect([1, 2, 3].map((attempt) => retryDelayMs(error, attempt, policy, () => 0))).toEqual([250, 500, 1000]);
    expect([1, 2, 3].map((attempt) => retryDelayMs(error, attempt, policy, () => 1))).toEqual([500, 1000, 2000]);
  }
  expect(retryDelayMs(rateLimited(null), 20, policy, () => 1)).toBe(60_000);
});

function transportAnswering(responses: Array<() => Response>, overrides: Partial<TransportOptions> = {}) {
  const calls: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    calls.push(new Request(input, init));
    const next = responses[Math.min(calls.length - 1, responses.length - 1)];
    if (!next) throw new Error("no response scripted");
    return next();
  };
  const send = createTransport({
    baseUrl: "http://127.0.0.1:8788",
    auth: { kind: "oauth", accessToken: "tok" },
    fetch: fetch as typeof globalThis.fetch,
    maxAttempts: 3,
    baseDelayMs: 10,
    maxDelayMs: 100,
    sleep: async () => {},
    timeoutMs: 1000,
    ...overrides,
  });
  return { send, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });


test("an injected fetch is used, against the injected base URL", async () => {
  const { send, calls } = transportAnswering([json(200, { ok: true })]);
  const response = await send({ method: "GET", path: "/api/v2/users/me.json", repeatable: true });
  expect(response.body).toEqual({ ok: true });
  expect(calls[0]?.url).toBe("http://127.0.0.1:8788/api/v2/users/me.json");
  expect(calls[0]?.headers.get("authorization")).toBe("Bearer tok");
});

test('a {"error":{"title","message"}} answer becomes code and description', async () => {
  const { send } = transportAnswering([json(403, { error: { title: "Forbidden", message: "You do not have access to this page." } })]);
  const error = await failureOf(send({ method: "GET", path: "/api/v2/triggers.json", repeatable: true }));
  expect(error).toMatchObject({ status: 403, code: "Forbidden", description: "You do not have access to this page.", retryable: false });
});

test('an {"errors":[…]} answer becomes code and description of the first, keeping all of them', async () => {
  const errors = [
    { code: "InvalidPaginationParameter", title: "page[after] is not valid" },
    { code: "InvalidPaginationParameter", title: "page[size] is not valid" },
  ];
  const { send } = transportAnswering([json(400, { errors })]);
  const error = await failureOf(send({ method: "GET", path: "/api/v2/webhooks.json?page[after]=x", repeatable: true }));
  expect(error).toMatchObject({ code: "InvalidPaginationParameter", description: "page[after] is not valid", details: { errors } });
  expect(error.path).toBe("/api/v2/webhooks.json");
});

test("an HTML error page from a proxy is kept short in the description", async () => {
  const page = `<html><body><h1>502 Bad Gateway</h1>${"x".repeat(1000)}</body></html>`;
  const { send, calls } = transportAnswering([() => new Response(page, { status: 502, headers: { "Content-Type": "text/html" } })]);
  const error = await failureOf(send({ method: "GET", path: "/api/v2/tickets/1.json", repeatable: true }));
  expect(error.status).toBe(502);
  expect(error.code).toBeNull();
  expect(error.description?.startsWith("<html><body><h1>502 Bad Gateway</h1>")).toBe(true);
  expect(error.description?.length).toBeLessThanOrEqual(300);
  expect(calls).toHaveLength(3); // 5xx on a GET is retried
});

test("a 2xx answer that is not JSON is an error that says so, and is not retried", async () => {
  const { send, calls } = transportAnswering([() => new Response("<html>login</html>", { status: 200 })]);
  const error = await failureOf(send({ method: "GET", path: "/api/v2/users/me.json", repeatable: true }));
  expect(error).toMatchObject({ status: 200, retryable: false });
  expect(error.description).toMatch(/not JSON/);
  expect(calls).toHaveLength(1);
});

test("a network failure is status 0, retryable, and keeps its cause", async () => {
  const { send, calls } = transportAnswering([
    () => {
      throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:8788") });
    },
  ]);
  const error = await failureOf(send({ method: "GET", path: "/api/v2/users/me.json", repeatable: true }));
  expect(error).toMatchObject({ status: 0, code: null, retryable: true });
  expect(error.description).toMatch(/ECONNREFUSED/);
  expect(error.cause).toBeInstanceOf(TypeError);
  expect(calls).toHaveLength(3);
});

test("an empty 204 answer reads as a null body", async () => {
  const { send } = transportAnswering([() => new Response(null, { status: 204 })]);
  await expect(send({ method: "DELETE", path: "/api/v2/tickets/1/tags.json", body: { tags: ["a"] }, repeatable: true })).resolves.toMatchObject({
    status: 204,
    body: null,
  });
});

test("a request that is not safe to repeat is sent again only after a 429, which Zendesk refused before handling it", async () => {
  const post = { method: "POST", path: "/v2/apps/app/conversations/c1/messages", body: { text: "hi" }, repeatable: false } as const;
  const limited = transportAnswering([json(429, { error: "APIRateLimitExceeded" }, { "Retry-After": "1" }), json(201, { messages: [{ id: "m1" }] })]);
  await expect(limited.send(post)).resolves.toMatchObject({ status: 201 });
  expect(limited.calls).toHaveLength(2);
  // A 500 may have come after the message was stored: the caller looks before it posts again.
  const failed = transportAnswering([json(500, { error: "InternalError" }), json(201, { messages: [{ id: "m1" }] })]);
  await expect(failureOf(failed.send(post))).resolves.toMatchObject({ status: 500 });
  expect(failed.calls).toHaveLength(1);
});
