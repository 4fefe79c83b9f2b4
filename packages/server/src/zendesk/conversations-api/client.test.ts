import { conversationsContract, createSimulator } from "@parley/zendesk-sim";
import { expect, test } from "vitest";
import { failureOf, SIMULATOR_CONVERSATIONS_APP, SIMULATOR_CONVERSATIONS_AUTH, SIMULATOR_URL } from "../test-support";
import { createConversationsClient } from "./client";

function client(options: { auth?: "basic" | "jwt"; secret?: string; appId?: string; maxAttempts?: number } = {}) {
  const sim = createSimulator();
  const sleeps: number[] = [];
  const requests: Request[] = [];
  const conversations = createConversationsClient({
    baseUrl: `${SIMULATOR_URL}/sc`,
    appId: options.appId ?? SIMULATOR_CONVERSATIONS_APP.appId,
    auth: { kind: options.auth ?? "jwt", keyId: SIMULATOR_CONVERSATIONS_APP.keyId, secret: options.secret ?? SIMULATOR_CONVERSATIONS_APP.secret },
    maxAttempts: options.maxAttempts ?? 4,
    sleep: async (ms) => void sleeps.push(ms),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      requests.push(request.clone());
      return sim.fetch(request);
    },
  });
  const fault = (spec: Record<string, unknown>) => sim.fetch(new Request(`${SIMULATOR_URL}/__sim/faults`, { method: "POST", body: JSON.stringify(spec) }));
  return { sim, conversations, sleeps, requests, fault };
}

test("reads the app with a signed JWT (kid = key id, scope app) or with Basic, and says multiConvoEnabled", async () => {
  const jwt = client({ auth: "jwt" });
  expect((await jwt.conversations.app()).settings?.multiConvoEnabled).toBe(true);
  const header = jwt.requests[0]?.headers.get("authorization") ?? "";
  expect(header).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  const [head, payload] = header.slice(7).split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));
  expect(head).toEqual({ alg: "HS256", typ: "JWT", kid: "sim-key" });
  expect(payload).toMatchObject({ scope: "app" });

  const basic = client({ auth: "basic" });
  expect((await basic.conversations.app()).id).toBe("sim-app");
  expect(basic.requests[0]?.headers.get("authorization")).toBe(SIMULATOR_CONVERSATIONS_AUTH);
});

test("failures are typed errors carrying the API's status and code", async () => {
  const wrong = await failureOf(client({ secret: "nope" }).conversations.app());
  expect(wrong).toMatchObject({ status: 401, code: "unauthorized" });
  const missing = await failureOf(client({ appId: "other-app" }).conversations.app());
  expect(missing).toMatchObject({ status: 404, code: "app_not_found" });
  // An unknown app is an error even where an unknown user is simply "none".
  expect(await failureOf(client({ appId: "other-app" }).conversations.users.find("u"))).toMatchObject({ code: "app_not_found" });
  expect(await client().conversations.users.find("nobody")).toBeNull();
});

test("a 429 is retried after its Retry-After; with one attempt the caller gets it, Retry-After included", async () => {
  const patient = client();
  await patient.fault({ status: 429, retryAfter: 3, path: "/apps/sim-app" });
  expect((await patient.conversations.app()).id).toBe("sim-app");
  expect(patient.sleeps).toEqual([3000]);

  const once = client({ maxAttempts: 1 });
  await once.fault({ status: 429, retryAfter: 9, path: "/apps/sim-app" });
  expect(await failureOf(once.conversations.app())).toMatchObject({ status: 429, retryAfterSeconds: 9, retryable: true });
});

