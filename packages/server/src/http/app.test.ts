import { createHmac } from "node:crypto";
import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import { APP_ID, IDENTITY_SECRET, json, readEvents, type TestParley, testParley } from "../testing/parley";

let server: TestParley;
beforeEach(async () => {
  server = await testParley();
});
afterEach(async () => {
  await server.close();
});

const visitor = (n = 1) => `visitor-000000${n}`;
const hash = (id: string) => createHmac("sha256", IDENTITY_SECRET).update(id).digest("hex");

async function ping(body: unknown = { visitor_id: visitor(), user: {} }): Promise<PingResponse> {
  const response = await server.request(`/v1/apps/${APP_ID}/ping`, json(body));
  expect(response.status).toBe(200);
  return (await response.json()) as PingResponse;
}

const auth = (session: PingResponse) => ({ Authorization: `Bearer ${session.session.token}` });

async function start(session: PingResponse, text: string, clientId = `client-${Math.random().toString(36).slice(2, 12)}`) {
  return server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: clientId, text }, auth(session)));
}

test("the server says it is ready", async () => {
  expect((await server.request("/healthz")).status).toBe(200);
});

test.each([
  ["an unknown app id", `/v1/apps/nope/ping`, json({ visitor_id: visitor(), user: {} }), 404, "app_not_found"],
  ["malformed JSON", `/v1/apps/${APP_ID}/ping`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{nope" }, 400, "invalid_json"],
  ["a body that is not JSON", `/v1/apps/${APP_ID}/ping`, { method: "POST", headers: { "Content-Type": "text/plain" }, body: "hi" }, 415, "unsupported_media_type"],
  ["an oversized body", `/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor(), user: { name: "x".repeat(70_000) } }), 413, "payload_too_large"],
  ["an invalid ping", `/v1/apps/${APP_ID}/ping`, json({ visitor_id: "x", user: { email: "not-an-email" } }), 400, "invalid_request"],
  ["a wrong user_hash", `/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor(), user: { user_id: "u1", user_hash: hash("u2") } }), 401, "identity_verification_failed"],
  ["a conversation call without a session", `/v1/apps/${APP_ID}/conversations`, undefined, 401, "unauthorized"],
  ["a path that does not exist", `/nothing/here`, undefined, 404, "not_found"],
] as const)("%s gets a clear JSON error", async (_name, path, init, status, code) => {
  const response = await server.request(path, init);
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
});

test("an invalid ping names each problem by its path", async () => {
  const response = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "x", user: { email: "nope" } }));
  const body = (await response.json()) as { error: { issues: { path: string }[] } };
  expect(body.error.issues.map((issue) => issue.path).sort()).toEqual(["user.email", "visitor_id"]);
});

test("with enforcement on, an identified user without user_hash is refused and a visitor is not", async () => {
  await server.close();
  server = await testParley({ PARLEY_ENFORCE_IDENTITY: "true" });
  const refused = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor(), user: { user_id: "u1" } }));
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("identity_verification_required");
  const verified = await ping({ visitor_id: visitor(), user: { user_id: "u1", user_hash: hash("u1") } });
  expect(verified.user).toMatchObject({ user_id: "u1", verified: true, anonymous: false });
  expect((await ping()).user.anonymous).toBe(true);
});

test("the same browser is the same visitor, and a user is found by user_id from any browser", async () => {
  const first = await ping();
  const again = await ping();
  expect(again.user.id).toBe(first.user.id);
  const user = { user_id: "42", email: "ada@example.com", name: "Ada", user_hash: hash("42") };
  const laptop = await ping({ visitor_id: visitor(1), user });
  const phone = await ping({ visitor_id: visitor(2), user });
  expect(phone.user.id).toBe(laptop.user.id);
  expect(phone.user).toMatchObject({ user_id: "42", email: "ada@example.com", name: "Ada", verified: true });
});

test("a retried send with the same client id never makes a second message", async () => {
  const session = await ping();
  const first = await start(session, "Where is my order?", "client-retry-1");
  expect(first.status).toBe(201);
  const created = (await first.json()) as StartConversationResponse;
  const replay = await start(session, "Where is my order?", "client-retry-1");
  expect(replay.status).toBe(200);
  expect(((await replay.json()) as StartConversationResponse).message.id).toBe(created.message.id);

  const path = `/v1/apps/${APP_ID}/conversations/${created.conversation.id}`;
  const send = () => server.request(`${path}/messages`, json({ client_id: "client-retry-2", text: "Order 1234" }, auth(session)));
  expect((await send()).status).toBe(201);
  expect((await send()).status).toBe(200);

  await server.parley.outbox.idle();
  const history = (await (await server.request(path, { headers: auth(session) })).json()) as ConversationResponse;
  const mine = history.messages.filter((message) => message.author.type === "customer").map((message) => message.text);
  expect(mine).toEqual(["Where is my order?", "Order 1234"]);
});

