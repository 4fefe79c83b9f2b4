import { SignJWT, UnsecuredJWT } from "jose";
import { expect, test } from "vitest";
import { BASE, testSimulator } from "../test-client";

const APP = "/v2/apps/sim-app";
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const jwt = (claims: Record<string, unknown>, kid = "sim-key", secret = "sim-secret") =>
  new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT", kid }).sign(new TextEncoder().encode(secret));

interface Received {
  url: string;
  apiKey: string | null;
  body: { app: { id: string }; webhook: { id: string; version: string }; events: { id: string; type: string; payload: any }[] };
}

/** A simulator whose webhook calls land in `received`, answered with `answer` (200 by default). */
function setup(options: { multiConvoEnabled?: boolean } = {}) {
  const received: Received[] = [];
  let answer = 200;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    received.push({ url: String(input), apiKey: headers.get("x-api-key"), body: JSON.parse(String(init?.body)) });
    return new Response("ok", { status: answer });
  }) as typeof globalThis.fetch;
  const { sim } = testSimulator({ fetch, conversations: { ...options, webhookRetryDelaysMs: [5, 10] } });
  async function call(method: string, path: string, body?: unknown, auth: string | null = basic("sim-key", "sim-secret")) {
    const response = await sim.fetch(
      new Request(`${BASE}${path}`, {
        method,
        headers: { ...(auth && { Authorization: auth }), ...(body !== undefined && { "Content-Type": "application/json" }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }
  return { sim, call, received, answerWith: (status: number) => (answer = status) };
}

test("the app answers with Basic key auth and with an HS256 JWT of scope app; anything else is 401 in the errors envelope", async () => {
  const { call } = setup();
  const ok = await call("GET", APP);
  expect(ok.status).toBe(200);
  expect(ok.body.app).toMatchObject({ id: "sim-app", settings: { multiConvoEnabled: true } });

  expect((await call("GET", APP, undefined, `Bearer ${await jwt({ scope: "app" })}`)).status).toBe(200);
  expect((await call("GET", `/sc${APP}`, undefined, `Bearer ${await jwt({ scope: "app" })}`)).status).toBe(200);

  const refused = [
    null,
    basic("sim-key", "wrong"),
    basic("other-key", "sim-secret"),
    `Bearer ${await jwt({ scope: "integration" })}`,
    `Bearer ${await jwt({ scope: "app" }, "other-key")}`,
    `Bearer ${await jwt({ scope: "app" }, "sim-key", "not-the-secret")}`,
    `Bearer ${new UnsecuredJWT({ scope: "app" }).encode()}`,
  ];
  for (const auth of refused) {
    const answer = await call("GET", APP, undefined, auth);
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].code).toBe("unauthorized");
  }
  expect(await call("GET", "/v2/apps/not-mine")).toMatchObject({ status: 404, body: { errors: [{ code: "app_not_found" }] } });
});

test("multiConvoEnabled follows the simulator's setting, and without it a user gets one personal conversation only", async () => {
  const { call, sim } = setup({ multiConvoEnabled: false });
  expect((await call("GET", APP)).body.app.settings.multiConvoEnabled).toBe(false);
  await call("POST", `${APP}/users`, { externalId: "u-1" });
  expect((await call("POST", `${APP}/conversations`, { type: "personal", participants: [{ userExternalId: "u-1" }] })).status).toBe(201);
  const second = await call("POST", `${APP}/conversations`, { type: "personal", participants: [{ userExternalId: "u-1" }] });
  expect(second.status).toBe(409);
  expect(second.body.errors[0].code).toBe("conflict");

  await sim.fetch(new Request(`${BASE}/__sim/conversations/settings`, { method: "POST", body: JSON.stringify({ multiConvoEnabled: true }) }));
  expect((await call("GET", APP)).body.app.settings.multiConvoEnabled).toBe(true);
  const third = await call("POST", `${APP}/conversations`, { type: "personal", participants: [{ userExternalId: "u-1" }] });
  expect(third.status).toBe(201);
  expect(third.body.conversation.isDefault).toBe(false);
});

test("users: created with 201, a second create with the same externalId is 409, found by id or externalId, 404 when unknown", async () => {
  const { call } = setup();
  const created = await call("POST", `${APP}/users`, { externalId: "user-42", profile: { givenName: "Ada", email: "ada@example.com" } });
  expect(created.status).toBe(201);
  expect(created.body.user).toMatchObject({ externalId: "user-42", profile: { givenName: "Ada" } });
  expect((await call("POST", `${APP}/users`, { externalId: "user-42" })).body).toEqual({ errors: [{ code: "conflict", title: "User already exists" }] });
  expect((await call("GET", `${APP}/users/user-42`)).body.user.id).toBe(created.body.user.id);
  expect((await call("GET", `${APP}/users/${created.body.user.id}`)).body.user.externalId).toBe("user-42");
  expect(await call("GET", `${APP}/users/nobody`)).toMatchObject({ status: 404, body: { errors: [{ code: "user_not_found" }] } });
  const bad = await call("POST", `${APP}/users`, { externalId: "" });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].code).toBe("bad_request");
});

