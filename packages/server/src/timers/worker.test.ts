import { afterEach, expect, test } from "vitest";
import { openDatabase } from "../store/db";
import type { Db } from "../store/db";
import { cancelTimers, type DueTimer, scheduleTimer } from "../store/timers";
import { tableClaims } from "./claims";
import { TimerWorker } from "./worker";

let db: Db;
afterEach(async () => {
  await db.destroy();
});

/** A worker over a real (in-memory) timers table, a fake clock, and a `fire` that claims and records. */
async function setUp() {
  db = await openDatabase({ memory: true });
  let now = new Date("2026-11-30T09:00:00.000Z");
  const clock = () => new Date(now);
  const fired: DueTimer[] = [];
  const claims = tableClaims(db);
  const worker = new TimerWorker({
    claims,
    clock,
    fire: async (timer, claim) => db.transaction().execute(async (trx) => {
      if (!(await claim(trx, timer.id, clock().toISOString()))) return false;
      fired.push(timer);
      return true;
    }),
    log: () => {},
  });
  const schedule = (conversationId: string, dueAt: string) =>
    scheduleTimer(db, { conversationId, kind: "clarify", workflowVersion: 0, since: now.toISOString(), dueAt }, now.toISOString());
  return { worker, fired, schedule, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

test("a timer fires when it is due, not before, and never twice", async () => {
  const { worker, fired, schedule, advance } = await setUp();
  await schedule("conv_a", "2026-11-30T09:03:00.000Z");
  advance(179);
  expect(await worker.runDue()).toBe(0);
  advance(1);
  expect(await worker.runDue()).toBe(1);
  expect(fired.map((timer) => timer.conversationId)).toEqual(["conv_a"]);
  advance(600);
  expect(await worker.runDue()).toBe(0);
});

test("timers fire earliest first", async () => {
  const { worker, fired, schedule, advance } = await setUp();
  await schedule("conv_late", "2026-11-30T09:05:00.000Z");
  await schedule("conv_early", "2026-11-30T09:01:00.000Z");
  advance(3600);
  expect(await worker.runDue()).toBe(2);
  expect(fired.map((timer) => timer.conversationId)).toEqual(["conv_early", "conv_late"]);
});

test("a cancelled timer never fires; setting a timer again replaces the pending one", async () => {
  const { worker, fired, schedule, advance } = await setUp();
  await schedule("conv_a", "2026-11-30T09:03:00.000Z");
  await cancelTimers(db, "conv_a", "clarify", "2026-11-30T09:01:00.000Z");
  await schedule("conv_b", "2026-11-30T09:03:00.000Z");
  await schedule("conv_b", "2026-11-30T09:10:00.000Z");
  advance(300);
  expect(await worker.runDue()).toBe(0);
  advance(600);
  expect(await worker.runDue()).toBe(1);
  expect(fired.map((timer) => timer.dueAt)).toEqual(["2026-11-30T09:10:00.000Z"]);
});

test("two workers on one table: each due timer is fired by exactly one", async () => {
  const { worker, fired, schedule, advance } = await setUp();
  const claims = tableClaims(db);
  const other = new TimerWorker({
    claims,
    clock: () => new Date("2026-12-01T00:00:00.000Z"),
    fire: async (timer) => db.transaction().execute(async (trx) => {
      if (!(await claims.claim(trx, timer.id, "2026-12-01T00:00:00.000Z"))) return false;
      fired.push(timer);
      return true;
    }),
  });
  for (const id of ["a", "b", "c", "d"]) await schedule(`conv_${id}`, "2026-11-30T09:01:00.000Z");
  advance(120);
  const counts = await Promise.all([worker.runDue(), other.runDue()]);
  expect(counts[0] + counts[1]).toBe(4);
  expect(new Set(fired.map((timer) => timer.id)).size).toBe(4);
  expect(fired).toHaveLength(4);
});

test("a timer whose firing fails stays pending and fires on the next look", async () => {
  db = await openDatabase({ memory: true });
  const claims = tableClaims(db);
  let attempts = 0;
  const worker = new TimerWorker({
    claims,
    clock: () => new Date("2026-11-30T10:00:00.000Z"),
    fire: async (timer) => {
      attempts++;
      if (attempts === 1) throw new Error("database busy");
      return db.transaction().execute((trx) => claims.claim(trx, timer.id, "2026-11-30T10:00:00.000Z"));
    },
    log: () => {},
  });
  await scheduleTimer(db, { conversationId: "conv_a", kind: "clarify", workflowVersion: 0, since: "x", dueAt: "2026-11-30T09:00:00.000Z" }, "2026-11-30T09:00:00.000Z");
  expect(await worker.runDue()).toBe(0);
  expect(await worker.runDue()).toBe(1);
});
