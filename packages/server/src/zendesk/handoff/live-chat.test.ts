import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { createSimulator, type Simulator } from "@parley/zendesk-sim";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test, vi } from "vitest";
import { appendDecisionOnce, listDecisions } from "../../store/decisions";
import { enqueue } from "../../store/outbox";
import { liveChatFor } from "../../store/zendesk-live-chats";
import { createHmac } from "node:crypto";
import { APP_ID, IDENTITY_SECRET, json, type TestParley, testParley } from "../../testing/parley";
import { validateWorkflow } from "../../workflow";
import { SIMULATOR_CONVERSATIONS_APP, SIMULATOR_CONVERSATIONS_AUTH, SIMULATOR_URL, simulatorZendeskEnv, supportApi } from "../test-support";

// A whole Parley and a simulator per test: a few seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 20_000 });

const APP = `${SIMULATOR_URL}/v2/apps/${SIMULATOR_CONVERSATIONS_APP.appId}`;

let parley: TestParley | undefined;
afterEach(async () => {
  await parley?.close();
  parley = undefined;
});

/** Parley and a simulator joined by HTTP only: Parley's calls go to the simulator, the simulator's webhooks to Parley. */
async function setup(
  options: { loseAnswers?: RegExp[]; failAfterHandling?: RegExp[]; env?: Record<string, string>; clock?: () => Date; beforeStart?: (sim: Simulator) => Promise<unknown>; waitForWebhooks?: boolean } = {},
): Promise<{ parley: TestParley; sim: Simulator }> {
  let server: TestParley | undefined;
  const sim = createSimulator({
    webhookRetryDelaysMs: [20],
    conversations: { webhookRetryDelaysMs: [20, 40] },
    fetch: async (input, init) => {
      const url = new URL(String(input));
      if (!server) return new Response("not yet", { status: 503 });
      return server.parley.app.fetch(new Request(`http://localhost:8787${url.pathname}`, init));
    },
  });
  await options.beforeStart?.(sim);
  server = await testParley(
    { ...simulatorZendeskEnv(), ...options.env },
    {
      ...(options.clock && { clock: options.clock }),
      fetch: async (input, init) => {
        const answer = await sim.fetch(new Request(input, init));
        // The request was handled, but its answer never comes back (a dropped connection).
        const lost = options.loseAnswers?.findIndex((pattern) => init?.method === "POST" && pattern.test(String(input))) ?? -1;
        if (lost >= 0) {
          options.loseAnswers?.splice(lost, 1);
          throw new TypeError("fetch failed: socket hang up");
        }
        // The request was handled, but Zendesk answers 500 all the same.
        const failed = options.failAfterHandling?.findIndex((pattern) => init?.method === "POST" && pattern.test(String(input))) ?? -1;
        if (failed >= 0) {
          options.failAfterHandling?.splice(failed, 1);
          return Response.json({ errors: [{ code: "internal_server_error", title: "Internal Server Error" }] }, { status: 500 });
        }
        return answer;
      },
    },
  );
  parley = server;
  if (options.waitForWebhooks === false) return { parley: server, sim };
  await server.parley.zendeskReady;
  await server.parley.conversationsReady;
  return { parley: server, sim };
}

