/**
 * `npm run bench`: starts the compiled server (with the Zendesk simulator) on loopback, opens
 * visitors' streams, then sends new conversations at a steady rate and times each one from the
 * send to the AI's reply arriving on that visitor's own stream. Everything is bounded: a fixed
 * number of streams and messages, and a deadline for every wait.
 *
 *   npm run bench -- [--streams 10000] [--rate 200] [--seconds 10] [--database all|sqlite|postgres] [--instances 1] [--port 8830] [--profile DIR]
 *
 * By default (`--database all`) it runs three times, one after another: SQLite, PostgreSQL with
 * one instance, PostgreSQL with two; `--database sqlite` or `postgres` runs that one only.
 *
 * With `--profile DIR` each server writes a CPU profile (`.cpuprofile`, for Chrome's DevTools) into DIR as it stops.
 *
 * With `--instances 2` (PostgreSQL), visitor i holds its stream on instance i mod 2 and sends to
 * the other one, as behind a load balancer; the first instance runs the Zendesk simulator for all.
 *
 * `--database postgres` makes a throwaway database on PARLEY_TEST_POSTGRES_URL (default
 * postgres://parley:parley@localhost:5432/parley) and drops it afterwards.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({
  options: {
    streams: { type: "string", default: "10000" },
    rate: { type: "string", default: "200" },
    seconds: { type: "string", default: "10" },
    database: { type: "string", default: "all" },
    port: { type: "string", default: "8830" },
    instances: { type: "string", default: "1" },
    profile: { type: "string" },
  },
});
if (values.database === "all") {
  // The three set-ups the goals name, each in a process of its own, one after another.
  const rest = process.argv.slice(2).filter((arg, i, all) => !["--database", "--instances"].includes(arg) && !["--database", "--instances"].includes(all[i - 1] ?? ""));
  let failed = 0;
  for (const [database, instances] of [["sqlite", "1"], ["postgres", "1"], ["postgres", "2"]] as const) {
    const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...rest, "--database", database, "--instances", instances], { stdio: "inherit" });
    if (run.status !== 0) failed = run.status ?? 1;
  }
  process.exit(failed);
}
if (values.database !== "sqlite" && values.database !== "postgres") throw new Error(`--database is all, sqlite or postgres, not "${values.database}"`);
const STREAMS = Number(values.streams);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const PORT = Number(values.port);
const DATABASE = values.database === "postgres" ? "postgres" : "sqlite";
const INSTANCES = Number(values.instances);
if (INSTANCES > 1 && DATABASE !== "postgres") throw new Error("--instances above 1 needs --database postgres: instances share one PostgreSQL");
const MESSAGES = Math.min(RATE * SECONDS, STREAMS);
const ANSWER_DEADLINE_MS = 10_000;
const QUESTIONS = ["How do I reset my password?", "Which payment methods do you accept?", "How long do I have to return an item?", "Do you ship internationally?"];

/** Instance k listens on PORT + 2k (its simulator, for the first, on the port after). */
const baseOf = (instance: number) => `http://127.0.0.1:${PORT + 2 * instance}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(method: string, path: string, body?: unknown, token?: string, instance = 0): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${baseOf(instance)}${path}`,
      {
        method,
        agent,
        headers: {
          ...(data !== undefined && { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) }),
          ...(token && { Authorization: `Bearer ${token}` }),
        },
        timeout: 30_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on("error", reject);
    req.end(data);
  });
}

/** A figure from /metrics, summed over the instances. */
async function metric(name: string): Promise<number> {
  let sum = 0;
  for (let instance = 0; instance < INSTANCES; instance++) {
    const { body } = await request("GET", "/metrics", undefined, undefined, instance);
    const line = body.split("\n").find((candidate) => candidate.startsWith(`${name} `));
    sum += line ? Number(line.slice(name.length + 1)) : 0; // a counter not yet counted
  }
  return sum;
}

async function inBatches<T>(count: number, width: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await work(index);
      }
    }),
  );
  return results;
}

interface Visitor {
  token: string;
  sentAt?: number;
  answeredAt?: number;
}