test("conversations are listed by user, messages are posted and listed, and each one reaches the webhook with its X-API-Key", async () => {
  const { call, sim, received } = setup();
  const integration = (
    await call("POST", `${APP}/integrations`, {
      type: "custom",
      displayName: "Parley",
      webhooks: [{ target: "http://parley.test/webhooks/conversations", triggers: ["conversation:message", "switchboard:releaseControl"] }],
    })
  ).body.integration;
  const secret = integration.webhooks[0].secret;
  expect(secret).toMatch(/^[0-9a-f]{32}$/);
  expect((await call("GET", `${APP}/integrations`)).body.integrations[0].webhooks[0].secret).toBe(secret);

  const user = (await call("POST", `${APP}/users`, { externalId: "user-7" })).body.user;
  const conversation = (await call("POST", `${APP}/conversations`, { type: "personal", participants: [{ userId: user.id }], metadata: { parley: "conv_1" } })).body
    .conversation;
  expect((await call("GET", `${APP}/conversations?filter[userExternalId]=user-7`)).body.conversations.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
  expect((await call("GET", `${APP}/conversations?filter[userId]=${user.id}`)).body.conversations[0].metadata).toEqual({ parley: "conv_1" });

  const posted = await call("POST", `${APP}/conversations/${conversation.id}/messages`, {
    author: { type: "user", userExternalId: "user-7" },
    content: { type: "text", text: "Hello" },
    metadata: { parley_message_id: "msg_1" },
  });
  expect(posted.status).toBe(201);
  expect(posted.body.messages[0]).toMatchObject({ author: { type: "user", userId: user.id }, content: { text: "Hello" }, source: { type: "api:conversations" } });
  const listed = await call("GET", `${APP}/conversations/${conversation.id}/messages`);
  expect(listed.body.messages.map((m: { metadata: unknown }) => m.metadata)).toEqual([{ parley_message_id: "msg_1" }]);

  await sim.idle();
  expect(received).toHaveLength(1);
  expect(received[0]?.apiKey).toBe(secret);
  expect(received[0]?.body.app.id).toBe("sim-app");
  expect(received[0]?.body.events[0]).toMatchObject({ type: "conversation:message", payload: { conversation: { id: conversation.id }, message: { content: { text: "Hello" } } } });
});

test("pass control to the agent workspace, the agent replies and solves on the agent page: message and release reach the webhook", async () => {
  const { call, sim, received } = setup();
  await call("POST", `${APP}/integrations`, {
    type: "custom",
    displayName: "Parley",
    webhooks: [{ target: "http://parley.test/hook", triggers: ["conversation:message", "switchboard:passControl", "switchboard:releaseControl"] }],
  });
  await call("POST", `${APP}/users`, { externalId: "user-9" });
  const conversation = (await call("POST", `${APP}/conversations`, { type: "personal", participants: [{ userExternalId: "user-9" }] })).body.conversation;

  const page = async (path: string, init?: RequestInit) => {
    const response = await sim.fetch(new Request(`${BASE}${path}`, { redirect: "manual", ...init }));
    return { status: response.status, html: await response.text() };
  };
  const refused = await page(`/agent/conversations/${conversation.id}/messages`, { method: "POST", body: new URLSearchParams({ body: "Too early" }) });
  expect(refused.status).toBe(409);

  const passed = await call("POST", `${APP}/conversations/${conversation.id}/passControl`, {
    switchboardIntegration: "zd:agentWorkspace",
    metadata: { first_message_id: "m1", "dataCapture.systemField.tags": "intercom-messenger" },
  });
  expect(passed).toMatchObject({ status: 200, body: {} });
  const now = (await call("GET", `${APP}/conversations/${conversation.id}`)).body.conversation;
  expect(now.activeSwitchboardIntegration.integrationType).toBe("zd:agentWorkspace");
  expect((await page(`/agent/conversations/${conversation.id}`)).html).toContain("dataCapture.systemField.tags");

  expect((await page(`/agent/conversations/${conversation.id}/messages`, { method: "POST", body: new URLSearchParams({ body: "Hi, I'm Alex" }) })).status).toBe(303);
  expect((await page(`/agent/conversations/${conversation.id}/release`, { method: "POST" })).status).toBe(303);
  await sim.idle();

  const events = received.flatMap((call) => call.body.events);
  expect(events.map((event) => event.type)).toEqual(["switchboard:passControl", "conversation:message", "switchboard:releaseControl"]);
  expect(events[0]?.payload.metadata).toEqual({ first_message_id: "m1", "dataCapture.systemField.tags": "intercom-messenger" });
  expect(events[1]?.payload.message).toMatchObject({
    author: { type: "business", subtypes: ["agent"], displayName: "Alex Agent" },
    source: { type: "zd:agentWorkspace" },
    content: { type: "text", text: "Hi, I'm Alex" },
  });
  expect(events[2]?.payload).toMatchObject({ reason: "ticketClosed", conversation: { id: conversation.id } });
  expect(events[2]?.payload.conversation.activeSwitchboardIntegration).toBeUndefined();
  expect(new Set(events.map((event) => event.id)).size).toBe(3);
  expect((await call("POST", `${APP}/conversations/${conversation.id}/passControl`, { switchboardIntegration: "nobody" })).body.errors[0].code).toBe(
    "switchboard_invalid_target",
  );
});

test("webhooks are retried after a failure but not after a 401, and injected faults answer in the errors envelope", async () => {
  const { call, sim, received, answerWith } = setup();
  await call("POST", `${APP}/integrations`, { type: "custom", displayName: "P", webhooks: [{ target: "http://parley.test/hook", triggers: ["conversation:message"] }] });
  await call("POST", `${APP}/users`, { externalId: "u" });
  const conversation = (await call("POST", `${APP}/conversations`, { type: "personal", participants: [{ userExternalId: "u" }] })).body.conversation;
  const say = (text: string) => call("POST", `${APP}/conversations/${conversation.id}/messages`, { author: { type: "business" }, content: { type: "text", text } });

  answerWith(503);
  await say("one");
  await sim.idle();
  expect(received).toHaveLength(3); // first attempt + 2 retries
  expect(sim.conversationsDeliveries().at(-1)?.state).toBe("failed");

  answerWith(401);
  await say("two");
  await sim.idle();
  expect(received).toHaveLength(4);

  await sim.fetch(new Request(`${BASE}/__sim/faults`, { method: "POST", body: JSON.stringify({ status: 429, retryAfter: 7, path: "/messages" }) }));
  const limited = await say("three");
  expect(limited.status).toBe(429);
  expect(limited.headers.get("retry-after")).toBe("7");
  expect(limited.body.errors[0].code).toBe("too_many_requests");
});

test("offer control makes an integration pending; accept control makes it active; accepting with nothing offered is refused", async () => {
  const { call } = setup();
  await call("POST", `${APP}/users`, { externalId: "u-o" });
  const conversation = (await call("POST", `${APP}/conversations`, { type: "personal", participants: [{ userExternalId: "u-o" }] })).body.conversation;
  expect((await call("POST", `${APP}/conversations/${conversation.id}/acceptControl`, {})).body.errors[0].code).toBe("switchboard_invalid_action");
  expect((await call("POST", `${APP}/conversations/${conversation.id}/offerControl`, { switchboardIntegration: "zd-answerBot" })).body.errors[0].code).toBe("switchboard_invalid_action");
  expect((await call("POST", `${APP}/conversations/${conversation.id}/offerControl`, { switchboardIntegration: "next" })).status).toBe(200);
  expect((await call("GET", `${APP}/conversations/${conversation.id}`)).body.conversation.pendingSwitchboardIntegration.integrationType).toBe("zd:agentWorkspace");
  expect((await call("POST", `${APP}/conversations/${conversation.id}/acceptControl`, {})).status).toBe(200);
  const now = (await call("GET", `${APP}/conversations/${conversation.id}`)).body.conversation;
  expect(now.activeSwitchboardIntegration.integrationType).toBe("zd:agentWorkspace");
  expect(now.pendingSwitchboardIntegration).toBeUndefined();
});
