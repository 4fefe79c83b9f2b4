import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { createZendeskClient, type ZendeskClientOptions } from "./client";
import { ZendeskInputError } from "./errors";
import { failureOf } from "./test-support";

// Answers are shaped as Zendesk documents them (reference §2–§8, §10), extra fields included.
const BASE = "https://acme.zendesk.com";
const api = (path: string) => `${BASE}/api/v2${path}`;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function makeClient(overrides: Partial<ZendeskClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = createZendeskClient({
    baseUrl: BASE,
    auth: { kind: "api_token", email: "agent@acme.test", token: "t0k3n" },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { client, sleeps };
}

/** Records what reached the fake Zendesk. */
function recorder() {
  const requests: Array<{ method: string; url: URL; headers: Headers; body: unknown }> = [];
  return {
    requests,
    async record(request: Request) {
      const text = await request.text();
      requests.push({ method: request.method, url: new URL(request.url), headers: request.headers, body: text ? JSON.parse(text) : undefined });
    },
  };
}


const ticket = (overrides: Record<string, unknown> = {}) => ({
  id: 35436,
  url: "https://acme.zendesk.com/api/v2/tickets/35436.json",
  external_id: "conv_8f3c",
  via: { channel: "api", source: { from: {}, to: {}, rel: null } },
  created_at: "2024-05-01T12:00:00Z",
  updated_at: "2024-05-01T12:00:00Z",
  type: null,
  subject: "Messenger: refund for order #1234",
  description: "AI summary",
  priority: "normal",
  status: "open",
  requester_id: 9873843,
  submitter_id: 9873843,
  assignee_id: null,
  group_id: null,
  tags: ["intercom-messenger", "fin-involved"],
  custom_fields: [{ id: 27642, value: "order_1234" }],
  is_public: false,
  ...overrides,
});

const user = (overrides: Record<string, unknown> = {}) => ({
  id: 9873843,
  url: "https://acme.zendesk.com/api/v2/users/9873843.json",
  name: "Roger Wilco",
  email: "roge@example.org",
  external_id: "user-42",
  role: "end-user",
  verified: true,
  user_fields: {},
  ...overrides,
});

const comment = (id: number, overrides: Record<string, unknown> = {}) => ({
  id,
  type: "Comment",
  author_id: 9873843,
  body: `Comment ${id}`,
  html_body: `<div class="zd-comment"><p>Comment ${id}</p></div>`,
  plain_body: `Comment ${id}`,
  public: true,
  attachments: [],
  audit_id: id + 1000,
  via: { channel: "web", source: { from: {}, to: {}, rel: null } },
  created_at: `2024-05-01T12:0${id % 10}:00Z`,
  ...overrides,
});

// --- authentication and conventions ---------------------------------------------------------

test("API token requests carry Basic base64({email}/token:{token}) and Accept: application/json", async () => {
  const seen = recorder();
  server.use(http.get(api("/users/me.json"), async ({ request }) => (await seen.record(request), HttpResponse.json({ user: user({ role: "agent" }) }))));
  const { client } = makeClient();
  await expect(client.users.me()).resolves.toMatchObject({ id: 9873843, role: "agent" });
  const [request] = seen.requests;
  expect(request?.headers.get("authorization")).toBe("Basic YWdlbnRAYWNtZS50ZXN0L3Rva2VuOnQwazNu");
  expect(request?.headers.get("accept")).toBe("application/json");
  expect(request?.headers.get("content-type")).toBeNull(); // no body, no Content-Type
});

test("OAuth requests carry a Bearer token", async () => {
  const seen = recorder();
  server.use(http.get(api("/users/me.json"), async ({ request }) => (await seen.record(request), HttpResponse.json({ user: user() }))));
  const { client } = makeClient({ auth: { kind: "oauth", accessToken: "oauth-access-token" } });
  await client.users.me();
  expect(seen.requests[0]?.headers.get("authorization")).toBe("Bearer oauth-access-token");
});

test("the base URL is injected: a simulator on 127.0.0.1 is called the same way", async () => {
  const seen = recorder();
  server.use(http.get("http://127.0.0.1:8788/api/v2/tickets/7.json", async ({ request }) => (await seen.record(request), HttpResponse.json({ ticket: ticket({ id: 7 }) }))));
  for (const baseUrl of ["http://127.0.0.1:8788", "http://127.0.0.1:8788/", "http://127.0.0.1:8788/api/v2"]) {
    const { client } = makeClient({ baseUrl });
    await expect(client.tickets.show(7)).resolves.toMatchObject({ id: 7 });
  }
  expect(seen.requests).toHaveLength(3);
});

test("bad options are refused when the client is made", () => {
  expect(() => makeClient({ baseUrl: "acme.zendesk.com" })).toThrow(ZendeskInputError);
  expect(() => makeClient({ baseUrl: "ftp://acme.zendesk.com" })).toThrow(/http/);
  expect(() => makeClient({ auth: { kind: "api_token", email: "agent@acme.test", token: "" } })).toThrow(/token/);
  expect(() => makeClient({ retry: { maxAttempts: 0 } })).toThrow(/maxAttempts/);
  expect(() => makeClient({ timeoutMs: 0 })).toThrow(/timeoutMs/);
});

test("an answer as the anonymous user means the credentials were not accepted", async () => {
  server.use(http.get(api("/users/me.json"), () => HttpResponse.json({ user: { id: null, name: "Anonymous user", email: "invalid@example.com", role: "end-user" } })));
  const error = await failureOf(makeClient().client.users.me());
  expect(error.description).toMatch(/anonymous/);
  expect(error.retryable).toBe(false);
});

// --- users ----------------------------------------------------------------------------------

test("create_or_update reports created on 201 and updated on 200, sending the user as given", async () => {
  const seen = recorder();
  let status = 201;
  server.use(
    http.post(api("/users/create_or_update.json"), async ({ request }) => (await seen.record(request), HttpResponse.json({ user: user() }, { status }))),
  );
  const { client } = makeClient();
  const input = { name: "Roger Wilco", email: "roge@example.org", external_id: "user-42", role: "end-user" as const, skip_verify_email: true };
  await expect(client.users.createOrUpdate(input)).resolves.toMatchObject({ created: true, user: { id: 9873843, external_id: "user-42" } });
  status = 200;
  await expect(client.users.createOrUpdate(input)).resolves.toMatchObject({ created: false });
  expect(seen.requests[0]?.body).toEqual({ user: input });
  expect(seen.requests[0]?.headers.get("content-type")).toBe("application/json");
});

test("create_or_update is repeated after a 503, since it matches rather than duplicates", async () => {
  let calls = 0;
  server.use(
    http.post(api("/users/create_or_update.json"), () =>
      ++calls === 1 ? new HttpResponse("Service Unavailable", { status: 503 }) : HttpResponse.json({ user: user() }, { status: 200 }),
    ),
  );
  const { client, sleeps } = makeClient();
  await expect(client.users.createOrUpdate({ name: "Roger", external_id: "user-42" })).resolves.toMatchObject({ created: false });
  expect(calls).toBe(2);
  expect(sleeps).toHaveLength(1);
});

test("a user with neither external_id nor email is refused before anything is sent", async () => {
  const { client } = makeClient();
  await expect(client.users.createOrUpdate({ name: "Nobody" })).rejects.toThrow(/external_id or email/);
  // onUnhandledRequest: "error" would have failed a request that reached the network.
});

test("search by external id sends it as given, URL-encoded, and reads every page", async () => {
  const seen = recorder();
  server.use(
    http.get(api("/users/search.json"), async ({ request }) => {
      await seen.record(request);
      const page = new URL(request.url).searchParams.get("page");
      return page === "2"
        ? HttpResponse.json({ users: [user({ id: 2 })], next_page: null, previous_page: api("/users/search.json?page=1"), count: 2 })
        : HttpResponse.json({ users: [user({ id: 1 })], next_page: api("/users/search.json?external_id=User%2042%2Bx&page=2"), previous_page: null, count: 2 });
    }),
  );
  const users = await makeClient().client.users.searchByExternalId("User 42+x");
  expect(users.map((found) => found.id)).toEqual([1, 2]);
  expect(seen.requests[0]?.url.searchParams.get("external_id")).toBe("User 42+x");
});

// --- tickets --------------------------------------------------------------------------------

test("ticket create sends the Idempotency-Key header and returns Zendesk's lookup", async () => {
  const seen = recorder();
  let lookup = "miss";
  server.use(
    http.post(api("/tickets.json"), async ({ request }) => {
      await seen.record(request);
      return HttpResponse.json({ ticket: ticket() }, { status: 201, headers: { Location: api("/tickets/35436.json"), "x-idempotency-lookup": lookup } });
    }),
  );
  const { client } = makeClient();
  const input = {
    subject: "Messenger: refund for order #1234",
    requester_id: 9873843,
    comment: { html_body: "<p>AI summary</p>", public: false },
    tags: ["intercom-messenger", "fin-involved"],
    custom_fields: [{ id: 27642, value: "order_1234" }],
    external_id: "conv_8f3c",
    status: "open" as const,
    priority: "normal" as const,
  };
  const first = await client.tickets.create(input, { idempotencyKey: "handoff:conv_8f3c:1" });
  expect(first).toMatchObject({ idempotencyLookup: "miss", ticket: { id: 35436, external_id: "conv_8f3c" } });
  lookup = "hit";
  expect((await client.tickets.create(input, { idempotencyKey: "handoff:conv_8f3c:1" })).idempotencyLookup).toBe("hit");
  expect(seen.requests[0]?.headers.get("idempotency-key")).toBe("handoff:conv_8f3c:1");
  expect(seen.requests[0]?.body).toEqual({ ticket: input });
});

test("without a key there is no Idempotency-Key header and the lookup is null", async () => {
  const seen = recorder();
  server.use(http.post(api("/tickets.json"), async ({ request }) => (await seen.record(request), HttpResponse.json({ ticket: ticket() }, { status: 201 }))));
  const result = await makeClient().client.tickets.create({ comment: { body: "Hello" } });
  expect(result.idempotencyLookup).toBeNull();
  expect(seen.requests[0]?.headers.has("idempotency-key")).toBe(false);
});

test("a create retried after a 503 reuses the same Idempotency-Key", async () => {
  const keys: Array<string | null> = [];
  server.use(
    http.post(api("/tickets.json"), ({ request }) => {
      keys.push(request.headers.get("idempotency-key"));
      return keys.length === 1
        ? HttpResponse.json({ error: "ServiceUnavailable" }, { status: 503 })
        : HttpResponse.json({ ticket: ticket() }, { status: 201, headers: { "x-idempotency-lookup": "miss" } });
    }),
  );
  const { client, sleeps } = makeClient();
  const result = await client.tickets.create({ comment: { body: "Hello" } }, { idempotencyKey: "parley:conv_1:ticket" });
  expect(result.ticket.id).toBe(35436);
  expect(keys).toEqual(["parley:conv_1:ticket", "parley:conv_1:ticket"]);
  expect(sleeps).toHaveLength(1);
});

test("a create WITHOUT a key is not retried on 503: it might have created the ticket", async () => {
  let calls = 0;
  server.use(http.post(api("/tickets.json"), () => (calls++, new HttpResponse("Service Unavailable", { status: 503, headers: { "Retry-After": "1" } }))));
  const { client, sleeps } = makeClient();
  const error = await failureOf(client.tickets.create({ comment: { body: "Hello" } }));
  expect(error).toMatchObject({ status: 503, retryable: true, retryAfterSeconds: 1, method: "POST", path: "/api/v2/tickets.json" });
  expect(calls).toBe(1);
  expect(sleeps).toEqual([]);
});

test("400 IdempotentRequestError surfaces its code and is not retried", async () => {
  let calls = 0;
  server.use(
    http.post(api("/tickets.json"), () => {
      calls++;
      return HttpResponse.json(
        { error: "IdempotentRequestError", description: "Request parameters don't match the idempotency key" },
        { status: 400 },
      );
    }),
  );
  const { client, sleeps } = makeClient();
  const error = await failureOf(client.tickets.create({ comment: { body: "Changed body" } }, { idempotencyKey: "parley:conv_1:ticket" }));
  expect(error).toMatchObject({ status: 400, code: "IdempotentRequestError", retryable: false });
  expect(error.description).toMatch(/idempotency key/);
  expect(error.message).toMatch(/IdempotentRequestError/);
  expect(calls).toBe(1);
  expect(sleeps).toEqual([]);
});

test("422 validation details surface in the error and its message", async () => {
  let calls = 0;
  server.use(
    http.post(api("/tickets.json"), () => {
      calls++;
      return HttpResponse.json(
        {
          error: "RecordInvalid",
          description: "Record validation errors",
          details: { requester: [{ description: "Requester: Name is too short (minimum one character)", error: "InvalidValue" }] },
        },
        { status: 422 },
      );
    }),
  );
  const error = await failureOf(makeClient().client.tickets.create({ comment: { body: "Hi" } }, { idempotencyKey: "k" }));
  expect(error).toMatchObject({ status: 422, code: "RecordInvalid", description: "Record validation errors", retryable: false });
  expect(error.details).toEqual({ requester: [{ description: "Requester: Name is too short (minimum one character)", error: "InvalidValue" }] });
  expect(error.message).toMatch(/requester: Requester: Name is too short/);
  expect(calls).toBe(1);
});

test("429 with Retry-After: 7 sleeps 7000 ms, then succeeds", async () => {
  let calls = 0;
  server.use(
    http.get(api("/tickets/35436.json"), () =>
      ++calls === 1
        ? HttpResponse.json({ error: "TooManyRequests" }, { status: 429, headers: { "Retry-After": "7" } })
        : HttpResponse.json({ ticket: ticket() }),
    ),
  );
  const { client, sleeps } = makeClient();
  await expect(client.tickets.show(35436)).resolves.toMatchObject({ id: 35436 });
  expect(sleeps).toEqual([7000]);
});

test("a Retry-After longer than maxDelayMs is capped", async () => {
  let calls = 0;
  server.use(
    http.get(api("/tickets/35436.json"), () =>
      ++calls === 1 ? new HttpResponse(null, { status: 429, headers: { "Retry-After": "3600" } }) : HttpResponse.json({ ticket: ticket() }),
    ),
  );
  const { client, sleeps } = makeClient({ retry: { maxDelayMs: 10_000 } });
  await client.tickets.show(35436);
  expect(sleeps).toEqual([10_000]);
});

test("a plain-text 429 without Retry-After backs off, then throws a retryable error", async () => {
  let calls = 0;
  server.use(
    http.put(api("/tickets/35436.json"), () => {
      calls++;
      return new HttpResponse("Too Many Requests - You have made too many updates to this user", { status: 429, headers: { "Content-Type": "text/plain" } });
    }),
  );
  const { client, sleeps } = makeClient();
  const error = await failureOf(client.tickets.update(35436, { status: "pending" }));
  expect(error).toMatchObject({ status: 429, code: null, retryAfterSeconds: null, retryable: true, method: "PUT" });
  expect(error.description).toMatch(/too many updates/);
  expect(calls).toBe(4); // maxAttempts
  expect(sleeps).toHaveLength(3);
  // Exponential from baseDelayMs 500, jittered within the upper half of each step.
  [500, 1000, 2000].forEach((step, index) => {
    expect(sleeps[index]).toBeGreaterThanOrEqual(step / 2);
    expect(sleeps[index]).toBeLessThanOrEqual(step);
  });
});

test("other 5xx on a GET back off and retry", async () => {
  let calls = 0;
  server.use(
    http.get(api("/tickets/35436.json"), () =>
      ++calls < 3 ? HttpResponse.json({ error: "InternalServerError" }, { status: 500, headers: { "Retry-After": "30" } }) : HttpResponse.json({ ticket: ticket() }),
    ),
  );
  const { client, sleeps } = makeClient();
  await client.tickets.show(35436);
  expect(calls).toBe(3);
  // Retry-After is honoured for 429/503 only; a 500 gets the ordinary backoff.
  expect(sleeps.every((ms) => ms <= 1000)).toBe(true);
});

test("404 is not retried and carries Zendesk's code", async () => {
  let calls = 0;
  server.use(http.get(api("/tickets/999.json"), () => (calls++, HttpResponse.json({ error: "RecordNotFound", description: "Not found" }, { status: 404 }))));
  const error = await failureOf(makeClient().client.tickets.show(999));
  expect(error).toMatchObject({ status: 404, code: "RecordNotFound", description: "Not found", retryable: false, path: "/api/v2/tickets/999.json" });
  expect(calls).toBe(1);
});

test("a network failure is retried for a GET and ends as a retryable status-0 error", async () => {
  let calls = 0;
  server.use(http.get(api("/tickets/35436.json"), () => (calls++, HttpResponse.error())));
  const { client, sleeps } = makeClient({ retry: { maxAttempts: 2 } });
  const error = await failureOf(client.tickets.show(35436));
  expect(error).toMatchObject({ status: 0, code: null, retryable: true });
  expect(calls).toBe(2);
  expect(sleeps).toHaveLength(1);
});

test("a request that gets no answer in timeoutMs times out, is retried, and ends as a retryable error", async () => {
  let calls = 0;
  server.use(
    http.get(api("/tickets/35436.json"), async () => {
      calls++;
      await delay("infinite");
      return HttpResponse.json({ ticket: ticket() });
    }),
  );
  const { client, sleeps } = makeClient({ timeoutMs: 50, retry: { maxAttempts: 2 } });
  const started = Date.now();
  const error = await failureOf(client.tickets.show(35436));
  expect(error).toMatchObject({ status: 0, retryable: true, description: "no answer within 50 ms" });
  expect(calls).toBe(2);
  expect(sleeps).toHaveLength(1);
  expect(Date.now() - started).toBeLessThan(2000);
});

test("a slow first answer times out and the retry succeeds", async () => {
  let calls = 0;
  server.use(
    http.get(api("/tickets/35436.json"), async () => {
      if (++calls === 1) await delay("infinite");
      return HttpResponse.json({ ticket: ticket() });
    }),
  );
  const { client } = makeClient({ timeoutMs: 50 });
  await expect(client.tickets.show(35436)).resolves.toMatchObject({ id: 35436 });
  expect(calls).toBe(2);
});

test("unknown fields in answers survive, and documented-nullable fields left out read as null", async () => {
  server.use(
    http.get(api("/tickets/1.json"), () =>
      HttpResponse.json({ ticket: { id: 1, status: "new", requester_id: 5, updated_at: "2024-05-01T12:00:00Z", brand_id: 77, from_messaging_channel: false } }),
    ),
  );
  const found = await makeClient().client.tickets.show(1);
  expect(found).toMatchObject({ id: 1, brand_id: 77, from_messaging_channel: false, assignee_id: null, external_id: null, subject: null, tags: [] });
});

test("an answer of the wrong shape is a non-retryable error naming the field", async () => {
  server.use(http.get(api("/tickets/1.json"), () => HttpResponse.json({ ticket: { id: "1", status: "open" } })));
  const error = await failureOf(makeClient().client.tickets.show(1));
  expect(error.status).toBe(200);
  expect(error.retryable).toBe(false);
  expect(error.description).toMatch(/ticket\.id/);
});

test("update sends {ticket} by PUT and retries it on 503 when it carries no comment", async () => {
  const seen = recorder();
  server.use(
    http.put(api("/tickets/35436.json"), async ({ request }) => {
      await seen.record(request);
      return seen.requests.length === 1
        ? new HttpResponse(null, { status: 503, headers: { "Retry-After": "2" } })
        : HttpResponse.json({ ticket: ticket({ status: "pending", assignee_id: null }), audit: { events: [{ type: "Change", field_name: "status", value: "pending" }] } });
    }),
  );
  const { client, sleeps } = makeClient();
  const update = { status: "pending" as const, assignee_id: null };
  await expect(client.tickets.update(35436, update)).resolves.toMatchObject({ ticket: { status: "pending" } });
  expect(seen.requests.map((request) => request.body)).toEqual([{ ticket: update }, { ticket: update }]);
  expect(sleeps).toEqual([2000]);
});

test("an update with a comment is sent once: Zendesk has no idempotency key for it, so the caller decides about retrying", async () => {
  const seen = recorder();
  server.use(
    http.put(api("/tickets/35436.json"), async ({ request }) => {
      await seen.record(request);
      return new HttpResponse(null, { status: 503, headers: { "Retry-After": "2" } });
    }),
  );
  const { client, sleeps } = makeClient();
  const update = { comment: { body: "Internal note", public: false }, status: "pending" as const, metadata: { custom: { parley_effect: "outbox-7" } } };
  const error = await failureOf(client.tickets.update(35436, update));
  expect(error).toMatchObject({ status: 503, retryable: true, retryAfterSeconds: 2 });
  expect(seen.requests.map((request) => request.body)).toEqual([{ ticket: update }]);
  expect(sleeps).toEqual([]);
});

test("a ticket update carries tags only as a safe update: they replace every tag on the ticket", async () => {
  const { client } = makeClient();
  await expect(client.tickets.update(1, { tags: ["fin-resolved"] })).rejects.toThrow(ZendeskInputError);
  await expect(client.tickets.update(1, { tags: ["fin-resolved"] })).rejects.toThrow(/safe update/);
  await expect(client.tickets.update(1, { safe_update: true })).rejects.toThrow(/updated_stamp/);
  await expect(client.tickets.update(0, { status: "open" })).rejects.toThrow(/ticket id/);
});

test("find by external id returns every ticket that has it", async () => {
  const seen = recorder();
  server.use(
    http.get(api("/tickets.json"), async ({ request }) => {
      await seen.record(request);
      return HttpResponse.json({ tickets: [ticket({ id: 1 }), ticket({ id: 2 })], next_page: null, previous_page: null, count: 2 });
    }),
  );
  const found = await makeClient().client.tickets.findByExternalId("conv_8f3c");
  expect(found.map((each) => each.id)).toEqual([1, 2]);
  expect(seen.requests[0]?.url.searchParams.get("external_id")).toBe("conv_8f3c");
});

test("listComments follows next_page to the end, oldest first, on our own base URL", async () => {
  const seen = recorder();
  server.use(
    http.get(api("/tickets/35436/comments.json"), async ({ request }) => {
      await seen.record(request);
      const page = new URL(request.url).searchParams.get("page") ?? "1";
      const pages: Record<string, object> = {
        "1": { comments: [comment(1), comment(2)], next_page: api("/tickets/35436/comments.json?page=2&sort_order=asc"), previous_page: null, count: 5 },
        "2": { comments: [comment(3), comment(4)], next_page: api("/tickets/35436/comments.json?page=3&sort_order=asc"), previous_page: null, count: 5 },
        "3": { comments: [comment(5, { public: false, via: { channel: "api" } })], next_page: null, previous_page: null, count: 5 },
      };
      return HttpResponse.json(pages[page]);
    }),
  );
  const comments = await makeClient().client.tickets.listComments(35436);
  expect(comments.map((each) => each.id)).toEqual([1, 2, 3, 4, 5]);
  expect(comments[4]).toMatchObject({ public: false, via: { channel: "api" }, audit_id: 1005 });
  expect(seen.requests.map((request) => request.url.searchParams.get("page"))).toEqual([null, "2", "3"]);
  expect(seen.requests[0]?.url.searchParams.get("sort_order")).toBe("asc");
});

test("a next_page on another host is followed on our base URL, so credentials never leave it", async () => {
  const seen = recorder();
  server.use(
    http.get("http://127.0.0.1:8788/api/v2/tickets/1/comments.json", async ({ request }) => {
      await seen.record(request);
      return new URL(request.url).searchParams.get("page") === "2"
        ? HttpResponse.json({ comments: [comment(2)], next_page: null })
        : HttpResponse.json({ comments: [comment(1)], next_page: "http://sim.zendesk.test/api/v2/tickets/1/comments.json?page=2" });
    }),
  );
  const { client } = makeClient({ baseUrl: "http://127.0.0.1:8788" });
  expect((await client.tickets.listComments(1)).map((each) => each.id)).toEqual([1, 2]);
  expect(seen.requests).toHaveLength(2);
});

test("a next_page that repeats itself stops with an error instead of looping", async () => {
  server.use(http.get(api("/tickets/1/comments.json"), () => HttpResponse.json({ comments: [comment(1)], next_page: api("/tickets/1/comments.json?page=2") })));
  const error = await failureOf(makeClient().client.tickets.listComments(1));
  expect(error.description).toMatch(/pagination does not end/);
});

// --- tags -----------------------------------------------------------------------------------

test("tags add, set and remove use PUT, POST and DELETE with a JSON {tags} body", async () => {
  const seen = recorder();
  const answer = async ({ request }: { request: Request }) => {
    await seen.record(request);
    return HttpResponse.json({ tags: ["intercom-messenger", "fin-resolved"] }, { status: request.method === "POST" ? 201 : 200 });
  };
  server.use(http.put(api("/tickets/35436/tags.json"), answer), http.post(api("/tickets/35436/tags.json"), answer), http.delete(api("/tickets/35436/tags.json"), answer));
  const { client } = makeClient();
  await expect(client.tags.add(35436, ["fin-resolved"])).resolves.toEqual(["intercom-messenger", "fin-resolved"]);
  await client.tags.set(35436, ["intercom-messenger", "fin-resolved"]);
  await client.tags.remove(35436, ["fin-soft-resolution"]);
  expect(seen.requests.map(({ method, body, headers }) => ({ method, body, type: headers.get("content-type") }))).toEqual([
    { method: "PUT", body: { tags: ["fin-resolved"] }, type: "application/json" },
    { method: "POST", body: { tags: ["intercom-messenger", "fin-resolved"] }, type: "application/json" },
    { method: "DELETE", body: { tags: ["fin-soft-resolution"] }, type: "application/json" },
  ]);
});

test("tag changes with updatedStamp send safe_update and updated_stamp", async () => {
  const seen = recorder();
  const answer = async ({ request }: { request: Request }) => (await seen.record(request), HttpResponse.json({ tags: ["a"] }));
  server.use(http.put(api("/tickets/1/tags.json"), answer), http.post(api("/tickets/1/tags.json"), answer), http.delete(api("/tickets/1/tags.json"), answer));
  const { client } = makeClient();
  const stamp = "2019-09-12T21:45:16Z";
  await client.tags.add(1, ["a"], { updatedStamp: stamp });
  await client.tags.set(1, ["a"], { updatedStamp: stamp });
  await client.tags.remove(1, ["b"], { updatedStamp: stamp });
  for (const request of seen.requests) {
    expect(request.body).toEqual({ tags: expect.any(Array), updated_stamp: stamp, safe_update: "true" });
  }
});

test("a safe-update conflict (409) surfaces and is not retried", async () => {
  let calls = 0;
  server.use(
    http.put(api("/tickets/1/tags.json"), () => {
      calls++;
      return HttpResponse.json(
        { error: "UpdateConflict", description: "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again." },
        { status: 409 },
      );
    }),
  );
  const { client, sleeps } = makeClient();
  const error = await failureOf(client.tags.add(1, ["fin-resolved"], { updatedStamp: "2019-09-12T21:45:16Z" }));
  expect(error).toMatchObject({ status: 409, code: "UpdateConflict", retryable: false, method: "PUT", path: "/api/v2/tickets/1/tags.json" });
  expect(calls).toBe(1);
  expect(sleeps).toEqual([]);
});

test("a removal answered 204 without a list reads the tags afterwards", async () => {
  server.use(
    http.delete(api("/tickets/1/tags.json"), () => new HttpResponse(null, { status: 204 })),
    http.get(api("/tickets/1/tags.json"), () => HttpResponse.json({ tags: ["intercom-messenger"] })),
  );
  await expect(makeClient().client.tags.remove(1, ["fin-involved"])).resolves.toEqual(["intercom-messenger"]);
});

test("tags are refused when Zendesk would split or drop them", async () => {
  const { client } = makeClient();
  await expect(client.tags.add(1, ["fin resolved"])).rejects.toThrow(/one non-empty word/);
  await expect(client.tags.add(1, [""])).rejects.toThrow(ZendeskInputError);
});

test("tags.list reads the ticket's tags", async () => {
  server.use(http.get(api("/tickets/35436/tags.json"), () => HttpResponse.json({ tags: ["intercom-messenger", "fin-involved"] })));
  await expect(makeClient().client.tags.list(35436)).resolves.toEqual(["intercom-messenger", "fin-involved"]);
});

// --- webhooks and triggers ------------------------------------------------------------------

const webhook = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  name: "Parley: agent replies",
  status: "active",
  endpoint: "https://parley.example/webhooks/zendesk",
  http_method: "POST",
  request_format: "json",
  subscriptions: ["conditional_ticket_events"],
  created_at: "2024-05-01T12:00:00Z",
  created_by: "1234",
  ...overrides,
});

