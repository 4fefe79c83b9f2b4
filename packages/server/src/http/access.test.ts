import type { ConversationListResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterAll, beforeAll, expect, test } from "vitest";
import { APP_ID, json, readEvents, type TestParley, testParley } from "../testing/parley";

// Object-level access: every endpoint that takes an id, tried with another contact's ids.

let server: TestParley;
let owner: PingResponse;
let stranger: PingResponse;
let theirs: StartConversationResponse;

const auth = (session: PingResponse) => ({ Authorization: `Bearer ${session.session.token}` });

beforeAll(async () => {
  server = await testParley();
  const ping = async (visitor: string) => (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor, user: {} }))).json()) as PingResponse;
  owner = await ping("visitor-owner-01");
  stranger = await ping("visitor-stranger");
  const started = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-owner-001", text: "My address is 1 Private Road" }, auth(owner)));
  theirs = (await started.json()) as StartConversationResponse;
  await server.parley.outbox.idle();
});
afterAll(async () => {
  await server.close();
});

test.each([
  ["reading the conversation", () => server.request(`/v1/apps/${APP_ID}/conversations/${theirs.conversation.id}`, { headers: auth(stranger) })],
  [
    "writing into the conversation",
    () => server.request(`/v1/apps/${APP_ID}/conversations/${theirs.conversation.id}/messages`, json({ client_id: "client-stranger1", text: "hi" }, auth(stranger))),
  ],
  [
    "pressing a reply button in it",
    () =>
      server.request(
        `/v1/apps/${APP_ID}/conversations/${theirs.conversation.id}/messages`,
        json({ client_id: "client-stranger2", text: "Talk to a person", action: "handoff" }, auth(stranger)),
      ),
  ],
])("%s with another contact's conversation id answers 404", async (_what, call) => {
  const response = await call();
  expect(response.status).toBe(404);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("conversation_not_found");
});

test("a message id replayed from another contact's conversation starts nothing of theirs", async () => {
  // The owner's client id, replayed by the stranger: a message of the stranger's own, never the owner's.
  const replay = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-owner-001", text: "guess" }, auth(stranger)));
  const body = (await replay.json()) as StartConversationResponse;
  expect(body.conversation.id).not.toBe(theirs.conversation.id);
  expect(body.message.text).toBe("guess");
});

test("the conversation list and the ping list only one's own conversations", async () => {
  const list = (await (await server.request(`/v1/apps/${APP_ID}/conversations`, { headers: auth(stranger) })).json()) as ConversationListResponse;
  expect(list.conversations.map((conversation) => conversation.id)).not.toContain(theirs.conversation.id);
  const again = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-stranger", user: {} }))).json()) as PingResponse;
  expect(again.conversations.map((conversation) => conversation.id)).not.toContain(theirs.conversation.id);
});

test("the stream from the beginning carries none of another contact's frames", async () => {
  const response = await server.request(`/v1/apps/${APP_ID}/stream?token=${stranger.session.token}&after=0`);
  expect(response.status).toBe(200);
  const events = await readEvents(response, () => false, 400);
  expect(events.filter((event) => event.data.includes(theirs.conversation.id))).toEqual([]);
  expect(events.some((event) => event.data.includes("Private Road"))).toBe(false);
});

test("a session token in the address opens only the stream (EventSource cannot send headers): URLs end up in logs and Referer headers", async () => {
  const inQuery = await server.request(`/v1/apps/${APP_ID}/conversations?token=${owner.session.token}`);
  expect(inQuery.status).toBe(401);
  const sent = await server.request(`/v1/apps/${APP_ID}/conversations?token=${owner.session.token}`, json({ client_id: "client-in-query-1", text: "hi" }));
  expect(sent.status).toBe(401);
  expect((await server.request(`/v1/apps/${APP_ID}/conversations`, { headers: auth(owner) })).status).toBe(200);
});

test("a session token works only for its own app", async () => {
  const other = await server.request(`/v1/apps/another-app/conversations`, { headers: auth(owner) });
  expect(other.status).toBe(404);
  const forged = await server.request(`/v1/apps/${APP_ID}/conversations/${theirs.conversation.id}`, { headers: { Authorization: "Bearer not-a-real-token" } });
  expect(forged.status).toBe(401);
});