test("a question the help center answers gets a cited answer; the conversation shows it", async () => {
  const session = await ping();
  const created = (await (await start(session, "How do I reset my password?")).json()) as StartConversationResponse;
  await server.parley.outbox.idle();
  const path = `/v1/apps/${APP_ID}/conversations/${created.conversation.id}`;
  const history = (await (await server.request(path, { headers: auth(session) })).json()) as ConversationResponse;
  const answer = history.messages.at(-1);
  expect(answer?.author.type).toBe("ai");
  expect(answer?.citations).toEqual([{ title: "Resetting your password and managing your account", url: "http://localhost:8787/help/reset-your-password" }]);
  expect(answer?.buttons.map((button) => button.action)).toEqual(["resolved", "handoff"]);
  expect(history.conversation.status).toBe("resolved");
  // Created, then one step for the question and one for the answer: the newest snapshot says so.
  expect(created.conversation.version).toBe(1);
  expect(history.conversation.version).toBe(2);
  // The next ping lists the conversation with its latest message: the answer.
  const again = await ping();
  expect(again.conversations).toEqual([{ ...history.conversation, last_message: answer }]);
});

test("someone else's conversation does not exist for you", async () => {
  const owner = await ping({ visitor_id: visitor(1), user: {} });
  const created = (await (await start(owner, "Hello there")).json()) as StartConversationResponse;
  const stranger = await ping({ visitor_id: visitor(2), user: {} });
  const path = `/v1/apps/${APP_ID}/conversations/${created.conversation.id}`;
  const read = await server.request(path, { headers: auth(stranger) });
  expect(read.status).toBe(404);
  const write = await server.request(`${path}/messages`, json({ client_id: "client-stranger", text: "hi" }, auth(stranger)));
  expect(write.status).toBe(404);
});

test("the stream delivers the answer live, and resuming after a cursor repeats nothing and misses nothing", async () => {
  const session = await ping();
  const stream = `/v1/apps/${APP_ID}/stream?token=${session.session.token}&after=${session.stream_cursor}`;
  const live = await server.request(stream);
  expect(live.headers.get("content-type")).toMatch(/text\/event-stream/);
  const created = (await (await start(session, "Which payment methods do you accept?")).json()) as StartConversationResponse;
  const isResolved = (event: { event?: string; data: string }) => event.event === "conversation" && event.data.includes('"status":"resolved"');
  const events = (await readEvents(live, (seen) => seen.some(isResolved))).filter((event) => event.id);
  expect(events.map((event) => JSON.parse(event.data).message?.author.type)).toEqual(["customer", "ai", undefined]);
  expect(JSON.parse(events[0]!.data).message.id).toBe(created.message.id);

  // Reconnect as EventSource does after seeing the first frame: the rest follows, once each.
  const resumed = await server.request(stream, { headers: { "Last-Event-ID": events[0]!.id! } });
  const replayed = (await readEvents(resumed, (seen) => seen.filter((event) => event.id).length >= 2, 500)).filter((event) => event.id);
  expect(replayed.map((event) => event.id)).toEqual(events.slice(1).map((event) => event.id));
});

test("the loader script has this server's address and the built entry baked in", async () => {
  const response = await server.request(`http://parley.example:9000/widget/${APP_ID}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/javascript/);
  const script = await response.text();
  expect(script).toContain('"http://parley.example:9000"');
  expect(script).toContain('"/widget/assets/messenger-abc123.js"');
  const asset = await server.request(`/widget/assets/messenger-abc123.js`);
  expect(asset.headers.get("access-control-allow-origin")).toBe("*");
  // Served from memory, compressed, revalidated by ETag.
  const etag = response.headers.get("etag");
  expect(etag).toBeTruthy();
  const compressed = await server.request(`http://parley.example:9000/widget/${APP_ID}`, { headers: { "Accept-Encoding": "gzip, br" } });
  expect(compressed.headers.get("content-encoding")).toBe("br");
  const again = await server.request(`http://parley.example:9000/widget/${APP_ID}`, { headers: { "If-None-Match": etag ?? "" } });
  expect(again.status).toBe(304);
  expect((await server.request(`/widget/assets/..%2Fsecret.js`)).status).toBe(404);
});

test("the demo page installs the snippet with a user_hash its backend computed", async () => {
  const page = await (await server.request("http://localhost:8787/")).text();
  expect(page).toContain(`"user_hash": "${hash("demo-ada")}"`);
  expect(page).toContain('"app_id": "test-app"');
  expect(page).toContain("http://localhost:8787/widget/");
  const visitorPage = await (await server.request("http://localhost:8787/?as=visitor")).text();
  expect(visitorPage).not.toContain("user_hash");
});

test("with PARLEY_DEMO_PAGE=false, / signs no one in as the demo customer", async () => {
  await server.close();
  server = await testParley({ PARLEY_DEMO_PAGE: "false" });
  const response = await server.request("http://localhost:8787/");
  expect(response.status).toBe(200);
  const page = await response.text();
  expect(page).not.toContain("user_hash");
  expect(page).not.toContain("demo-ada");
  expect(page).toContain('href="/admin"');
  expect((await server.request("http://localhost:8787/help")).status).toBe(200);
});

test("a server started before the widget was built says so instead of failing obscurely", async () => {
  await server.close();
  server = await testParley({}, { widgetBuilt: false });
  for (const path of [`/widget/${APP_ID}`, "/"]) {
    const response = await server.request(path);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("npm run build");
  }
});
