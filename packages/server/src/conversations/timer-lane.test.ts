import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { afterEach, beforeEach, expect, test } from "vitest";
import { type OutboxHandler, OutboxWorker, PermanentError } from "../outbox/worker";
import { type Db, openDatabase } from "../store/db";
import { MIGRATION_NAMES, MIGRATIONS, migrateToLatest } from "../store/migrations";
import type { OutboxRow } from "../store/outbox";
import type { Database } from "../store/schema";
import { cancelTimers, claimTimer, scheduleTimer, TIMER_LANE, timerDepth, timerJobs } from "../store/timers";
import { openFreshDatabase, TEST_POSTGRES_URL, type TestDatabase } from "../testing/database";

// The outbox worker's timer lane over a real timers table, with a fake clock and a stand-in for
// the conversation service: `fire` marks the timer fired in a transaction, as `fireTimer` does.
// The whole path through `step` is tested in workflow.test.ts and timer-lane.instances.test.ts.

let database: TestDatabase;
let db: Db;
const workers: OutboxWorker[] = [];
const extraDbs: Db[] = [];
beforeEach(async () => {
  ({ db, database } = await openFreshDatabase());
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop(0);
  for (const other of extraDbs.splice(0)) await other.destroy();
  await db.destroy();
  await database.dispose();
});

let now = new Date("2026-11-30T09:00:00.000Z");
const clock = () => new Date(now);
const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
beforeEach(() => {
  now = new Date("2026-11-30T09:00:00.000Z");
});

/** Timers fired, by conversation, in the order they fired (by any worker of the test). */
let fired: string[] = [];
beforeEach(() => {
  fired = [];
});

/** Fires a claimed timer the way the conversation service does: marked fired in the transaction that applies it. */
function firing(on: Db): OutboxHandler {
  return async (row: OutboxRow) =>
    on.transaction().execute(async (trx) => {
      if (await claimTimer(trx, row.id, clock().toISOString())) fired.push(row.conversationId);
    });
}

function outboxWithTimerLane(options: { handler?: OutboxHandler; on?: Db } & Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) {
  const on = options.on ?? db;
  const logs: string[] = [];
  const worker = new OutboxWorker({
    db: on,
    handlers: { [TIMER_LANE]: options.handler ?? firing(on) },
    queues: { [TIMER_LANE]: timerJobs(on) },
    clock,
    pollMs: 60_000, // the tests ask it to look (idle); the poll must not do it behind their back
    log: (line) => logs.push(line),
    ...options,
  });
  workers.push(worker);
  return Object.assign(worker, { logs });
}

/**
 * The database as a second process opens it. SQLite serves one process: two connections in this
 * one thread would block each other's transactions, so there the second worker shares the first's.
 */
async function secondConnection(): Promise<Db> {
  if (TEST_POSTGRES_URL === null) return db;
  const other = await openDatabase(database.location);
  extraDbs.push(other);
  return other;
}

const schedule = (conversationId: string, dueAt: string) =>
  scheduleTimer(db, { conversationId, kind: "clarify", workflowVersion: 0, since: now.toISOString(), dueAt }, now.toISOString());
const timerOf = (conversationId: string) => db.selectFrom("timers").selectAll().where("conversation_id", "=", conversationId).orderBy("id", "desc").executeTakeFirstOrThrow();

test("a timer fires when it is due, not before, and never twice", async () => {
  const worker = outboxWithTimerLane();
  await schedule("conv_a", "2026-11-30T09:03:00.000Z");
  advance(179);
  await worker.idle();
  expect(fired).toEqual([]);
  advance(1);
  await worker.idle();
  expect(fired).toEqual(["conv_a"]);
  expect(await timerOf("conv_a")).toMatchObject({ status: "fired", attempts: 1, lease_owner: null, last_error: null });
  advance(600);
  await worker.idle();
  expect(fired).toEqual(["conv_a"]);
});