test("webhooks.list follows cursor pages (meta.has_more + links.next)", async () => {
  server.use(
    http.get(api("/webhooks.json"), ({ request }) =>
      new URL(request.url).searchParams.get("page[after]") === "c1"
        ? HttpResponse.json({ webhooks: [webhook("01B")], meta: { has_more: false, after_cursor: null, before_cursor: "c1" }, links: { next: null, prev: null } })
        : HttpResponse.json({
            webhooks: [webhook("01A")],
            meta: { has_more: true, after_cursor: "c1", before_cursor: null },
            links: { next: api("/webhooks.json?page[after]=c1&page[size]=1"), prev: null },
          }),
    ),
  );
  const webhooks = await makeClient().client.webhooks.list();
  expect(webhooks.map((each) => each.id)).toEqual(["01A", "01B"]);
  expect(webhooks[0]).toMatchObject({ created_by: "1234" });
});

test("webhooks.create posts {webhook}, is never repeated, and reads the signing secret", async () => {
  const seen = recorder();
  let creates = 0;
  server.use(
    http.post(api("/webhooks.json"), async ({ request }) => {
      await seen.record(request);
      return ++creates === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ webhook: webhook("01F1KRFQ6BG29CNWFR60NK5FNY") }, { status: 201 });
    }),
    http.get(api("/webhooks/01F1KRFQ6BG29CNWFR60NK5FNY/signing_secret.json"), () =>
      HttpResponse.json({ signing_secret: { algorithm: "SHA256", secret: "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==" } }),
    ),
  );
  const { client } = makeClient();
  const input = {
    name: "Parley: agent replies",
    status: "active" as const,
    endpoint: "https://parley.example/webhooks/zendesk",
    http_method: "POST" as const,
    request_format: "json" as const,
    subscriptions: ["conditional_ticket_events"],
  };
  await expect(client.webhooks.create(input)).rejects.toMatchObject({ status: 503 });
  expect(creates).toBe(1); // a second POST could make a second webhook
  const created = await client.webhooks.create(input);
  expect(created.id).toBe("01F1KRFQ6BG29CNWFR60NK5FNY");
  expect(seen.requests[0]?.body).toEqual({ webhook: input });
  await expect(client.webhooks.signingSecret(created.id)).resolves.toBe("dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==");
  await expect(client.webhooks.signingSecret("../users/me")).rejects.toThrow(ZendeskInputError);
});

