import type { PingResponse, StartConversationResponse } from "@parley/protocol";
import { createSimulator } from "@parley/zendesk-sim";
import { afterEach, expect, test, vi } from "vitest";
import { enqueue } from "../store/outbox";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";
import { simulatorFetch, simulatorSupportEnv, supportApi } from "./test-support";

// A whole Parley and a simulator per test: a few seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 20_000 });

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup() {
  const sim = createSimulator();
  const ai = (await supportApi(sim, "POST", "users.json", { user: { name: "Acme AI", email: "ai@acme.test", role: "agent" } })).user;
  const endUser = (await supportApi(sim, "POST", "users.json", { user: { name: "Eve", email: "eve@example.com", role: "end-user" } })).user;
  server = await testParley({ ...simulatorSupportEnv(), PARLEY_ADMIN_TOKEN: "admin" }, { fetch: simulatorFetch(sim) });
  return { sim, ai, endUser, server };
}

async function conversation(target: TestParley) {
  const ping = (await (await target.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-ai-0001", user: { user_id: "u-ai-1", name: "Ada" } }))).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (await target.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-ai-00001", text: "How do I reset my password?" }, headers))).json()) as StartConversationResponse;
  await target.parley.outbox.idle();
  const press = async (clientId: string, text: string, action: string) => {
    await target.request(`/v1/apps/${APP_ID}/conversations/${started.conversation.id}/messages`, json({ client_id: clientId, text, action }, headers));
    await target.parley.outbox.idle();
  };
  return { id: started.conversation.id, press };
}

test("with an AI agent user, the AI takes the ticket, answers as that agent, and unassigns itself when it hands off", async () => {
  const sim = createSimulator();
  const ai = (await supportApi(sim, "POST", "users.json", { user: { name: "Acme AI", email: "ai@acme.test", role: "agent" } })).user;
  server = await testParley({ ...simulatorSupportEnv(), ZENDESK_AI_AGENT_ID: String(ai.id) }, { fetch: simulatorFetch(sim) });
  const chat = await conversation(server);

  const [ticket] = (await supportApi(sim, "GET", "tickets.json")).tickets;
  expect(ticket.assignee_id).toBe(ai.id);
  expect(ticket.tags).toContain("fin-involved");
  const comments = (await supportApi(sim, "GET", `tickets/${ticket.id}/comments.json`)).comments;
  expect(comments[0].author_id).toBe(ticket.requester_id);
  const answer = comments.find((comment: any) => comment.body.includes("Sources:"));
  expect(answer).toMatchObject({ public: true, author_id: ai.id });

  await chat.press("client-ai-00002", "Talk to a person", "handoff");
  const after = (await supportApi(sim, "GET", `tickets/${ticket.id}.json`)).ticket;
  expect(after.tags).toContain("fin-routed-to-team");
  expect(after.assignee_id).toBeNull();
  const note = (await supportApi(sim, "GET", `tickets/${ticket.id}/comments.json`)).comments.at(-1);
  expect(note).toMatchObject({ public: false, author_id: ai.id });
});

test("a hand-off leaves a ticket a person has taken with that person", async () => {
  const sim = createSimulator();
  const ai = (await supportApi(sim, "POST", "users.json", { user: { name: "Acme AI", email: "ai@acme.test", role: "agent" } })).user;
  const person = (await supportApi(sim, "POST", "users.json", { user: { name: "Sam", email: "sam@acme.test", role: "agent" } })).user;
  server = await testParley({ ...simulatorSupportEnv(), ZENDESK_AI_AGENT_ID: String(ai.id) }, { fetch: simulatorFetch(sim) });
  const chat = await conversation(server);
  const [ticket] = (await supportApi(sim, "GET", "tickets.json")).tickets;
  await supportApi(sim, "PUT", `tickets/${ticket.id}.json`, { ticket: { assignee_id: person.id } });

  await chat.press("client-ai-00002", "Talk to a person", "handoff");
  expect((await supportApi(sim, "GET", `tickets/${ticket.id}.json`)).ticket.assignee_id).toBe(person.id);
});

test("the admin API sets the AI's agent user after checking it is an agent; the next tickets follow it", async () => {
  const { sim, ai, endUser, server: parley } = await setup();
  const put = (userId: number) =>
    parley.request("/admin/api/zendesk/ai-agent", { method: "PUT", headers: { Authorization: "Bearer admin", "Content-Type": "application/json" }, body: JSON.stringify({ userId }) });

  const refused = (await (await put(endUser.id)).json()) as any;
  expect(refused.error).toMatchObject({ code: "zendesk_connection_failed", issues: [{ path: "userId", message: "not_an_agent" }] });
  expect(((await (await put(999_999)).json()) as any).error.issues[0].message).toBe("not_found");

  expect(((await (await put(ai.id)).json()) as any).aiAgent).toEqual({ userId: ai.id, name: "Acme AI" });
  await conversation(parley);
  const [ticket] = (await supportApi(sim, "GET", "tickets.json")).tickets;
  expect(ticket.assignee_id).toBe(ai.id);
});

test("a ticket hand-off leaves the team an internal note by the AI with its summary and the collected data, and unassigns the AI", async () => {
  const sim = createSimulator();
  const ai = (await supportApi(sim, "POST", "users.json", { user: { name: "Acme AI", email: "ai@acme.test", role: "agent" } })).user;
  server = await testParley({ ...simulatorSupportEnv(), ZENDESK_AI_AGENT_ID: String(ai.id) }, { fetch: simulatorFetch(sim) });
  const chat = await conversation(server);
  const task = { type: "zendesk.handoff", mode: "ticket", summary: "Cannot reset the password: the email never arrives.", collectedData: { email: "ada@example.com", plan: "Pro" } };
  await enqueue(server.parley.db, chat.id, "zendesk", task, new Date().toISOString());
  server.parley.outbox.kick();
  await server.parley.outbox.idle();

  const [ticket] = (await supportApi(sim, "GET", "tickets.json")).tickets;
  expect(ticket).toMatchObject({ status: "open", assignee_id: null });
  const note = (await supportApi(sim, "GET", `tickets/${ticket.id}/comments.json`)).comments.at(-1);
  expect(note).toMatchObject({ public: false, author_id: ai.id });
  expect(note.body).toContain("Summary:\nCannot reset the password: the email never arrives.");
  expect(note.body).toContain("Collected data:\n- email: ada@example.com\n- plan: Pro");
});