test("timers fire earliest first", async () => {
  const worker = outboxWithTimerLane({ concurrency: { [TIMER_LANE]: 1 } });
  await schedule("conv_late", "2026-11-30T09:05:00.000Z");
  await schedule("conv_early", "2026-11-30T09:01:00.000Z");
  advance(3600);
  await worker.idle();
  expect(fired).toEqual(["conv_early", "conv_late"]);
});

test("a cancelled timer never fires; setting a timer again replaces the pending one", async () => {
  const worker = outboxWithTimerLane();
  await schedule("conv_a", "2026-11-30T09:03:00.000Z");
  await cancelTimers(db, "conv_a", "clarify", "2026-11-30T09:01:00.000Z");
  await schedule("conv_b", "2026-11-30T09:03:00.000Z");
  await schedule("conv_b", "2026-11-30T09:10:00.000Z");
  advance(300);
  await worker.idle();
  expect(fired).toEqual([]);
  advance(600);
  await worker.idle();
  expect(fired).toEqual(["conv_b"]);
  expect((await timerOf("conv_b")).due_at).toBe("2026-11-30T09:10:00.000Z");
});

test("two workers on one database: each due timer is fired by exactly one", async () => {
  const secondDb = await secondConnection();
  const a = outboxWithTimerLane({ concurrency: { [TIMER_LANE]: 2 } });
  const b = outboxWithTimerLane({ concurrency: { [TIMER_LANE]: 2 }, on: secondDb });
  for (let i = 0; i < 12; i++) await schedule(`conv_${i}`, "2026-11-30T09:01:00.000Z");
  advance(120);
  await Promise.all([a.idle(), b.idle()]);
  expect(fired).toHaveLength(12);
  expect(new Set(fired).size).toBe(12);
});

test("a timer whose firing fails keeps its error, waits out a backoff, then fires", async () => {
  let attempts = 0;
  const fire = firing(db);
  const worker = outboxWithTimerLane({
    handler: async (row) => {
      if (++attempts === 1) throw new Error("database busy");
      await fire(row, []);
    },
  });
  await schedule("conv_a", "2026-11-30T09:00:00.000Z");
  await worker.idle();
  const failed = await timerOf("conv_a");
  expect(failed).toMatchObject({ status: "pending", attempts: 1, lease_owner: null, last_error: "Error: database busy" });
  expect(failed.lease_expires_at! > now.toISOString()).toBe(true);
  expect(worker.logs.at(-1)).toContain("timers job");
  expect(fired).toEqual([]);

  advance(600); // past any backoff
  await worker.idle();
  expect(fired).toEqual(["conv_a"]);
  expect(await timerOf("conv_a")).toMatchObject({ status: "fired", attempts: 2, last_error: null });
});

test("a timer that cannot be fired is kept dead with its error; the lane's figures for /metrics count it and the timers waiting to fire", async () => {
  const outcomes: string[] = [];
  const worker = outboxWithTimerLane({
    handler: async () => {
      throw new PermanentError("conversation state unreadable");
    },
    onOutcome: (row, outcome) => outcomes.push(`${row.lane} ${outcome}`),
  });
  await schedule("conv_a", "2026-11-30T09:01:00.000Z");
  await schedule("conv_b", "2026-11-30T09:02:00.000Z");
  await schedule("conv_c", "2026-11-30T09:30:00.000Z");
  advance(180);
  expect(await timerDepth(db, now)).toEqual({ lane: TIMER_LANE, pending: 2, oldestPendingAt: "2026-11-30T09:01:00.000Z", dead: 0 });

  await worker.idle();
  expect(await timerOf("conv_a")).toMatchObject({ status: "dead", last_error: "Error: conversation state unreadable", lease_owner: null });
  expect(outcomes).toEqual(["timers dead", "timers dead"]);
  expect(await timerDepth(db, now)).toEqual({ lane: TIMER_LANE, pending: 0, oldestPendingAt: null, dead: 2 });
});

