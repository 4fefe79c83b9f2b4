import { expect, test } from "vitest";
import { BASE, testSimulator } from "../test-client";
import { conversationsContract } from "./openapi-contract";

const contract = conversationsContract();
const APP = "/v2/apps/sim-app";
const AUTH = `Basic ${Buffer.from("sim-key:sim-secret").toString("base64")}`;

test("the contract itself catches a wrong answer and a wrong request", () => {
  expect(contract.response("GET", `${APP}`, 200, { app: { id: "x", settings: { multiConvoEnabled: true } } })).toEqual([]);
  expect(contract.response("GET", `${APP}`, 200, { app: { id: 42 } }).join()).toMatch(/app\/id must be string/);
  expect(contract.request("POST", `${APP}/conversations/c1/messages`, { author: { type: "robot" }, content: { type: "text", text: "x" } }).join()).toMatch(/author\/type/);
  expect(() => contract.request("POST", "/v2/nowhere", {})).toThrow(/no operation/);
});

test("every answer of the simulator in a live chat's life, and every webhook event, conforms to Zendesk's OpenAPI description", async () => {
  const events: unknown[] = [];
  const { sim } = testSimulator({
    conversations: { webhookRetryDelaysMs: [] },
    fetch: async (_input, init) => {
      events.push(...(JSON.parse(String(init?.body)) as { events: unknown[] }).events);
      return new Response("ok");
    },
  });
  const problems: string[] = [];
  async function call(method: string, path: string, body?: unknown): Promise<any> {
    if (body !== undefined) problems.push(...contract.request(method, path, body).map((p) => `request ${method} ${path}: ${p}`));
    const response = await sim.fetch(
      new Request(`${BASE}${path}`, { method, headers: { Authorization: AUTH, "Content-Type": "application/json" }, ...(body !== undefined && { body: JSON.stringify(body) }) }),
    );
    const json = await response.json();
    problems.push(...contract.response(method, path, response.status, json).map((p) => `response ${response.status} ${method} ${path}: ${p}`));
    return json;
  }

  await call("GET", APP);
  await call("POST", `${APP}/integrations`, {
    type: "custom",
    displayName: "Parley",
    webhooks: [{ target: "http://parley.test/hook", triggers: ["conversation:message", "switchboard:passControl", "switchboard:releaseControl", "conversation:create"] }],
  });
  await call("GET", `${APP}/integrations`);
  const user = (await call("POST", `${APP}/users`, { externalId: "u-1", profile: { givenName: "Ada", email: "ada@example.com" } })).user;
  await call("GET", `${APP}/users/u-1`);
  const conversation = (await call("POST", `${APP}/conversations`, { type: "personal", participants: [{ userExternalId: "u-1" }], metadata: { parley_conversation_id: "c" } })).conversation;
  await call("GET", `${APP}/conversations?filter[userId]=${user.id}`);
  await call("GET", `${APP}/conversations/${conversation.id}`);
  await call("POST", `${APP}/conversations/${conversation.id}/messages`, { author: { type: "user", userId: user.id }, content: { type: "text", text: "Hi" }, metadata: { parley_message_id: "m1" } });
  await call("POST", `${APP}/conversations/${conversation.id}/messages`, { author: { type: "business", subtypes: ["AI"], displayName: "Acme" }, content: { type: "text", text: "Hello" } });
  await call("GET", `${APP}/conversations/${conversation.id}/messages`);
  const switchboards = (await call("GET", `${APP}/switchboards`)).switchboards;
  await call("GET", `${APP}/switchboards/${switchboards[0].id}/switchboardIntegrations`);
  await call("POST", `${APP}/conversations/${conversation.id}/passControl`, { switchboardIntegration: "zd:agentWorkspace", metadata: { first_message_id: "x" } });
  await sim.fetch(new Request(`${BASE}/agent/conversations/${conversation.id}/messages`, { method: "POST", body: new URLSearchParams({ body: "Agent here" }) }));
  await call("POST", `${APP}/conversations/${conversation.id}/releaseControl`, { metadata: { reason: "done" } });
  await call("GET", `${APP}/users/nobody`);
  await call("POST", `${APP}/users`, { externalId: "u-1" });
  await sim.idle();

  const schemas: Record<string, string> = {
    "conversation:message": "conversationMessageEvent",
    "conversation:create": "conversationCreateEvent",
    "switchboard:passControl": "switchboardPassControl",
    "switchboard:releaseControl": "switchboardReleaseControl",
  };
  for (const event of events as { type: string }[]) {
    const name = schemas[event.type];
    expect(name, event.type).toBeDefined();
    problems.push(...contract.schema(name ?? "", event).map((p) => `event ${event.type}: ${p}`));
  }
  expect(events.length).toBeGreaterThanOrEqual(6);
  expect(problems).toEqual([]);
});
