import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PingResponse } from "@parley/protocol";
import { startSimulator } from "@parley/zendesk-sim";
import { afterEach, expect, test } from "vitest";
import { openDatabase } from "./store/db";
import { freshDatabase, type TestDatabase } from "./testing/database";
import { KNOWLEDGE_DIR } from "./testing/parley";
import { SIMULATOR_SUPPORT_AUTH, simulatorSupportEnv } from "./zendesk/test-support";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

const children: ChildProcess[] = [];
let dataDir: string | undefined;
let database: TestDatabase | undefined;
let zendesk: Awaited<ReturnType<typeof startSimulator>> | undefined;
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await zendesk?.close();
  zendesk = undefined;
  await database?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The real server in its own process on the test's data; resolves with its address once it listens. */
async function startServer(zendeskUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    DATA_DIR: dataDir,
    PARLEY_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
    PARLEY_APP_ID: "demo",
    PARLEY_LOG_LEVEL: "warn",
    // A job claimed by the killed process is taken up again quickly.
    PARLEY_JOB_LEASE_SECONDS: "1",
  };
  for (const name of Object.keys(env)) if (/^ZENDESK_|^DATABASE_URL$/.test(name)) delete env[name];
  // Zendesk is a simulator in this process: it outlives the killed server and keeps what was done there.
  Object.assign(env, simulatorSupportEnv(zendeskUrl));
  // A clarifying question left unanswered goes to the team after 2 s: timers fire before and after the kill.
  env.PARLEY_CLARIFY_TIMEOUT_SECONDS = "2";
  if (database?.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Parley is running at (http:\/\/\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before it listened:\n${output}`)));
  });
  return { url, child };
}

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...(token && { Authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) });

/** What each conversation of the burst starts with, and what the server does with it. */
const QUESTIONS = [
  { kind: "answer", text: "How do I reset my password?" },
  { kind: "handoff", text: "I want to talk to a person" },
  // The AI asks which article is meant; nobody answers, so its timer hands the conversation off.
  { kind: "clarify", text: "how do i check my balance" },
] as const;

async function simGet<T>(path: string): Promise<T> {
  const response = await fetch(`${zendesk!.url}/api/v2/${path}`, { headers: { Authorization: SIMULATOR_SUPPORT_AUTH } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

test("killed (SIGKILL) during a burst of questions, hand-offs and clarifying questions, and restarted: every acknowledged message is stored once, every job's effect happens once, every timer fires once", async () => {
  dataDir = mkdtempSync(join(tmpdir(), "parley-crash-"));
  database = await freshDatabase(dataDir);
  zendesk = await startSimulator({ port: 0, rateLimitPerMinute: 100_000 });
  const first = await startServer(zendesk.url);

  const tokens: string[] = [];
  for (let i = 0; i < 20; i++) {
    const ping = (await (await post(`${first.url}/v1/apps/demo/ping`, { visitor_id: `crash-visitor-${String(i).padStart(4, "0")}`, user: {} })).json()) as PingResponse;
    tokens.push(ping.session.token);
  }

  // A burst of new conversations of every kind; the process dies while it is busy with them.
  const acknowledged: string[] = [];
  const sends = Array.from({ length: 120 }, async (_, i) => {
    const clientId = `crash-${String(i).padStart(10, "0")}`;
    try {
      const response = await post(`${first.url}/v1/apps/demo/conversations`, { client_id: clientId, text: QUESTIONS[i % QUESTIONS.length]!.text }, tokens[i % tokens.length]);
      if (response.status === 201) acknowledged.push(clientId);
    } catch {
      // the connection died with the process: not acknowledged
    }
  });
  await expect.poll(() => acknowledged.length, { timeout: 20_000, interval: 5 }).toBeGreaterThanOrEqual(30);
  first.child.kill("SIGKILL");
  await Promise.all(sends);

  const second = await startServer(zendesk.url);
  const db = await openDatabase(database.location);
  try {
    // Settled: no job waiting or running, and no timer left to fire (a question answered after the
    // restart sets its timer then).
    const settled = async () => {
      const jobs = await db.selectFrom("outbox").select("id").where("status", "=", "pending").execute();
      const timers = await db.selectFrom("timers").select("id").where("status", "=", "pending").execute();
      return jobs.length + timers.length;
    };
    await expect.poll(settled, { timeout: 40_000, interval: 250 }).toBe(0);
    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));

    const customer = await db.selectFrom("messages").select(["client_id", "conversation_id", "text"]).where("author_type", "=", "customer").execute();
    const stored = customer.map((row) => row.client_id);
    // Every acknowledged message is there exactly once; nothing is there that was not sent.
    for (const clientId of acknowledged) expect(stored.filter((id) => id === clientId)).toHaveLength(1);
    expect(new Set(stored).size).toBe(stored.length);
    expect(acknowledged.length).toBeGreaterThan(0);

    // Every job ran to the end; none died or was left behind.
    const jobs = await db.selectFrom("outbox").select(["status", "lane"]).execute();
    expect(jobs.filter((job) => job.status !== "done")).toEqual([]);

    // Every reply was stored once, whichever process ran its job: no conversation holds the same
    // reply twice, and each kind got the replies it should.
    const replies = await db.selectFrom("messages").select(["conversation_id", "text"]).where("author_type", "!=", "customer").orderBy("seq").execute();
    const repliesOf = (conversationId: string) => replies.filter((reply) => reply.conversation_id === conversationId).map((reply) => reply.text);
    const timers = await db.selectFrom("timers").select(["conversation_id", "status"]).execute();
    const links = await db.selectFrom("zendesk_tickets").select(["conversation_id", "ticket_id"]).execute();
    const tickets = (await simGet<{ tickets: { id: number; external_id: string | null }[] }>("tickets.json?per_page=1000")).tickets;
    for (const { conversation_id: id, text } of customer) {
      const kind = QUESTIONS.find((question) => question.text === text)!.kind;
      const said = repliesOf(id);
      expect(new Set(said).size, `${kind} ${id}: ${JSON.stringify(said)}`).toBe(said.length);
      const fired = timers.filter((timer) => timer.conversation_id === id);
      if (kind === "clarify") {
        // Its one timer fired once: one "which one do you mean", one "I haven't heard back".
        expect(fired.map((timer) => timer.status), id).toEqual(["fired"]);
        expect(said.filter((reply) => /Which one do you mean/.test(reply)), id).toHaveLength(1);
        expect(said.filter((reply) => /haven't heard back/.test(reply)), id).toHaveLength(1);
      } else {
        expect(fired, id).toEqual([]);
        expect(said.length, `${kind} ${id}: ${JSON.stringify(said)}`).toBeGreaterThanOrEqual(1);
      }
      // One Zendesk ticket per conversation, made once, whichever process made it.
      const made = tickets.filter((ticket) => ticket.external_id === id);
      expect(made.map((ticket) => ticket.id), `${kind} ${id}`).toEqual(links.filter((link) => link.conversation_id === id).map((link) => Number(link.ticket_id)));
      expect(made.length, `${kind} ${id}`).toBeLessThanOrEqual(1);
      if (kind !== "answer") expect(made, `${kind} ${id}`).toHaveLength(1);
      for (const ticket of made) {
        // Every comment was posted once: the customer's message and each reply appear once on the ticket.
        const comments = (await simGet<{ comments: { body: string }[] }>(`tickets/${ticket.id}/comments.json`)).comments.map((comment) => comment.body);
        expect(new Set(comments).size, `${kind} ${id}: ${JSON.stringify(comments)}`).toBe(comments.length);
      }
    }
    // No ticket belongs to no conversation (a ticket made twice would leave one behind).
    expect(tickets.filter((ticket) => !customer.some((row) => row.conversation_id === ticket.external_id))).toEqual([]);
  } finally {
    await db.destroy();
  }
}, 120_000);