test("triggers list (offset pages) and create with a webhook action", async () => {
  const seen = recorder();
  const trigger = { id: 25, title: "Parley: send agent replies to the Messenger", active: true, position: 8, conditions: { all: [], any: [] }, actions: [], raw_title: "x" };
  server.use(
    http.get(api("/triggers.json"), ({ request }) =>
      new URL(request.url).searchParams.get("page") === "2"
        ? HttpResponse.json({ triggers: [{ ...trigger, id: 26 }], next_page: null, previous_page: null, count: 2 })
        : HttpResponse.json({ triggers: [trigger], next_page: api("/triggers.json?page=2"), previous_page: null, count: 2 }),
    ),
    http.post(api("/triggers.json"), async ({ request }) => (await seen.record(request), HttpResponse.json({ trigger }, { status: 201 }))),
  );
  const { client } = makeClient();
  expect((await client.triggers.list()).map((each) => each.id)).toEqual([25, 26]);
  const input = {
    title: "Parley: send agent replies to the Messenger",
    active: true,
    conditions: {
      all: [
        { field: "comment_is_public", operator: "is", value: "requester_can_see_comment" },
        { field: "current_via_id", operator: "is_not", value: "5" },
      ],
      any: [],
    },
    actions: [{ field: "notification_webhook", value: ["01F1KRFQ6BG29CNWFR60NK5FNY", '{"ticket_id":"{{ticket.id}}"}'] }],
  };
  await expect(client.triggers.create(input)).resolves.toMatchObject({ id: 25, raw_title: "x" });
  expect(seen.requests[0]?.body).toEqual({ trigger: input });
});

