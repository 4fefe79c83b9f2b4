import { Writable } from "node:stream";
import type { PingResponse } from "@parley/protocol";
import { sql } from "kysely";
import { pino } from "pino";
import { afterEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../../testing/parley";
import { acmeSupportEnv } from "../../zendesk/test-support";

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A pino logger whose JSON lines the test can read. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "info" }, sink), lines };
}

async function ask(parley: TestParley, question: string) {
  const ping = (await (await parley.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }))).json()) as PingResponse;
  await parley.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-0000000001", text: question }, { Authorization: `Bearer ${ping.session.token}` }));
  await parley.parley.outbox.idle();
}

/** The value of one sample line of Prometheus text, e.g. `parley_messages_total{author="ai"}`. */
function sample(text: string, name: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

test("/readyz is ready with the database up and migrated, and not ready once the database is gone", async () => {
  server = await testParley();
  const ready = await server.request("/readyz");
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready", checks: { database: true, migrations: true, accepting: true } });

  await server.parley.db.destroy();
  const gone = await server.request("/readyz");
  expect(gone.status).toBe(503);
  expect(await gone.json()).toMatchObject({ status: "not_ready", checks: { database: false } });
});

test("/readyz is not ready while a migration has not run (an older server's schema)", async () => {
  server = await testParley();
  // As if the newest migration had not run on this database yet.
  await sql`delete from kysely_migration where name = (select max(name) from kysely_migration)`.execute(server.parley.db);
  const behind = await server.request("/readyz");
  expect(behind.status).toBe(503);
  expect(await behind.json()).toEqual({ status: "not_ready", checks: { database: true, migrations: false, accepting: true } });
});

test("/metrics counts messages, times answers, and reports the queue and Zendesk's failures by status", async () => {
  const failingZendesk = async () => Response.json({ error: "RecordInvalid", description: "invalid" }, { status: 422 });
  server = await testParley(acmeSupportEnv("http://localhost:1"), { fetch: failingZendesk });
  await ask(server, "How do I reset my password?");

  const response = await server.request("/metrics");
  expect(response.headers.get("content-type")).toContain("text/plain");
  const text = await response.text();
  expect(sample(text, 'parley_messages_total{author="customer"}')).toBe(1);
  expect(sample(text, 'parley_messages_total{author="ai"}')).toBe(1);
  expect(sample(text, "parley_answer_seconds_count")).toBe(1);
  expect(sample(text, 'parley_jobs_total{lane="ai",outcome="done"}')).toBe(1);
  expect(sample(text, 'parley_jobs_dead{lane="zendesk"}')).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'parley_zendesk_errors_total{status="422"}')).toBeGreaterThanOrEqual(1);
  expect(sample(text, "parley_open_streams")).toBe(0);
  expect(text).toContain("parley_process_resident_memory_bytes");
});

test("/metrics reports open streams, each lane's waiting jobs and its oldest one's age, and Zendesk's call latency by status", async () => {
  let now = new Date("2026-11-30T09:00:00.000Z");
  const unavailable = async () => Response.json({ error: "unavailable" }, { status: 503 });
  server = await testParley(acmeSupportEnv("http://localhost:1"), { fetch: unavailable, clock: () => new Date(now) });
  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000002", user: {} }))).json()) as PingResponse;
  const stream = await server.request(`/v1/apps/${APP_ID}/stream`, { headers: { Authorization: `Bearer ${ping.session.token}` } });
  const reader = stream.body!.getReader();
  await reader.read(); // open once its first heartbeat arrives
  await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-0000000002", text: "How do I reset my password?" }, { Authorization: `Bearer ${ping.session.token}` }));
  await server.parley.outbox.idle();
  // Zendesk is down: its jobs wait for their next attempt while the AI's are done.
  now = new Date(now.getTime() + 90_000);

  const text = await (await server.request("/metrics")).text();
  expect(sample(text, "parley_open_streams")).toBe(1);
  expect(sample(text, 'parley_jobs_pending{lane="zendesk"}')).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'parley_jobs_oldest_pending_seconds{lane="zendesk"}')).toBeGreaterThanOrEqual(90);
  expect(sample(text, 'parley_jobs_pending{lane="ai"}')).toBeUndefined();
  expect(sample(text, 'parley_zendesk_errors_total{status="503"}')).toBeGreaterThanOrEqual(1);
  expect(text).toMatch(/^parley_zendesk_request_seconds_count\{method="[A-Z]+",status="503"\} [1-9]/m);
  await reader.cancel();
});

test("each request is logged as one JSON line with its request id, which the response carries", async () => {
  const { logger, lines } = capturedLogger();
  server = await testParley({}, { logger });
  const mine = await server.request("/healthz", { headers: { "X-Request-Id": "req-from-the-proxy" } });
  const theirs = await server.request("/healthz");

  expect(mine.headers.get("x-request-id")).toBe("req-from-the-proxy");
  const generated = theirs.headers.get("x-request-id");
  expect(generated).toMatch(/^[\w-]{8,}$/);
  const requests = lines.filter((line) => line.msg === "request");
  expect(requests).toEqual([
    expect.objectContaining({ request_id: "req-from-the-proxy", method: "GET", path: "/healthz", status: 200, level: 30 }),
    expect.objectContaining({ request_id: generated, method: "GET", path: "/healthz", status: 200 }),
  ]);
});