async function simGet(sim: Simulator, url: string): Promise<any> {
  return (await sim.fetch(new Request(url, { headers: { Authorization: SIMULATOR_CONVERSATIONS_AUTH } }))).json();
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The (first) ticket in the simulator and its comments, read through the Support API. */
async function theTicket(sim: Simulator): Promise<{ ticket: any; comments: any[] }> {
  const ticket = (await supportApi(sim, "GET", "tickets.json")).tickets[0];
  const { comments } = await supportApi(sim, "GET", `tickets/${ticket.id}/comments.json`);
  return { ticket, comments };
}

/** Makes the simulator fail calls as `spec` says (its /__sim/faults control). */
function fault(sim: Simulator, spec: Record<string, unknown>): Promise<Response> {
  return sim.fetch(new Request(`${SIMULATOR_URL}/__sim/faults`, { method: "POST", body: JSON.stringify(spec) }));
}

/** The page's proof that it signed this user in: the live chat is theirs in Zendesk. */
const userHash = (userId: string) => createHmac("sha256", IDENTITY_SECRET).update(userId).digest("hex");

/** A customer whose question the AI cannot answer: the conversation is with the team, and has a ticket. */
async function customerHandedOff(server: TestParley) {
  const ping = (await (
    await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-live-001", user: { user_id: "User-77", name: "Ada Lovelace", email: "ada@example.com", user_hash: userHash("User-77") } }))
  ).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (
    await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-live-0001", text: "Can I bring my dog to your store?" }, headers))
  ).json()) as StartConversationResponse;
  const id = started.conversation.id;
  await server.parley.outbox.idle();
  const send = (clientId: string, text: string) => server.request(`/v1/apps/${APP_ID}/conversations/${id}/messages`, json({ client_id: clientId, text }, headers));
  const messages = async () => ((await (await server.request(`/v1/apps/${APP_ID}/conversations/${id}`, { headers })).json()) as ConversationResponse).messages;
  return { id, send, messages, headers };
}

/** What the workflow's hand-off step queues for a live hand-off. */
async function handOffLive(server: TestParley, conversationId: string) {
  const task = { type: "zendesk.handoff", mode: "live", summary: "Asks whether dogs are allowed in the store.", collectedData: { order: "4417" } };
  await enqueue(server.parley.db, conversationId, "zendesk", task, new Date().toISOString());
  server.parley.outbox.kick();
  await server.parley.outbox.idle();
}

test("a live hand-off: user, conversation, transcript and pass control; the agent's reply reaches the Messenger, the customer's answer reaches the agent, and the release gives the conversation back to the AI", async () => {
  const { parley: server, sim } = await setup();
  const customer = await customerHandedOff(server);

  await handOffLive(server, customer.id);

  const user = (await simGet(sim, `${APP}/users/user-77`)).user;
  expect(user.profile).toMatchObject({ givenName: "Ada Lovelace", email: "ada@example.com" });
  const [conversation, ...others] = (await simGet(sim, `${APP}/conversations?filter[userId]=${user.id}`)).conversations;
  expect(others).toEqual([]);
  expect(conversation.metadata).toEqual({ parley_conversation_id: customer.id });
  expect(conversation.activeSwitchboardIntegration.integrationType).toBe("zd:agentWorkspace");
  const transcript = (await simGet(sim, `${APP}/conversations/${conversation.id}/messages`)).messages;
  const shown = (await customer.messages()).filter((message) => message.author.type !== "system");
  expect(transcript.map((m: any) => m.content.text)).toEqual(shown.map((message) => message.text));
  expect(transcript[0].author).toMatchObject({ type: "user", userId: user.id });
  expect(transcript[1].author).toMatchObject({ type: "business", subtypes: ["AI"] });
  const handoff = JSON.parse(sim.conversationsDeliveries().find((d) => d.eventTypes[0] === "switchboard:passControl")!.body).events[0].payload.metadata;
  expect(handoff).toMatchObject({
    parley_conversation_id: customer.id,
    first_message_id: transcript[0].id,
    "dataCapture.systemField.requester.email": "ada@example.com",
    parley_summary: "Asks whether dogs are allowed in the store.",
    "parley_data.order": "4417",
  });
  expect(handoff["dataCapture.systemField.tags"]).toContain("fin-routed-to-team");
  expect((await liveChatFor(server.parley.db, customer.id))?.status).toBe("live");

  // The agent answers on the agent page: the reply comes back by webhook, once.
  const reply = await sim.fetch(new Request(`${SIMULATOR_URL}/agent/conversations/${conversation.id}/messages`, { method: "POST", body: new URLSearchParams({ body: "Dogs on a leash are welcome!" }), redirect: "manual" }));
  expect(reply.status).toBe(303);
  await sim.idle();
  const agentMessage = await until("the agent's reply in the Messenger", async () => (await customer.messages()).find((m) => m.text === "Dogs on a leash are welcome!"));
  expect(agentMessage.author).toEqual({ type: "agent", name: "Alex" });

  // Zendesk may deliver the same event again: nothing is shown twice.
  const delivery = sim.conversationsDeliveries().find((d) => d.eventTypes[0] === "conversation:message" && d.body.includes("Dogs on a leash"))!;
  const secret = (await simGet(sim, `${APP}/integrations`)).integrations[0].webhooks[0].secret;
  const again = await server.request("/webhooks/conversations", { method: "POST", headers: { "Content-Type": "application/json", "X-API-Key": secret }, body: delivery.body });
  expect(await again.json()).toMatchObject({ handled: 0, duplicates: 1 });
  expect((await customer.messages()).filter((m) => m.text === "Dogs on a leash are welcome!")).toHaveLength(1);

  // The customer answers in the Messenger: it goes to the agent, not onto the ticket.
  expect((await customer.send("client-live-0002", "Great, thanks! Even a big one?")).status).toBe(201);
  await server.parley.outbox.idle();
  const now = (await simGet(sim, `${APP}/conversations/${conversation.id}/messages`)).messages;
  expect(now.at(-1)).toMatchObject({ author: { type: "user" }, content: { text: "Great, thanks! Even a big one?" } });
  expect((await theTicket(sim)).comments.map((c: any) => c.body)).not.toContain("Great, thanks! Even a big one?");

  // The agent solves: control is released and Parley records that the agents gave it back.
  await sim.fetch(new Request(`${SIMULATOR_URL}/agent/conversations/${conversation.id}/release`, { method: "POST", redirect: "manual" }));
  await sim.idle();
  await until("the release", async () => (await liveChatFor(server.parley.db, customer.id))?.status === "released");

  // The conversation is the AI's again: the Messenger says so, and the next question gets the AI's answer.
  const back = await until("the AI taking the conversation back", async () => (await customer.messages()).find((m) => m.text.startsWith("The team has handed this conversation back to me")));
  expect(back.author.type).toBe("ai");
  await server.parley.outbox.idle();
  const { ticket: after } = await theTicket(sim);
  expect(after.tags).not.toContain("fin-routed-to-team");
  expect(after.assignee_id).not.toBeNull();
  expect((await customer.send("client-live-0003", "How do I reset my password?")).status).toBe(201);
  await server.parley.outbox.idle();
  const answer = await until("the AI's answer", async () => (await customer.messages()).find((m) => m.author.type === "ai" && m.citations.length > 0));
  expect(answer.text).not.toBe("");
  // It went on the ticket, not to the released live chat.
  const chatTexts = (await simGet(sim, `${APP}/conversations/${conversation.id}/messages`)).messages.map((m: any) => m.content.text);
  expect(chatTexts).not.toContain("How do I reset my password?");
});

test("webhook calls without the webhook's key are refused with 401 and change nothing", async () => {
  const { parley: server } = await setup();
  const body = JSON.stringify({ app: { id: "sim-app" }, events: [] });
  expect((await server.request("/webhooks/conversations", { method: "POST", body })).status).toBe(401);
  expect((await server.request("/webhooks/conversations", { method: "POST", headers: { "X-API-Key": "guess" }, body })).status).toBe(401);
});

test("an unverified customer naming a real user gets a Conversations API user of its own, without the claimed email; the real user's profile is untouched", async () => {
  const { parley: server, sim } = await setup({
    // The site's real customer, known to the Conversations API already.
    beforeStart: (sim) =>
      sim.fetch(
        new Request(`${APP}/users`, {
          method: "POST",
          headers: { Authorization: SIMULATOR_CONVERSATIONS_AUTH, "Content-Type": "application/json" },
          body: JSON.stringify({ externalId: "user-77", profile: { givenName: "Ada Lovelace", email: "ada@example.com" } }),
        }),
      ),
  });
  const ping = (await (
    await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-live-009", user: { user_id: "User-77", name: "Mallory", email: "ada@example.com" } }))
  ).json()) as PingResponse;
  const started = (await (
    await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-live-0900", text: "Can I bring my dog to your store?" }, { Authorization: `Bearer ${ping.session.token}` }))
  ).json()) as StartConversationResponse;
  await server.parley.outbox.idle();
  await handOffLive(server, started.conversation.id);

  const chat = await liveChatFor(server.parley.db, started.conversation.id);
  expect(chat?.status).toBe("live");
  const ada = (await simGet(sim, `${APP}/users/user-77`)).user;
  expect(chat?.userId).not.toBe(ada.id);
  expect(ada.profile).toEqual(expect.objectContaining({ givenName: "Ada Lovelace", email: "ada@example.com" }));
  expect((await simGet(sim, `${APP}/conversations?filter[userId]=${ada.id}`)).conversations).toEqual([]);
  const own = (await simGet(sim, `${APP}/users/${chat?.userId}`)).user;
  expect(own.externalId).toMatch(/^parley-contact:/);
  expect(own.profile.email).toBeUndefined();
  expect(own.profile.givenName).toBe("Mallory (unverified)");
  const handoff = JSON.parse(sim.conversationsDeliveries().find((d) => d.eventTypes[0] === "switchboard:passControl")!.body).events[0].payload.metadata;
  expect(handoff).not.toHaveProperty("dataCapture.systemField.requester.email");
  expect(handoff["dataCapture.systemField.tags"]).toContain("parley_unverified");
  expect(handoff.parley_summary).toContain("Identity NOT verified");
  expect(handoff.parley_summary).toContain("- email: ada@example.com");
});

test("failures half-way through a hand-off are retried by the outbox and nothing is created or posted twice", async () => {
  // The conversation's and the first message's creation succeed, but their answers are lost.
  const { parley: server, sim } = await setup({ loseAnswers: [/\/conversations$/, /\/messages$/] });
  const customer = await customerHandedOff(server);
  // The second transcript message and the pass control each fail once; the 429 says when to come back.
  await fault(sim, { status: 500, method: "POST", path: "/messages", count: 1 });
  await fault(sim, { status: 429, retryAfter: 0, path: "/passControl", count: 1 });
  await fault(sim, { status: 503, method: "GET", path: "/users/", count: 1 });

  await handOffLive(server, customer.id);
  await until("the hand-off to finish", async () => (await liveChatFor(server.parley.db, customer.id))?.status === "live", 15_000);

  const user = (await simGet(sim, `${APP}/users/user-77`)).user;
  const conversations = (await simGet(sim, `${APP}/conversations?filter[userId]=${user.id}`)).conversations;
  expect(conversations).toHaveLength(1);
  const texts = (await simGet(sim, `${APP}/conversations/${conversations[0].id}/messages`)).messages.map((m: any) => m.content.text);
  expect(new Set(texts).size).toBe(texts.length);
  expect(texts.length).toBeGreaterThanOrEqual(2);
  expect(sim.conversationsDeliveries().filter((d) => d.eventTypes[0] === "switchboard:passControl")).toHaveLength(1);
}, 20_000);

test("a transcript line Zendesk answers 500 for is looked for and posted again at once: the hand-off does not wait for the outbox's backoff, and nothing is posted twice", async () => {
  // One line is stored though Zendesk answers 500; the next is refused with a 500 before it is stored.
  const { parley: server, sim } = await setup({ failAfterHandling: [/\/messages$/] });
  const customer = await customerHandedOff(server);
  await fault(sim, { status: 500, method: "POST", path: "/messages", count: 1 });

  await handOffLive(server, customer.id);

  expect((await liveChatFor(server.parley.db, customer.id))?.status).toBe("live");
  const job = await server.parley.db.selectFrom("outbox").select(["status", "attempts"]).where("effect", "like", '%"zendesk.handoff"%').executeTakeFirstOrThrow();
  expect(job).toEqual({ status: "done", attempts: 1 });
  const user = (await simGet(sim, `${APP}/users/user-77`)).user;
  const [conversation] = (await simGet(sim, `${APP}/conversations?filter[userId]=${user.id}`)).conversations;
  const texts = (await simGet(sim, `${APP}/conversations/${conversation.id}/messages`)).messages.map((m: any) => m.content.text);
  const transcript = (await customer.messages()).filter((message) => message.author.type !== "system").map((message) => message.text);
  expect(transcript.length).toBeGreaterThanOrEqual(2);
  expect(texts).toEqual(transcript);
});

test("a customer message the live chat took, though its answer was lost, is not put on the ticket as well when the agents release the chat before the retry", async () => {
  const lose: RegExp[] = [];
  const { parley: server, sim } = await setup({ loseAnswers: lose });
  const customer = await customerHandedOff(server);
  await handOffLive(server, customer.id);
  await until("the hand-off to finish", async () => (await liveChatFor(server.parley.db, customer.id))?.status === "live");
  const chat = await liveChatFor(server.parley.db, customer.id);

  // The live chat takes the message, but its answer never reaches Parley: the job will be tried again.
  lose.push(/\/messages$/);
  expect((await customer.send("client-live-0009", "Is the shop open on Sunday?")).status).toBe(201);
  const chatTexts = async () => (await simGet(sim, `${APP}/conversations/${chat?.suncoConversationId}/messages`)).messages.map((m: any) => m.content.text);
  await until("the message in the live chat", async () => (await chatTexts()).includes("Is the shop open on Sunday?"));
  // The agents give the chat back before the retry.
  await sim.fetch(new Request(`${SIMULATOR_URL}/agent/conversations/${chat?.suncoConversationId}/release`, { method: "POST", redirect: "manual" }));
  await sim.idle();
  await until("the release", async () => (await liveChatFor(server.parley.db, customer.id))?.status === "released");

  const relayJob = () =>
    server.parley.db.selectFrom("outbox").select(["status", "attempts"]).where("conversation_id", "=", customer.id).where("effect", "like", '%Is the shop open on Sunday?%').executeTakeFirst();
  const done = await until("the retried relay", async () => {
    const job = await relayJob();
    return job?.status === "done" && job;
  }, 15_000);
  expect(done.attempts).toBeGreaterThan(1);
  expect((await theTicket(sim)).comments.map((c: any) => c.body)).not.toContain("Is the shop open on Sunday?");
  expect((await chatTexts()).filter((text: string) => text === "Is the shop open on Sunday?")).toHaveLength(1);
}, 25_000);

test("a live hand-off waits until Parley's webhook is registered, so the agent's replies and the release are heard", async () => {
  // Just after the start, Zendesk refuses to list the integrations twice: the webhook is not registered yet.
  const { parley: server, sim } = await setup({ beforeStart: (s) => fault(s, { status: 503, method: "GET", path: "/integrations", count: 2 }), waitForWebhooks: false });
  const customer = await customerHandedOff(server);
  const task = { type: "zendesk.handoff", mode: "live", summary: "Asks whether dogs are allowed in the store.", collectedData: {} };
  await enqueue(server.parley.db, customer.id, "zendesk", task, new Date().toISOString());
  server.parley.outbox.kick();

  await server.parley.conversationsReady;
  await until("the hand-off to finish", async () => (await liveChatFor(server.parley.db, customer.id))?.status === "live", 15_000);
  const job = await server.parley.db.selectFrom("outbox").select("attempts").where("conversation_id", "=", customer.id).where("effect", "like", '%"zendesk.handoff"%').executeTakeFirstOrThrow();
  expect(job.attempts).toBeGreaterThan(1);
  // Control passed once, and Parley's webhook heard it.
  await sim.idle();
  const passes = sim.conversationsDeliveries().filter((delivery) => delivery.eventTypes[0] === "switchboard:passControl");
  expect(passes.map((delivery) => delivery.state)).toEqual(["delivered"]);
}, 25_000);

test("a live hand-off that has waited long for Parley's webhook goes to the team as a ticket, saying why", async () => {
  // Zendesk keeps refusing to list the integrations: the webhook cannot be registered.
  const { parley: server, sim } = await setup({ beforeStart: (s) => fault(s, { status: 503, method: "GET", path: "/integrations", count: 1000 }), waitForWebhooks: false });
  const customer = await customerHandedOff(server);
  const task = { type: "zendesk.handoff", mode: "live", summary: "Asks whether dogs are allowed in the store.", collectedData: {} };
  await enqueue(server.parley.db, customer.id, "zendesk", task, new Date().toISOString());
  // The job has waited for the webhook six times already.
  await server.parley.db.updateTable("outbox").set({ attempts: 6 }).where("conversation_id", "=", customer.id).where("effect", "like", '%"zendesk.handoff"%').execute();
  server.parley.outbox.kick();
  await server.parley.outbox.idle();

  const job = await server.parley.db.selectFrom("outbox").select("status").where("conversation_id", "=", customer.id).where("effect", "like", '%"zendesk.handoff"%').executeTakeFirstOrThrow();
  expect(job.status).toBe("done");
  expect(await liveChatFor(server.parley.db, customer.id)).toBeUndefined();
  const { ticket, comments } = await theTicket(sim);
  expect(ticket.status).toBe("open");
  const note = comments.at(-1);
  expect(note.body).toContain("Live chat was not possible: Parley's Conversations API webhook could not be registered");
});

test("with PARLEY_HANDOFF_MODE=live the default workflow's hand-off passes the conversation to the agent workspace, and again after the agents gave it back", async () => {
  const { parley: server, sim } = await setup({ env: { PARLEY_HANDOFF_MODE: "live" } });
  const customer = await customerHandedOff(server);
  await until("the live hand-off", async () => (await liveChatFor(server.parley.db, customer.id))?.status === "live");
  const user = (await simGet(sim, `${APP}/users/user-77`)).user;
  const [conversation] = (await simGet(sim, `${APP}/conversations?filter[userId]=${user.id}`)).conversations;
  expect(conversation.activeSwitchboardIntegration.integrationType).toBe("zd:agentWorkspace");
  const texts = (await simGet(sim, `${APP}/conversations/${conversation.id}/messages`)).messages.map((m: any) => m.content.text);
  expect(texts[0]).toBe("Can I bring my dog to your store?");

  // The agents give it back; asking for a person again opens the same live chat again, with what was said since.
  await sim.fetch(new Request(`${SIMULATOR_URL}/agent/conversations/${conversation.id}/release`, { method: "POST", redirect: "manual" }));
  await sim.idle();
  await until("the release", async () => (await liveChatFor(server.parley.db, customer.id))?.status === "released");
  expect((await customer.send("client-live-0005", "Still there? Talk to a person please")).status).toBe(201);
  await server.parley.outbox.idle();
  expect((await server.request(`/v1/apps/${APP_ID}/conversations/${customer.id}/messages`, json({ client_id: "client-live-0006", text: "Talk to a person", action: "handoff" }, customer.headers))).status).toBe(201);
  await until("the second hand-off", async () => (await liveChatFor(server.parley.db, customer.id))?.status === "live");
  expect((await simGet(sim, `${APP}/conversations?filter[userId]=${user.id}`)).conversations).toHaveLength(1);
  expect(sim.conversationsDeliveries().filter((d) => d.eventTypes[0] === "switchboard:passControl")).toHaveLength(2);
  const reopened = (await simGet(sim, `${APP}/conversations/${conversation.id}/messages`)).messages.map((m: any) => m.content.text);
  expect(reopened.slice(0, texts.length)).toEqual(texts);
  expect(reopened).toContain("Still there? Talk to a person please");
  expect(new Set(reopened).size).toBe(reopened.length);
});

describe("a workflow that decides by office hours (examples/workflows/live-chat-office-hours-berlin.json)", () => {
  const workflowFile = fileURLToPath(new URL("../../../../../examples/workflows/live-chat-office-hours-berlin.json", import.meta.url));
  /** A clock that starts at `start` and runs on. */
  const clockFrom = (start: string) => {
    const offset = Date.parse(start) - Date.now();
    return () => new Date(Date.now() + offset);
  };

  test("on a Monday at 10:00 in Berlin the hand-off is a live chat, whatever PARLEY_HANDOFF_MODE says", async () => {
    const { parley: server, sim } = await setup({ env: { PARLEY_WORKFLOW_FILE: workflowFile }, clock: clockFrom("2026-11-30T09:00:00Z") });
    const customer = await customerHandedOff(server);
    await until("the live hand-off", async () => (await liveChatFor(server.parley.db, customer.id))?.status === "live");
    expect(sim.conversationsDeliveries().filter((d) => d.eventTypes[0] === "switchboard:passControl")).toHaveLength(1);
  });

  test("on a Saturday it is a ticket for the team, and no live chat is opened", async () => {
    const { parley: server, sim } = await setup({ env: { PARLEY_WORKFLOW_FILE: workflowFile, PARLEY_HANDOFF_MODE: "live" }, clock: clockFrom("2026-11-28T11:00:00Z") });
    const customer = await customerHandedOff(server);
    await server.parley.outbox.idle();
    expect(await liveChatFor(server.parley.db, customer.id)).toBeUndefined();
    expect(sim.conversationsDeliveries().filter((d) => d.eventTypes[0] === "switchboard:passControl")).toEqual([]);
    expect((await customer.messages()).at(-1)?.text).toMatch(/The team is offline right now/);
  });
});

/** A workflow whose path to the team ends in a hand-off step of this mode. */
async function handingOffAs(server: TestParley, mode: "ticket" | "live") {
  const check = validateWorkflow({
    schema_version: 1,
    greeting: { text: "Hi!" },
    start: "answer",
    steps: { answer: { type: "ai_answer", then: "team" }, team: { type: "handoff", mode } },
  });
  if (!check.ok) throw new Error(JSON.stringify(check.issues));
  await server.parley.workflows.setLive(check.workflow);
}

test("a workflow whose hand-off step says live passes the conversation to the agent workspace, without PARLEY_HANDOFF_MODE", async () => {
  const { parley: server, sim } = await setup();
  await handingOffAs(server, "live");
  const customer = await customerHandedOff(server);
  await until("the live hand-off", async () => (await liveChatFor(server.parley.db, customer.id))?.status === "live");
  expect(sim.conversationsDeliveries().filter((d) => d.eventTypes[0] === "switchboard:passControl")).toHaveLength(1);
});

test("a workflow whose hand-off step says ticket opens no live chat, even with PARLEY_HANDOFF_MODE=live", async () => {
  const { parley: server, sim } = await setup({ env: { PARLEY_HANDOFF_MODE: "live" } });
  await handingOffAs(server, "ticket");
  const customer = await customerHandedOff(server);
  expect(await liveChatFor(server.parley.db, customer.id)).toBeUndefined();
  expect(sim.conversationsDeliveries().filter((d) => d.eventTypes[0] === "switchboard:passControl")).toEqual([]);
});

test("in ticket mode (the default) a hand-off opens no live chat", async () => {
  const { parley: server, sim } = await setup();
  const customer = await customerHandedOff(server);
  expect(await liveChatFor(server.parley.db, customer.id)).toBeUndefined();
  expect(sim.conversationsDeliveries().filter((d) => d.eventTypes[0] === "switchboard:passControl")).toEqual([]);
});

test("without multiple conversations in the account, a live hand-off opens no live chat and goes to the ticket, saying why", async () => {
  const { parley: server, sim } = await setup();
  await sim.fetch(new Request(`${SIMULATOR_URL}/__sim/conversations/settings`, { method: "POST", body: JSON.stringify({ multiConvoEnabled: false }) }));
  const customer = await customerHandedOff(server);

  await handOffLive(server, customer.id);

  expect(await liveChatFor(server.parley.db, customer.id)).toBeUndefined();
  expect(sim.conversationsDeliveries().filter((d) => d.eventTypes[0] === "switchboard:passControl")).toEqual([]);
  const note = (await theTicket(sim)).comments.at(-1);
  expect(note.public).toBe(false);
  expect(note.body).toContain("Asks whether dogs are allowed in the store.");
  expect(note.body).toContain("Live chat was not possible: multiple conversations are off");
  // The console's transcript says so too, once, after saying it was handed off for a live chat.
  const decisions = (await listDecisions(server.parley.db, customer.id)).map((entry) => entry.decision);
  const fellBack = decisions.findIndex((decision) => decision.kind === "live_unavailable");
  expect(decisions[fellBack]).toEqual({ kind: "live_unavailable", reason: expect.stringContaining("multiple conversations are off") });
  expect(fellBack).toBeGreaterThan(decisions.findIndex((decision) => decision.kind === "handed_off" && decision.mode === "live"));
  await appendDecisionOnce(server.parley.db, customer.id, decisions[fellBack]!, new Date().toISOString());
  expect((await listDecisions(server.parley.db, customer.id)).filter((entry) => entry.decision.kind === "live_unavailable")).toHaveLength(1);
  const rows = await server.parley.db.selectFrom("outbox").select(["status", "effect"]).execute();
  expect(rows.filter((row) => row.status !== "done")).toEqual([]);
});