test("when an answer says the minute's requests are used up, the next call waits for the reset instead of running into 429s", async () => {
  let left = 1;
  server.use(
    http.get(api("/users/me.json"), () => {
      left = Math.max(0, left - 1);
      return HttpResponse.json(
        { user: { id: 1, name: "Agent", email: "agent@acme.test", role: "admin" } },
        { headers: { "X-Rate-Limit": "700", "X-Rate-Limit-Remaining": String(left), "ratelimit-remaining": String(left), "ratelimit-reset": "7" } },
      );
    }),
  );
  const { client, sleeps } = makeClient();
  await client.users.me();
  expect(sleeps).toHaveLength(0);
  await client.users.me();
  expect(sleeps).toHaveLength(1);
  expect(sleeps[0]).toBeGreaterThan(6000);
  expect(sleeps[0]).toBeLessThanOrEqual(7000);
});

const guideArticle = (id: number, locale: string, overrides: Record<string, unknown> = {}) => ({
  id,
  url: `${BASE}/api/v2/help_center/${locale}/articles/${id}.json`,
  html_url: `${BASE}/hc/${locale}/articles/${id}-Returns`,
  author_id: 5,
  draft: false,
  section_id: 360001,
  created_at: "2024-05-01T12:00:00Z",
  updated_at: "2024-05-02T12:00:00Z",
  title: "Returns",
  source_locale: "en-us",
  locale,
  outdated: false,
  label_names: [],
  body: "<p>Within 30 days.</p>",
  ...overrides,
});

