import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PingResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { freshDatabase, type TestDatabase } from "./testing/database";
import { KNOWLEDGE_DIR } from "./testing/parley";
import { MAX_STREAMS_PER_CONTACT } from "./realtime/open-streams";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const STREAMS = 50;

let child: ChildProcess | undefined;
let dataDir: string | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await database?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The real server in its own process, as `npm start` runs it; resolves with its address once it listens. */
async function startServer(): Promise<string> {
  dataDir = mkdtempSync(join(tmpdir(), "parley-shutdown-"));
  database = await freshDatabase(dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", DATA_DIR: dataDir, PARLEY_KNOWLEDGE_DIR: KNOWLEDGE_DIR, PARLEY_APP_ID: "demo" };
  for (const name of ["ZENDESK_BASE_URL", "ZENDESK_SUBDOMAIN", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN", "DATABASE_URL"]) delete env[name];
  if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  const started = spawn(process.execPath, ["--import", "tsx", MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
  child = started;
  return new Promise((resolve, reject) => {
    let output = "";
    started.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Parley is running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    started.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.once("exit", (code) => reject(new Error(`the server exited (${code}) before it listened:\n${output}`)));
  });
}

test("on SIGTERM with streams open, each stream is told when to reconnect and closed, and the process exits within 10 s", async () => {
  const url = await startServer();
  // Several visitors: one contact may hold only so many streams (MAX_STREAMS_PER_CONTACT).
  const pings = await Promise.all(
    Array.from({ length: Math.ceil(STREAMS / MAX_STREAMS_PER_CONTACT) }, async (_, visitor) =>
      (await (
        await fetch(`${url}/v1/apps/demo/ping`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ visitor_id: `visitor-000000${visitor}`, user: {} }),
        })
      ).json()) as PingResponse,
    ),
  );

  const streams = await Promise.all(
    Array.from({ length: STREAMS }, async (_, i) => {
      const response = await fetch(`${url}/v1/apps/demo/stream?token=${pings[i % pings.length]!.session.token}`);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const first = await reader.read(); // the stream is open once its first heartbeat arrives
      return { reader, text: first.value ?? "" };
    }),
  );
  const ended = streams.map(async (stream) => {
    for (;;) {
      const chunk = await stream.reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return stream.text;
      stream.text += chunk.value;
    }
  });

  const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
  const signalled = Date.now();
  child!.kill("SIGTERM");
  const code = await exited;
  const took = Date.now() - signalled;

  expect(code).toBe(0);
  expect(took).toBeLessThan(10_000);
  const texts = await Promise.all(ended);
  for (const text of texts) {
    // The last thing each stream says is when to come back.
    const hint = /retry: (\d+)\n\n$/.exec(text);
    expect(hint, text).not.toBeNull();
    expect(Number(hint?.[1])).toBeGreaterThanOrEqual(1000);
    expect(Number(hint?.[1])).toBeLessThanOrEqual(3000);
  }
}, 60_000);
