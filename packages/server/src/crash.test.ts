import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PingResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { openDatabase } from "./store/db";
import { freshDatabase, type TestDatabase } from "./testing/database";
import { KNOWLEDGE_DIR } from "./testing/parley";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

const children: ChildProcess[] = [];
let dataDir: string | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await database?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The real server in its own process on the test's data; resolves with its address once it listens. */
async function startServer(): Promise<{ url: string; child: ChildProcess }> {
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
  for (const name of ["ZENDESK_BASE_URL", "ZENDESK_SUBDOMAIN", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN", "DATABASE_URL"]) delete env[name];
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

test("killed (SIGKILL) during a burst of messages and restarted: every acknowledged message is stored once and every question answered once", async () => {
  dataDir = mkdtempSync(join(tmpdir(), "parley-crash-"));
  database = await freshDatabase(dataDir);
  const first = await startServer();

  const tokens: string[] = [];
  for (let i = 0; i < 20; i++) {
    const ping = (await (await post(`${first.url}/v1/apps/demo/ping`, { visitor_id: `crash-visitor-${String(i).padStart(4, "0")}`, user: {} })).json()) as PingResponse;
    tokens.push(ping.session.token);
  }

  // A burst of new conversations; the process dies while it is busy with them.
  const acknowledged: string[] = [];
  const sends = Array.from({ length: 120 }, async (_, i) => {
    const clientId = `crash-${String(i).padStart(10, "0")}`;
    try {
      const response = await post(`${first.url}/v1/apps/demo/conversations`, { client_id: clientId, text: "How do I reset my password?" }, tokens[i % tokens.length]);
      if (response.status === 201) acknowledged.push(clientId);
    } catch {
      // the connection died with the process: not acknowledged
    }
  });
  await expect.poll(() => acknowledged.length, { timeout: 20_000, interval: 5 }).toBeGreaterThanOrEqual(30);
  first.child.kill("SIGKILL");
  await Promise.all(sends);

  const second = await startServer();
  const settled = async () => {
    const text = await (await fetch(`${second.url}/metrics`)).text();
    return text.split("\n").filter((line) => line.startsWith("parley_jobs_pending{") && !line.endsWith(" 0")).length;
  };
  await expect.poll(settled, { timeout: 20_000, interval: 200 }).toBe(0);
  second.child.kill("SIGTERM");
  await new Promise((resolve) => second.child.once("exit", resolve));

  const db = await openDatabase(database.location);
  try {
    const customer = await db.selectFrom("messages").select(["client_id", "conversation_id"]).where("author_type", "=", "customer").execute();
    const stored = customer.map((row) => row.client_id);
    // Every acknowledged message is there exactly once; nothing is there that was not sent.
    for (const clientId of acknowledged) expect(stored.filter((id) => id === clientId)).toHaveLength(1);
    expect(new Set(stored).size).toBe(stored.length);
    // Every stored question got exactly one answer from the AI, whichever process ran its job.
    const answers = await db.selectFrom("messages").select("conversation_id").where("author_type", "=", "ai").execute();
    const perConversation = new Map<string, number>();
    for (const { conversation_id } of answers) perConversation.set(conversation_id, (perConversation.get(conversation_id) ?? 0) + 1);
    expect(customer.map((row) => perConversation.get(row.conversation_id) ?? 0)).toEqual(customer.map(() => 1));
    const jobs = await db.selectFrom("outbox").select(["status"]).execute();
    expect(jobs.every((job) => job.status === "done")).toBe(true);
    expect(jobs).toHaveLength(customer.length);
    expect(acknowledged.length).toBeGreaterThan(0);
  } finally {
    await db.destroy();
  }
}, 90_000);