test("a timer whose process stopped answering is fired by another once its lease expires, and once", async () => {
  let hung = false;
  const stuck = outboxWithTimerLane({
    handler: () => {
      hung = true;
      return new Promise<void>(() => {}); // a process frozen mid-firing
    },
    leaseMs: 60_000,
    renewEveryMs: 3_600_000,
  });
  await schedule("conv_a", "2026-11-30T09:00:00.000Z");
  stuck.start();
  await expect.poll(() => hung).toBe(true);

  const secondDb = await secondConnection();
  const rescuer = outboxWithTimerLane({ on: secondDb, leaseMs: 60_000 });
  await rescuer.idle();
  expect(fired).toEqual([]); // still leased to the frozen process
  advance(61);
  await rescuer.idle();
  expect(fired).toEqual(["conv_a"]);
  expect(await timerOf("conv_a")).toMatchObject({ status: "fired", attempts: 2 });
});

test("stopping gives back a timer still firing, so another process fires it at once", async () => {
  let started = false;
  const slow = outboxWithTimerLane({
    handler: () => {
      started = true;
      return new Promise<void>(() => {});
    },
  });
  await schedule("conv_a", "2026-11-30T09:00:00.000Z");
  slow.start();
  await expect.poll(() => started).toBe(true);
  await slow.stop(20);
  expect(await timerOf("conv_a")).toMatchObject({ status: "pending", lease_owner: null, attempts: 0 });

  const next = outboxWithTimerLane();
  await next.idle();
  expect(fired).toEqual(["conv_a"]);
});

test("a timer set for sooner than the next poll wakes the worker in time", async () => {
  // A real clock here: the wake-up is a real wait.
  const worker = outboxWithTimerLane({ clock: () => new Date() });
  worker.start();
  const dueAt = new Date(Date.now() + 50).toISOString();
  await scheduleTimer(db, { conversationId: "conv_a", kind: "clarify", workflowVersion: 0, since: dueAt, dueAt }, new Date().toISOString());
  worker.wakeAt(dueAt);
  await expect.poll(() => fired, { timeout: 2000 }).toEqual(["conv_a"]);
});

test("a commit that queued jobs does not make the worker look for timers: they come due by time alone", async () => {
  let claims = 0;
  const queue = timerJobs(db);
  const worker = outboxWithTimerLane({ queues: { [TIMER_LANE]: { ...queue, claimDue: (claim) => (claims++, queue.claimDue(claim)) } } });
  worker.kick();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(claims).toBe(0);
  await worker.idle();
  expect(claims).toBe(0); // nothing due: idle only asked
  await schedule("conv_a", "2026-11-30T09:00:00.000Z");
  await worker.idle();
  expect(claims).toBeGreaterThan(0);
  expect(fired).toEqual(["conv_a"]);
});

test("a timer set before the upgrade that brought timers into the outbox worker still fires after it", async () => {
  const old = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(":memory:") }) });
  try {
    const before = MIGRATION_NAMES[MIGRATION_NAMES.indexOf("011_timers_leases") - 1];
    if (!before) throw new Error("no migration before 011_timers_leases");
    await new Migrator({ db: old, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo(before);
    // As the table was then: no lease, attempts or error columns.
    const untyped = old as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const at = "2026-11-30T09:00:00.000Z";
    await untyped
      .insertInto("timers")
      .values({ conversation_id: "conv_old", kind: "clarify", workflow_version: 0, since: at, due_at: "2026-11-30T09:03:00.000Z", status: "pending", created_at: at, updated_at: at })
      .execute();
    await migrateToLatest(old);

    advance(181);
    const worker = outboxWithTimerLane({ on: old });
    await worker.idle();
    expect(fired).toEqual(["conv_old"]);
  } finally {
    for (const worker of workers.splice(0)) await worker.stop(0);
    await old.destroy();
  }
});
