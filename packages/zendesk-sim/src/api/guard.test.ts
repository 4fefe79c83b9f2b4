import { expect, test } from "vitest";
import { apiClient, basicAuth, testSimulator } from "../test-client";

test("requests without valid API token credentials get 401", async () => {
  const { sim } = testSimulator();
  const unauthorized = { error: "Couldn't authenticate you" };

  for (const auth of [
    null,
    basicAuth(sim.credentials.email, "wrong-token"),
    basicAuth("someone@else.test", sim.credentials.apiToken),
    `Basic ${Buffer.from(`${sim.credentials.email}:${sim.credentials.apiToken}`).toString("base64")}`,
    `Bearer ${sim.credentials.apiToken}`,
  ]) {
    const response = await apiClient(sim, auth)("GET", "/api/v2/users/me.json");
    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthorized);
  }
  expect((await apiClient(sim)("GET", "/api/v2/users/me.json")).status).toBe(200);
});

test("every API response carries rate-limit headers; past the budget it is 429 with Retry-After", async () => {
  const { api, clock } = testSimulator({ rateLimitPerMinute: 2 });
  clock.current = new Date("2026-03-02T10:00:15Z");

  const first = await api("GET", "/api/v2/tickets.json");
  expect(first.headers.get("X-Rate-Limit")).toBe("2");
  expect(first.headers.get("X-Rate-Limit-Remaining")).toBe("1");
  expect(first.headers.get("ratelimit-limit")).toBe("2");
  expect(first.headers.get("ratelimit-reset")).toBe("45");
  const second = await api("GET", "/api/v2/triggers.json");
  expect(second.headers.get("X-Rate-Limit-Remaining")).toBe("0");
  expect(second.headers.get("ratelimit-limit")).toBeNull();

  const limited = await api("GET", "/api/v2/tickets.json");
  expect(limited.status).toBe(429);
  expect(limited.headers.get("Retry-After")).toBe("45");

  clock.advance(45_000);
  expect((await api("GET", "/api/v2/tickets.json")).status).toBe(200);
});

test("an injected 429 answers the next matching requests with Retry-After, then the API recovers", async () => {
  const { sim, api } = testSimulator();
  const control = apiClient(sim, null);
  const injected = await control("POST", "/__sim/faults", { status: 429, count: 2, retryAfter: 7, method: "POST", path: "/tickets" });
  expect(injected.status).toBe(201);

  expect((await api("GET", "/api/v2/tickets.json")).status).toBe(200);
  for (let i = 0; i < 2; i++) {
    const response = await api("POST", "/api/v2/tickets.json", { ticket: { comment: { body: "Hi" } } });
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("7");
    expect(response.body.error).toBeTruthy();
  }
  expect((await api("POST", "/api/v2/tickets.json", { ticket: { comment: { body: "Hi" } } })).status).toBe(201);
});

test("a plain-text 429 has no usable Retry-After; 503 and latency can be injected too", async () => {
  const { sim, api } = testSimulator();
  const control = apiClient(sim, null);
  await control("POST", "/__sim/faults", { status: 429, plainText: true, path: "/^\\/api\\/v2\\/tickets\\/\\d+/" });
  await control("POST", "/__sim/faults", { status: 503, retryAfter: 3, path: "users" });

  const plain = await api("PUT", "/api/v2/tickets/123.json", { ticket: {} });
  expect(plain.status).toBe(429);
  expect(plain.headers.get("Content-Type")).toContain("text/plain");
  expect(plain.headers.get("Retry-After")).toBeNull();
  expect(plain.text).toMatch(/rate limit/i);

  const unavailable = await api("GET", "/api/v2/users/me");
  expect(unavailable.status).toBe(503);
  expect(unavailable.headers.get("Retry-After")).toBe("3");

  await control("POST", "/__sim/latency", { ms: 60 });
  const started = Date.now();
  expect((await api("GET", "/api/v2/users/me")).status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(55);

  expect((await control("POST", "/__sim/faults", { status: 418 })).status).toBe(400);
  expect((await control("POST", "/__sim/faults", { status: 500, path: "/[/" })).status).toBe(400);
});

test("a fault with a rate fails that share of matching requests, picking from its statuses, the same way for the same seed, until cleared", async () => {
  const outcomes = async () => {
    const { sim, api } = testSimulator({ rateLimitPerMinute: 10_000 });
    const control = apiClient(sim, null);
    expect((await control("POST", "/__sim/faults", { status: [429, 500], rate: 0.2, seed: 7, path: "/api/v2/" })).status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await api("GET", "/api/v2/users/me.json")).status);
    const [listed] = (await control("GET", "/__sim/faults")).body.faults;
    expect(listed).toMatchObject({ rate: 0.2, remaining: null, failed: statuses.filter((status) => status !== 200).length });
    await control("DELETE", "/__sim/faults");
    expect((await api("GET", "/api/v2/users/me.json")).status).toBe(200);
    return statuses;
  };
  const first = await outcomes();
  const failed = first.filter((status) => status !== 200);
  expect(failed.length).toBeGreaterThan(300 * 0.12);
  expect(failed.length).toBeLessThan(300 * 0.28);
  expect(new Set(failed)).toEqual(new Set([429, 500]));
  expect(await outcomes()).toEqual(first);
});

test("a list of statuses or a seed without a rate is refused", async () => {
  const { sim } = testSimulator();
  const control = apiClient(sim, null);
  expect((await control("POST", "/__sim/faults", { status: [429, 500] })).status).toBe(400);
  expect((await control("POST", "/__sim/faults", { status: 500, seed: 1 })).status).toBe(400);
});

test("unknown API paths are a JSON 404", async () => {
  const { api } = testSimulator();
  const response = await api("GET", "/api/v2/nothing_here.json");
  expect(response).toMatchObject({ status: 404, body: { error: "InvalidEndpoint" } });
});

test("OAuth access tokens are accepted as Bearer, within their scopes; a missing scope is a 403 naming it", async () => {
  const { sim } = testSimulator({
    oauthTokens: [
      { token: "full", email: "agent@sim.zendesk.test", scopes: ["read", "write"] },
      { token: "tickets-only", email: "agent@sim.zendesk.test", scopes: ["tickets:read"] },
    ],
  });
  expect((await apiClient(sim, "Bearer full")("GET", "/api/v2/users/me.json")).body.user.email).toBe("agent@sim.zendesk.test");
  expect((await apiClient(sim, "Bearer tickets-only")("GET", "/api/v2/tickets.json")).status).toBe(200);
  const refused = await apiClient(sim, "Bearer tickets-only")("GET", "/api/v2/users/me.json");
  expect(refused).toMatchObject({ status: 403, body: { error: "Forbidden", description: "You are missing the following required scopes: read" } });
  expect((await apiClient(sim, "Bearer unknown")("GET", "/api/v2/users/me.json")).status).toBe(401);
});

test("an end user's API token reads who they are, and nothing else", async () => {
  const { sim, api } = testSimulator();
  await api("POST", "/api/v2/users.json", { user: { name: "Eve End-User", email: "eve@example.com", role: "end-user" } });
  const eve = apiClient(sim, basicAuth("eve@example.com", sim.credentials.apiToken));
  expect((await eve("GET", "/api/v2/users/me.json")).body.user).toMatchObject({ email: "eve@example.com", role: "end-user" });
  expect(await eve("GET", "/api/v2/tickets.json")).toMatchObject({ status: 403, body: { error: "Forbidden" } });
});