/** Opens a visitor's stream on its own connection; calls `onAi` when an AI message arrives. */
function openStream(visitor: Visitor, instance: number, onAi: () => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseOf(instance)}/v1/apps/demo/stream?token=${visitor.token}`, { agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding("utf8");
      let opened = false;
      res.on("data", (chunk: string) => {
        if (!opened) {
          opened = true;
          resolve(req);
        }
        if (chunk.includes('"type":"ai"')) onAi();
      });
      res.on("error", () => {});
    });
    req.on("error", reject);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.PARLEY_TEST_POSTGRES_URL || "postgres://parley:parley@localhost:5432/parley";
  const name = `parley_bench_${randomBytes(4).toString("hex")}`;
  const run = async (text: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => run(`drop database if exists ${name} with (force)`) };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-"));
  const postgres = DATABASE === "postgres" ? await postgresDatabase() : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    ZENDESK_SIM_PORT: String(PORT + 1),
    DATA_DIR: dataDir,
    PARLEY_APP_ID: "demo",
    PARLEY_LOG_LEVEL: "warn",
    PARLEY_RATE_LIMIT: "off",
    PARLEY_RETENTION_DAYS: "0",
  };
  delete env.DATABASE_URL;
  if (postgres) env.DATABASE_URL = postgres.url;
  const servers: ChildProcess[] = [];
  const streams: http.ClientRequest[] = [];
  try {
    for (let instance = 0; instance < INSTANCES; instance++) {
      const own: NodeJS.ProcessEnv = { ...env, PORT: String(PORT + 2 * instance) };
      if (instance > 0) {
        // The others use the first instance's simulator: one Zendesk account, as in production.
        Object.assign(own, { ZENDESK_BASE_URL: `http://127.0.0.1:${PORT + 1}`, ZENDESK_EMAIL: "agent@sim.zendesk.test", ZENDESK_API_TOKEN: "sim-token" });
      }
      const profile = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [];
      servers.push(spawn(process.execPath, [...profile, "packages/server/dist/start.js"], { env: own, stdio: ["ignore", "ignore", "inherit"] }));
      for (let waited = 0; ; waited += 200) {
        if (waited > 60_000) throw new Error(`instance ${instance} did not get ready within 60 s`);
        const ready = await request("GET", "/readyz", undefined, undefined, instance).catch(() => ({ status: 0 }));
        if (ready.status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const rssBefore = await metric("parley_process_resident_memory_bytes");

    console.log(`Opening ${STREAMS} visitor streams…`);
    const opening = Date.now();
    const visitors = await inBatches(STREAMS, 50, async (i): Promise<Visitor> => {
      const ping = await request("POST", "/v1/apps/demo/ping", { visitor_id: `bench-visitor-${String(i).padStart(8, "0")}`, user: {} }, undefined, i % INSTANCES);
      if (ping.status !== 200) throw new Error(`ping answered ${ping.status}: ${ping.body}`);
      return { token: (JSON.parse(ping.body) as { session: { token: string } }).session.token };
    });
    let answered = 0;
    let lastAnswer = 0;
    await inBatches(STREAMS, 100, async (i) => {
      const visitor = visitors[i]!;
      streams.push(
        await openStream(visitor, i % INSTANCES, () => {
          if (visitor.sentAt !== undefined && visitor.answeredAt === undefined) {
            visitor.answeredAt = performance.now();
            lastAnswer = visitor.answeredAt;
            answered++;
          }
        }),
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 3000)); // let the server settle before measuring
    const held = await metric("parley_open_streams");
    const rssWithStreams = await metric("parley_process_resident_memory_bytes");
    console.log(`  ${held} held after ${((Date.now() - opening) / 1000).toFixed(1)} s`);

    console.log(`Sending ${MESSAGES} new conversations at ${RATE}/s with the streams open…`);
    const jobsBefore = await metric('parley_jobs_total{lane="zendesk",outcome="done"}');
    const cpuBefore = await metric("parley_process_cpu_seconds_total");
    const start = performance.now();
    let failedSends = 0;
    const sends: Promise<void>[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const visitor = visitors[i]!;
      visitor.sentAt = performance.now();
      sends.push(
        request("POST", "/v1/apps/demo/conversations", { client_id: `bench-${String(i).padStart(10, "0")}`, text: QUESTIONS[i % QUESTIONS.length] }, visitor.token, (i + 1) % INSTANCES).then(
          (response) => {
            if (response.status !== 201 && failedSends++ === 0) console.log(`  first refusal: ${response.status} ${response.body.slice(0, 200)}`);
          },
          (error: unknown) => {
            if (failedSends++ === 0) console.log(`  first failure: ${String(error)}`);
          },
        ),
      );
    }
    const sendSeconds = (performance.now() - start) / 1000;
    await Promise.all(sends);
    const deadline = performance.now() + ANSWER_DEADLINE_MS;
    while (answered < MESSAGES && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const latencies = visitors
      .slice(0, MESSAGES)
      .filter((visitor) => visitor.answeredAt !== undefined)
      .map((visitor) => visitor.answeredAt! - visitor.sentAt!)
      .sort((a, b) => a - b);
    const spanSeconds = ((lastAnswer || performance.now()) - start) / 1000;

    // Zendesk mirroring runs behind the answers; give it a moment, then count what the simulator took.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const jobsAfter = await metric('parley_jobs_total{lane="zendesk",outcome="done"}');
    const cpuAfter = await metric("parley_process_cpu_seconds_total");
    const rssEnd = await metric("parley_process_resident_memory_bytes");

    const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
    console.log(`
Parley bench — ${DATABASE === "postgres" ? "PostgreSQL" : "SQLite"}, ${INSTANCES === 1 ? "one instance" : `${INSTANCES} instances (streams on one, sends to another)`}, compiled JavaScript, Zendesk simulator in the first instance's process
machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}
streams held:            ${held} of ${STREAMS}
resident memory${INSTANCES > 1 ? " (sum)" : ""}:  ${mb(rssBefore)} before streams, ${mb(rssWithStreams)} with them (${((rssWithStreams - rssBefore) / 1024 / Math.max(1, held)).toFixed(1)} KB per stream), ${mb(rssEnd)} after the messages
messages:                ${MESSAGES} sent at ${(MESSAGES / sendSeconds).toFixed(0)}/s (target ${RATE}/s), ${failedSends} refused
AI answers on the stream: ${latencies.length} of ${MESSAGES} within ${ANSWER_DEADLINE_MS / 1000} s (${(latencies.length / spanSeconds).toFixed(0)}/s sustained)
message → answer:        p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms
Zendesk jobs done:       ${jobsAfter - jobsBefore} (${((jobsAfter - jobsBefore) / (spanSeconds + 5)).toFixed(0)}/s against the simulator)
server CPU:              ${(cpuAfter - cpuBefore).toFixed(1)} s from the first send until 5 s after the last answer, ${((1000 * (cpuAfter - cpuBefore)) / MESSAGES).toFixed(1)} ms per conversation (its answer, its Zendesk jobs done meanwhile, the simulator's side of them)
load average:            ${loadavg().map((load) => load.toFixed(1)).join(", ")} (1, 5, 15 min; on ${cpus().length} cores)`);
  } finally {
    for (const stream of streams) stream.destroy();
    agent.destroy();
    await Promise.all(
      servers.map((server) => {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        return exited;
      }),
    );
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