test("find-or-create makes the user once, finds it after, and survives a create that raced with another", async () => {
  const { conversations, sim } = client();
  const made = await conversations.users.findOrCreate("user-1", { givenName: "Ada" });
  expect(made.externalId).toBe("user-1");
  expect((await conversations.users.findOrCreate("user-1", {})).id).toBe(made.id);

  // Someone else creates "user-2" between our lookup and our create: the 409 is answered by reading it.
  const racing = createConversationsClient({
    baseUrl: SIMULATOR_URL,
    appId: SIMULATOR_CONVERSATIONS_APP.appId,
    auth: { kind: "basic", keyId: SIMULATOR_CONVERSATIONS_APP.keyId, secret: SIMULATOR_CONVERSATIONS_APP.secret },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (request.method === "POST" && request.url.endsWith("/users")) {
        await sim.fetch(new Request(request.url, { method: "POST", headers: request.headers, body: JSON.stringify({ externalId: "user-2" }) }));
      }
      return sim.fetch(request);
    },
  });
  const raced = await racing.users.findOrCreate("user-2", {});
  expect(raced.externalId).toBe("user-2");
});

test("messages are posted with author, text and metadata, and listed oldest first", async () => {
  const { conversations } = client();
  const user = await conversations.users.findOrCreate("user-3", {});
  const conversation = await conversations.conversations.create({ userId: user.id, metadata: { parley_conversation_id: "conv_1" } });
  await conversations.messages.post(conversation.id, { author: { type: "user", userId: user.id }, text: "first", metadata: { parley_message_id: "m1" } });
  await conversations.messages.post(conversation.id, { author: { type: "business", displayName: "Acme", ai: true }, text: "second" });
  const listed = await conversations.messages.list(conversation.id);
  expect(listed.map((message) => [message.content.text, message.author.type, message.author.subtypes ?? null, message.metadata ?? null])).toEqual([
    ["first", "user", null, { parley_message_id: "m1" }],
    ["second", "business", ["AI"], null],
  ]);
  expect((await conversations.conversations.listForUser(user.id)).map((c) => c.id)).toEqual([conversation.id]);
});

test("every request the client makes conforms to Zendesk's OpenAPI description, as do the answers they read", async () => {
  const contract = conversationsContract();
  const sim = createSimulator();
  const problems: string[] = [];
  const conversations = createConversationsClient({
    baseUrl: `${SIMULATOR_URL}/sc`,
    appId: SIMULATOR_CONVERSATIONS_APP.appId,
    auth: { kind: "jwt", keyId: SIMULATOR_CONVERSATIONS_APP.keyId, secret: SIMULATOR_CONVERSATIONS_APP.secret },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname + new URL(request.url).search;
      const text = await request.clone().text();
      if (text) problems.push(...contract.request(request.method, path, JSON.parse(text)).map((p) => `request ${request.method} ${path}: ${p}`));
      const response = await sim.fetch(request);
      const body = await response.clone().json();
      problems.push(...contract.response(request.method, path, response.status, body).map((p) => `response ${request.method} ${path}: ${p}`));
      return response;
    },
  });
  await conversations.app();
  const user = await conversations.users.findOrCreate("user-c", { givenName: "Ada", email: "ada@example.com" });
  const conversation = await conversations.conversations.create({ userId: user.id, displayName: "Messenger", metadata: { parley_conversation_id: "conv_1" } });
  await conversations.conversations.listForUser(user.id);
  await conversations.messages.post(conversation.id, { author: { type: "user", userId: user.id }, text: "Hi", metadata: { parley_message_id: "m1" } });
  await conversations.messages.post(conversation.id, { author: { type: "business", displayName: "Acme", ai: true }, text: "Hello" });
  await conversations.messages.list(conversation.id);
  await conversations.conversations.get(conversation.id);
  await conversations.switchboard.passControl(conversation.id, "zd:agentWorkspace", { first_message_id: "x", "dataCapture.systemField.tags": "a,b" });
  await conversations.switchboard.releaseControl(conversation.id);
  await conversations.integrations.createCustom({ displayName: "Parley", target: "https://parley.test/webhooks/conversations", triggers: ["conversation:message"] });
  await conversations.integrations.list();
  expect(problems).toEqual([]);
});
