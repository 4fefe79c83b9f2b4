import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ConversationResponse, PingResponse } from "@parley/protocol";
import { type Simulator, startSimulator } from "@parley/zendesk-sim";
import { afterEach, expect, test } from "vitest";
import { textsFor } from "../engine";
import { freshDatabase, type TestDatabase } from "../testing/database";
import { IDENTITY_SECRET, KNOWLEDGE_DIR } from "../testing/parley";
import { SIMULATOR_CONVERSATIONS_AUTH, SIMULATOR_SUPPORT_AUTH, simulatorZendeskEnv } from "./test-support";

// The whole path under a flaky Zendesk: a fifth of every Zendesk call (Support API and
// Conversations API) answers 429 or 500, and the server is killed (SIGKILL) in the middle of the
// hand-offs and started again. At the end every ticket, comment, tag and live-chat message must be
// exactly as the lifecycle says: none missing, none twice.

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const ADMIN_TOKEN = "fault-injection-admin-token";
const CUSTOMERS = 3;
const en = textsFor("en");

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The real server in its own process; resolves once it listens. */
async function startParley(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Parley is running at")) resolve();
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before it listened:\n${output}`)));
  });
  return child;
}

/** What is left to do when a wait times out: the jobs not done yet, with their last errors. */
let explain: () => Promise<string> = async () => "";

/** Polls until `probe` gives a value; a failing probe (an injected fault) just counts as "not yet". */
async function until<T>(what: string, probe: () => Promise<T | undefined | false | null>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; jobs not done:\n${await explain().catch(String)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A read of the simulator's API as any Zendesk client makes it (subject to the injected faults until they are cleared). */
async function simGet(sim: Simulator, url: string, path: string): Promise<any> {
  const auth = path.startsWith("/api/") ? SIMULATOR_SUPPORT_AUTH : SIMULATOR_CONVERSATIONS_AUTH;
  const response = await sim.fetch(new Request(`${url}${path}`, { headers: { Authorization: auth } }));
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.json();
}

test("with 20 % of Zendesk calls failing (429 or 500) and a SIGKILL mid-hand-off, every ticket, comment, tag and live-chat message ends up exactly once", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-faults-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const database: TestDatabase = await freshDatabase(dataDir);
  cleanups.push(() => database.dispose());
  // Short webhook retries: the simulator keeps calling while Parley is down, and Parley is soon back.
  const zendesk = await startSimulator({ port: 0, webhookRetryDelaysMs: [250, 500, 1000, 2000, 4000], conversations: { webhookRetryDelaysMs: [250, 500, 1000, 2000, 4000, 8000] } });
  cleanups.push(() => zendesk.close());
  const { simulator: sim, url: simUrl } = zendesk;
  const fault = await sim.fetch(
    new Request(`${simUrl}/__sim/faults`, { method: "POST", body: JSON.stringify({ status: [429, 500], rate: 0.2, seed: 20, path: "/^\\/(api\\/v2|v2)\\//" }) }),
  );
  expect(fault.status).toBe(201);

  const port = await freePort();
  const parleyUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    PARLEY_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
    PARLEY_APP_ID: "demo",
    PARLEY_LOG_LEVEL: "warn",
    PARLEY_ADMIN_TOKEN: ADMIN_TOKEN,
    PARLEY_RATE_LIMIT: "off",
    // The site signs its users in: each customer's live chat is their own Zendesk user's (externalId = user id).
    PARLEY_IDENTITY_SECRET: IDENTITY_SECRET,
    PARLEY_HANDOFF_MODE: "live",
    // A job claimed by the killed process is taken up again quickly.
    PARLEY_JOB_LEASE_SECONDS: "1",
    ...simulatorZendeskEnv(simUrl),
    DATABASE_URL: database.databaseUrl ?? "",
  };
  for (const name of ["ZENDESK_SUBDOMAIN", "ZENDESK_OAUTH_TOKEN", "ZENDESK_AI_AGENT_ID", "PARLEY_WORKFLOW_FILE"]) delete env[name];

  explain = async () => {
    const response = await fetch(`${parleyUrl}/admin/api/jobs?status=pending&limit=500`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    return JSON.stringify(await response.json(), null, 1);
  };
  const first = await startParley(env);
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${parleyUrl}${path}`, { method: "POST", headers: { "Content-Type": "application/json", ...(token && { Authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) });

  // Customers ask what the help center answers: a ticket each, the AI's answer on it, solved.
  const customers = await Promise.all(
    Array.from({ length: CUSTOMERS }, async (_, i) => {
      const userId = `fault-user-${i}`;
      const ping = (await (await post("/v1/apps/demo/ping", { visitor_id: `fault-visitor-${String(i).padStart(4, "0")}`, user: { user_id: userId, name: `Customer ${i}`, user_hash: createHmac("sha256", IDENTITY_SECRET).update(userId).digest("hex") } })).json()) as PingResponse;
      const token = ping.session.token;
      const started = await post("/v1/apps/demo/conversations", { client_id: `fault-${i}-question-0001`, text: "How do I reset my password?" }, token);
      expect(started.status).toBe(201);
      const id = ((await started.json()) as { conversation: { id: string } }).conversation.id;
      return { i, userId, token, id };
    }),
  );
  const messagesOf = async (customer: (typeof customers)[number]): Promise<ConversationResponse["messages"]> => {
    const response = await fetch(`${parleyUrl}/v1/apps/demo/conversations/${customer.id}`, { headers: { Authorization: `Bearer ${customer.token}` } });
    return ((await response.json()) as ConversationResponse).messages;
  };
  for (const customer of customers) {
    await until("the AI's answer", async () => (await messagesOf(customer)).some((message) => message.author.type === "ai" && message.citations.length > 0));
  }

  // Each asks for a person: the hand-off begins (ticket note, tags, live chat)...
  for (const customer of customers) {
    const pressed = await post(`/v1/apps/demo/conversations/${customer.id}/messages`, { client_id: `fault-${customer.i}-handoff-0002`, text: en.talkToPerson, action: "handoff" }, customer.token);
    expect(pressed.status).toBe(201);
  }
  // ...and the server is killed as soon as the first live chat exists in Zendesk.
  await until("a live chat in Zendesk", async () => (await simGet(sim, simUrl, `/v2/apps/sim-app/users/${customers[0]?.userId}`)).user);
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const passedBeforeKill = sim.conversationsDeliveries().filter((delivery) => delivery.eventTypes[0] === "switchboard:passControl").length;

  await startParley(env);
  // Every hand-off finishes: each customer's conversation is with the agent workspace.
  const liveChats = new Map<string, string>();
  for (const customer of customers) {
    const conversationId = await until(`${customer.userId}'s live chat`, async () => {
      const user = (await simGet(sim, simUrl, `/v2/apps/sim-app/users/${customer.userId}`)).user;
      const [conversation] = (await simGet(sim, simUrl, `/v2/apps/sim-app/conversations?filter[userId]=${user.id}`)).conversations;
      return conversation?.activeSwitchboardIntegration?.integrationType === "zd:agentWorkspace" && (conversation.id as string);
    });
    liveChats.set(customer.id, conversationId);
  }

  // The agent answers each live chat; each customer answers back; the agent solves it.
  for (const customer of customers) {
    const chat = liveChats.get(customer.id);
    await sim.fetch(new Request(`${simUrl}/agent/conversations/${chat}/messages`, { method: "POST", body: new URLSearchParams({ body: `Agent here for customer ${customer.i}.` }), redirect: "manual" }));
  }
  for (const customer of customers) {
    await until("the agent's reply in the Messenger", async () => (await messagesOf(customer)).some((message) => message.text === `Agent here for customer ${customer.i}.`));
    const replied = await post(`/v1/apps/demo/conversations/${customer.id}/messages`, { client_id: `fault-${customer.i}-answer-00003`, text: `Thanks! Customer ${customer.i} again.` }, customer.token);
    expect(replied.status).toBe(201);
  }
  for (const customer of customers) {
    const chat = liveChats.get(customer.id);
    await until("the customer's answer in the live chat", async () =>
      (await simGet(sim, simUrl, `/v2/apps/sim-app/conversations/${chat}/messages`)).messages.some((message: any) => message.content.text === `Thanks! Customer ${customer.i} again.`),
    );
    await sim.fetch(new Request(`${simUrl}/agent/conversations/${chat}/release`, { method: "POST", redirect: "manual" }));
  }
  for (const customer of customers) {
    await until("the AI taking the conversation back", async () => (await messagesOf(customer)).some((message) => message.text === en.backWithAi));
  }

  // Everything settles: no job left pending, none dead.
  const jobs = async (status: string) =>
    ((await (await fetch(`${parleyUrl}/admin/api/jobs?status=${status}&limit=500`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
      jobs: { lane: string; attempts: number }[];
    }).jobs;
  await until("every job done", async () => (await jobs("pending")).length === 0, 40_000);
  expect(await jobs("dead")).toEqual([]);
  // The faults did bite: a good share of Parley's calls failed, and jobs were tried again.
  const [injected] = ((await (await sim.fetch(new Request(`${simUrl}/__sim/faults`))).json()) as { faults: { failed: number }[] }).faults;
  expect(injected?.failed).toBeGreaterThan(10);
  expect((await jobs("done")).filter((job) => job.lane !== "ai" && job.attempts > 1).length).toBeGreaterThan(0);
  await sim.fetch(new Request(`${simUrl}/__sim/faults`, { method: "DELETE" }));
  await sim.idle();

  const { tickets } = await simGet(sim, simUrl, "/api/v2/tickets.json");
  expect(tickets).toHaveLength(CUSTOMERS);
  const me = (await simGet(sim, simUrl, "/api/v2/users/me.json")).user;
  for (const customer of customers) {
    const shown = await messagesOf(customer);
    const answer = shown.find((message) => message.author.type === "ai" && message.citations.length > 0);
    const handoff = shown.find((message) => message.text === en.handoffAsked);
    // The Messenger: each message once, in the lifecycle's order.
    expect(shown.filter((message) => message.author.type !== "system").map((message) => message.text)).toEqual([
      "How do I reset my password?",
      answer?.text,
      en.talkToPerson,
      en.handoffAsked,
      `Agent here for customer ${customer.i}.`,
      `Thanks! Customer ${customer.i} again.`,
      en.backWithAi,
    ]);
    expect(handoff?.author.type).toBe("ai");

    // The ticket: one, with the question, the AI's answer, the hand-off note and the release note, each once.
    const ticket = tickets.find((candidate: any) => candidate.external_id === customer.id);
    const { comments } = await simGet(sim, simUrl, `/api/v2/tickets/${ticket.id}/comments.json`);
    expect(comments.map((comment: any) => [comment.public, comment.body.split("\n")[0]])).toEqual([
      [true, "How do I reset my password?"],
      [true, answer?.text.split("\n")[0]],
      [false, "The customer asked for a person; the AI agent handed the conversation to the team."],
      [false, "The team handed the conversation back to the AI agent (Zendesk: ticketClosed): it answers the customer's next questions."],
    ]);
    expect(comments[0].author_id).toBe(ticket.requester_id);
    expect([...ticket.tags].sort()).toEqual(["fin-involved", "intercom-messenger"]);
    expect(ticket).toMatchObject({ status: "open", assignee_id: me.id });

    // The live chat: one conversation; the transcript up to the hand-off, the agent's reply and the customer's answer, each once.
    const user = (await simGet(sim, simUrl, `/v2/apps/sim-app/users/${customer.userId}`)).user;
    expect((await simGet(sim, simUrl, `/v2/apps/sim-app/conversations?filter[userId]=${user.id}`)).conversations).toHaveLength(1);
    const posted = (await simGet(sim, simUrl, `/v2/apps/sim-app/conversations/${liveChats.get(customer.id)}/messages`)).messages;
    expect(posted.map((message: any) => message.content.text)).toEqual([
      "How do I reset my password?",
      answer?.text,
      en.talkToPerson,
      en.handoffAsked,
      `Agent here for customer ${customer.i}.`,
      `Thanks! Customer ${customer.i} again.`,
    ]);
  }
  const passes = sim.conversationsDeliveries().filter((delivery) => delivery.eventTypes[0] === "switchboard:passControl");
  expect(passes).toHaveLength(CUSTOMERS);
  // The kill came mid-hand-off: the restarted server finished some of them.
  expect(passedBeforeKill).toBeLessThan(CUSTOMERS);
}, 90_000);
