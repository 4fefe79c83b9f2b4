import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import type { AgentReply, Answerer } from "../agent";
import { ConfigError } from "../config";
import { textsFor } from "../engine";
import { getContact } from "../store/contacts";
import { pendingTimers } from "../store/timers";
import { CLARIFY_ORDER_OR_PASSWORD } from "../testing/agent";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";
import { validateWorkflow } from "../workflow";

const EXAMPLES = fileURLToPath(new URL("../../../../examples/workflows/", import.meta.url));
const en = textsFor("en");

/** A fake clock the test moves by hand. */
function fakeClock(start = "2026-11-30T09:00:00.000Z") {
  let now = new Date(start);
  return { clock: () => new Date(now), advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

/** An AI agent that replies what the test scripts. */
function scripted(...replies: AgentReply[]): Answerer {
  return {
    async answer(request) {
      const reply = replies.shift();
      if (!reply) throw new Error(`no reply scripted for "${request.question}"`);
      return reply;
    },
  };
}
const clarify = CLARIFY_ORDER_OR_PASSWORD;
const noAnswer: AgentReply = { kind: "handoff", reason: "no_answer", locale: "en" };

const servers: TestParley[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function customer(server: TestParley) {
  const response = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: `visitor-${Math.random().toString(36).slice(2, 12)}`, user: {} }));
  const session = (await response.json()) as PingResponse;
  const auth = { Authorization: `Bearer ${session.session.token}` };
  let sent = 0;
  const clientId = () => `client-${String(++sent).padStart(6, "0")}`;
  return {
    session,
    async start(text: string): Promise<string> {
      const started = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: clientId(), text }, auth));
      await server.parley.outbox.idle();
      return ((await started.json()) as StartConversationResponse).conversation.id;
    },
    async send(id: string, body: Record<string, unknown>): Promise<Response> {
      const response = await server.request(`/v1/apps/${APP_ID}/conversations/${id}/messages`, json({ client_id: clientId(), ...body }, auth));
      await server.parley.outbox.idle();
      return response;
    },
    async thread(id: string): Promise<ConversationResponse> {
      return (await (await server.request(`/v1/apps/${APP_ID}/conversations/${id}`, { headers: auth })).json()) as ConversationResponse;
    },
  };
}

async function start(env: Record<string, string>, answerer: Answerer, clock: () => Date, dataDir?: string): Promise<TestParley> {
  const server = await testParley(env, { answerer, clock, ...(dataDir && { dataDir }) });
  servers.push(server);
  return server;
}

test("a clarifying question left unanswered hands off once its timer is due, and only then, and only once", async () => {
  const time = fakeClock();
  const server = await start({}, scripted(clarify), time.clock);
  const ada = await customer(server);
  const id = await ada.start("How do I change it?");
  expect(await pendingTimers(server.parley.db, id)).toEqual([expect.objectContaining({ kind: "clarify", dueAt: "2026-11-30T09:03:00.000Z" })]);

  time.advance(179);
  await server.parley.outbox.idle();
  expect((await ada.thread(id)).conversation.status).toBe("ai");
  expect(await pendingTimers(server.parley.db, id)).toHaveLength(1);

  time.advance(2);
  await server.parley.outbox.idle();
  const { conversation, messages } = await ada.thread(id);
  expect(conversation.status).toBe("team");
  expect(messages.at(-1)?.text).toBe(en.handoffNoReply);
  expect(await pendingTimers(server.parley.db, id)).toEqual([]);

  time.advance(600);
  await server.parley.outbox.idle();
  expect((await ada.thread(id)).messages.filter((message) => message.text === en.handoffNoReply)).toHaveLength(1);
  // The outbox worker fired it, and counts it as a job of its timer lane.
  const metrics = await (await server.request("/metrics")).text();
  expect(metrics.split("\n")).toContain('parley_jobs_total{lane="timers",outcome="done"} 1');
});