test("helpCenter.listArticles asks for cursor pages of 100 in the locale, with .json, and follows links.next", async () => {
  const seen = recorder();
  server.use(
    http.get(api("/help_center/fr/articles.json"), async ({ request }) => {
      await seen.record(request);
      const url = new URL(request.url);
      if (url.searchParams.get("page[after]") === "c1") {
        return HttpResponse.json({ articles: [guideArticle(2, "fr", { draft: true })], meta: { has_more: false }, links: { next: null } });
      }
      return HttpResponse.json({
        articles: [guideArticle(1, "fr", { unknown_field: 1 })],
        meta: { has_more: true, after_cursor: "c1" },
        links: { next: `${BASE}/api/v2/help_center/fr/articles.json?page[size]=100&page[after]=c1` },
      });
    }),
  );
  const { client } = makeClient();

  const articles = await client.helpCenter.listArticles("FR");

  expect(articles.map((article) => [article.id, article.locale, article.draft])).toEqual([
    [1, "fr", false],
    [2, "fr", true],
  ]);
  expect(articles[0]).toMatchObject({ unknown_field: 1, html_url: `${BASE}/hc/fr/articles/1-Returns` });
  expect(seen.requests.map((request) => request.url.searchParams.get("page[size]"))).toEqual(["100", "100"]);
});

test("helpCenter.locales reads the enabled locales; a bad locale is refused before anything is sent", async () => {
  server.use(http.get(api("/help_center/locales.json"), () => HttpResponse.json({ locales: ["en-us", "fr"], default_locale: "en-us" })));
  const { client } = makeClient();
  expect(await client.helpCenter.locales()).toEqual({ locales: ["en-us", "fr"], default_locale: "en-us" });
  await expect(client.helpCenter.listArticles("../tickets")).rejects.toBeInstanceOf(ZendeskInputError);
});