test("a reply to the clarifying question cancels its timer", async () => {
  const time = fakeClock();
  const server = await start({}, scripted(clarify, noAnswer), time.clock);
  const ada = await customer(server);
  const id = await ada.start("How do I change it?");
  await ada.send(id, { text: "the password one" });
  expect(await pendingTimers(server.parley.db, id)).toEqual([]);
  time.advance(600);
  await server.parley.outbox.idle();
  expect((await ada.thread(id)).messages.at(-1)?.text).toBe(en.handoffNoAnswer);
});

test("PARLEY_CLARIFY_TIMEOUT_SECONDS shortens the timer", async () => {
  const time = fakeClock();
  const server = await start({ PARLEY_CLARIFY_TIMEOUT_SECONDS: "5" }, scripted(clarify), time.clock);
  const id = await (await customer(server)).start("How do I change it?");
  expect((await pendingTimers(server.parley.db, id))[0]?.dueAt).toBe("2026-11-30T09:00:05.000Z");
});

test("a timer survives a restart: a server started later on the same data fires it", async () => {
  const time = fakeClock();
  const dataDir = mkdtempSync(join(tmpdir(), "parley-timers-"));
  folders.push(dataDir);
  const first = await testParley({}, { answerer: scripted(clarify), clock: time.clock, dataDir });
  const id = await (await customer(first)).start("How do I change it?");
  await first.parley.stop();

  time.advance(200);
  // The new server's outbox worker looks for due timers as it starts: nothing here asks it to.
  const second = await start({}, scripted(), time.clock, dataDir);
  const status = async () => (await second.parley.db.selectFrom("conversations").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
  await expect.poll(status).toBe("team");
  const handoffs = await second.parley.db.selectFrom("messages").select("text").where("conversation_id", "=", id).where("text", "=", en.handoffNoReply).execute();
  expect(handoffs).toHaveLength(1);
});

test("two workers racing for the same due timer: exactly one fires it", async () => {
  const time = fakeClock();
  const server = await start({}, scripted(clarify), time.clock);
  const id = await (await customer(server)).start("How do I change it?");
  const [timer] = await pendingTimers(server.parley.db, id);
  if (!timer) throw new Error("no timer set");
  time.advance(181);
  const fired = await Promise.all([server.parley.conversations.fireTimer(timer), server.parley.conversations.fireTimer(timer)]);
  expect(fired.filter(Boolean)).toHaveLength(1);
  const frames = await server.parley.db.selectFrom("messages").select("text").where("conversation_id", "=", id).execute();
  expect(frames.filter((message) => message.text === en.handoffNoReply)).toHaveLength(1);
});

test("PARLEY_WORKFLOW_FILE: the example's greeting is live; the form rejects a bad email with the field named and keeps nothing, then takes good values", async () => {
  const time = fakeClock();
  const server = await start({ PARLEY_WORKFLOW_FILE: join(EXAMPLES, "collect-order-number.json") }, scripted(noAnswer), time.clock);
  const ada = await customer(server);
  expect(ada.session.app.greeting).toMatch(/^Hi! Ask me anything about orders/);
  const id = await ada.start("My parcel never arrived");
  const asking = (await ada.thread(id)).messages.at(-1);
  expect(asking?.form?.fields.map((field) => field.label)).toEqual(["Order number", "Email"]);

  const bad = await ada.send(id, { text: "Order number: 10452\nEmail: ada@", form: { order_number: "10452", email: "ada@" } });
  expect(bad.status).toBe(422);
  expect(await bad.json()).toEqual({
    error: {
      code: "invalid_form",
      message: "Email must be an email address, like name@example.com.",
      issues: [{ path: "form.email", message: "Email must be an email address, like name@example.com." }],
    },
  });
  expect((await ada.thread(id)).messages.at(-1)?.id).toBe(asking?.id);

  const good = await ada.send(id, { text: "Order number: 10452\nEmail: ada@example.com", form: { order_number: "10452", email: "ada@example.com" } });
  expect(good.status).toBe(201);
  const { conversation, messages } = await ada.thread(id);
  expect(conversation.status).toBe("team");
  expect(messages.at(-1)?.text).toMatch(/^Thanks! The team has your order number/);
  const contact = await getContact(server.parley.db, ada.session.user.id);
  expect(JSON.parse(contact?.attributes ?? "{}")).toMatchObject({ order_number: "10452", email: "ada@example.com" });
  // The contact's identity is the host page's: an anonymous visitor stays one.
  expect(contact?.email).toBeNull();
});

test("a conversation finishes on the version it started on; new conversations take the new live workflow", async () => {
  const time = fakeClock();
  const server = await start({}, scripted(noAnswer, noAnswer, noAnswer), time.clock);
  const ada = await customer(server);
  const before = await ada.send(await ada.start("first question"), { text: "still there?" });
  expect(before.status).toBe(201);

  const older = await customer(server);
  const running = await older.start("Can I bring my dog?");
  const example = validateWorkflow(JSON.parse(await import("node:fs/promises").then((fs) => fs.readFile(join(EXAMPLES, "collect-order-number.json"), "utf8"))));
  if (!example.ok) throw new Error("example invalid");
  // The running conversation was handed off on the default workflow (v0): no form.
  expect((await older.thread(running)).messages.at(-1)?.form).toBeUndefined();

  await server.parley.workflows.setLive(example.workflow);
  const fresh = await customer(server);
  expect(fresh.session.app.greeting).toBe(example.workflow.greeting.text);
  expect(fresh.session.app.greeting_buttons).toBeUndefined();
  const id = await fresh.start("Where is my parcel?");
  expect((await fresh.thread(id)).messages.at(-1)?.form).toBeDefined();
});

test("a running conversation keeps its version when another is set live mid-way", async () => {
  const time = fakeClock();
  const server = await start({}, scripted(clarify), time.clock);
  const ada = await customer(server);
  const id = await ada.start("How do I change it?");
  const example = validateWorkflow(JSON.parse(await import("node:fs/promises").then((fs) => fs.readFile(join(EXAMPLES, "collect-order-number.json"), "utf8"))));
  if (!example.ok) throw new Error("example invalid");
  await server.parley.workflows.setLive(example.workflow);
  time.advance(181);
  await server.parley.outbox.idle();
  // Version 0's path: straight to the team, no order form.
  const last = (await ada.thread(id)).messages.at(-1);
  expect(last?.text).toBe(en.handoffNoReply);
  expect(last?.form).toBeUndefined();
});

test("PARLEY_WORKFLOW_FILE that is not a valid workflow stops the start, naming the step and field", async () => {
  const folder = mkdtempSync(join(tmpdir(), "parley-workflow-"));
  folders.push(folder);
  const file = join(folder, "broken.json");
  writeFileSync(file, JSON.stringify({ schema_version: 1, greeting: { text: "Hi" }, start: "answer", steps: { answer: { type: "ai_answer", then: "nowhere" } } }));
  const failed = testParley({ PARLEY_WORKFLOW_FILE: file }, { answerer: scripted() });
  await expect(failed).rejects.toThrow(ConfigError);
  await expect(failed).rejects.toThrow(/step "answer", then: leads to step "nowhere", which does not exist/);
});

test("greeting buttons reach the Messenger with the greeting; pressing one starts the conversation on its path", async () => {
  const time = fakeClock();
  const server = await start({}, scripted(), time.clock);
  const check = validateWorkflow({
    schema_version: 1,
    greeting: { text: "Hi! What brings you here?", buttons: [{ label: "Track my order", then: "order" }] },
    start: "answer",
    attributes: [{ name: "order_number", type: "text" }],
    steps: {
      answer: { type: "ai_answer", then: "handoff" },
      order: { type: "collect_data", text: "Your order number?", fields: [{ attribute: "order_number", label: "Order number" }], then: "handoff" },
      handoff: { type: "handoff", mode: "ticket" },
    },
  });
  if (!check.ok) throw new Error(JSON.stringify(check.issues));
  await server.parley.workflows.setLive(check.workflow);
  const ada = await customer(server);
  expect(ada.session.app.greeting_buttons).toEqual([{ label: "Track my order", action: "choose_option" }]);
  const id = await ada.start("Track my order");
  // (The scripted AI agent has no reply: it was not asked.)
  const last = (await ada.thread(id)).messages.at(-1);
  expect(last?.text).toBe("Your order number?");
  expect(last?.form?.fields[0]?.label).toBe("Order number");
});
