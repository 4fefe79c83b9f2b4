import { afterEach, beforeEach, expect, test } from "vitest";
import { type OutboxHandler, OutboxWorker, PermanentError } from "../outbox/worker";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import type { Db } from "./db";
import { cancelTimers, claimTimer, getTimer, listTimers, retryTimer, scheduleTimer, TIMER_LANE, timerJobs } from "./timers";

// The admin side of durable timers: listing them, and running one again that failed. The worker
// fires them as the conversation service does (`claimTimer` in the transaction that applies them).

let database: TestDatabase;
let db: Db;
let worker: OutboxWorker | undefined;
beforeEach(async () => {
  ({ db, database } = await openFreshDatabase());
  now = new Date("2026-11-30T09:00:00.000Z");
  fired = [];
});
afterEach(async () => {
  await worker?.stop(0);
  worker = undefined;
  await db.destroy();
  await database.dispose();
});

let now = new Date("2026-11-30T09:00:00.000Z");
const clock = () => new Date(now);
const at = () => now.toISOString();
const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
let fired: string[] = [];

/** The timer lane; `failure` says whether (and how) the next firing fails. */
function timerLane(failure: () => Error | null, options: { failAfterFiring?: boolean } = {}): OutboxWorker {
  const handler: OutboxHandler = async (row) => {
    await db.transaction().execute(async (trx) => {
      const error = options.failAfterFiring ? null : failure();
      if (error) throw error;
      if (await claimTimer(trx, row.id, at())) fired.push(row.conversationId);
    });
    const late = options.failAfterFiring ? failure() : null;
    if (late) throw late;
  };
  worker = new OutboxWorker({ db, handlers: { [TIMER_LANE]: handler }, queues: { [TIMER_LANE]: timerJobs(db) }, clock, pollMs: 60_000, maxAttempts: 3, log: () => {} });
  return worker;
}

async function schedule(conversationId: string, dueAt = at()): Promise<number> {
  await scheduleTimer(db, { conversationId, kind: "clarify", workflowVersion: 0, since: at(), dueAt }, at());
  const [timer] = await listTimers(db, { status: "pending", limit: 1 });
  if (timer?.conversationId !== conversationId) throw new Error("the timer was not set");
  return timer.id;
}

test("a timer that failed every attempt is listed dead with its error; run again, it fires once and cannot be run again", async () => {
  let broken = true;
  const lane = timerLane(() => (broken ? new Error("database is locked") : null));
  const id = await schedule("conv_a");
  for (let attempt = 0; attempt < 3; attempt++) {
    await lane.idle();
    advance(3600); // past any backoff
  }
  const [dead] = await listTimers(db, { status: "dead", limit: 100 });
  expect(dead).toMatchObject({ id, conversationId: "conv_a", kind: "clarify", status: "dead", attempts: 3, lastError: "Error: database is locked", running: false, nextAttemptAt: null });
  expect(fired).toEqual([]);

  broken = false;
  expect(await retryTimer(db, id, at())).toMatchObject({ status: "pending", attempts: 0, lastError: "Error: database is locked" });
  await lane.idle();
  await lane.idle();
  expect(fired).toEqual(["conv_a"]);
  expect(await getTimer(db, id)).toMatchObject({ status: "fired", attempts: 1, lastError: null });

  expect(await retryTimer(db, id, at())).toBe("not_retryable");
  await lane.idle();
  expect(fired).toEqual(["conv_a"]);
  expect(await retryTimer(db, 999_999, at())).toBeUndefined();
});

test("a timer waiting out the backoff after a failure runs now when retried, keeping its attempts", async () => {
  let failures = 1;
  const lane = timerLane(() => (failures-- > 0 ? new Error("connection reset") : null));
  const id = await schedule("conv_a");
  await lane.idle();
  const waiting = await getTimer(db, id);
  expect(waiting).toMatchObject({ status: "pending", attempts: 1, running: false, lastError: "Error: connection reset" });
  expect(waiting?.nextAttemptAt! > at()).toBe(true);

  expect(await retryTimer(db, id, at())).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: null });
  await lane.idle(); // no time passed: it no longer waits for its backoff
  expect(fired).toEqual(["conv_a"]);
});

test("a timer not yet due, or cancelled, is not run again: firing it early would cut the customer's time short", async () => {
  const lane = timerLane(() => null);
  const early = await schedule("conv_early", "2026-11-30T09:03:00.000Z");
  const cancelled = await schedule("conv_cancelled", "2026-11-30T09:03:00.000Z");
  await cancelTimers(db, "conv_cancelled", "clarify", at());

  expect(await retryTimer(db, early, at())).toBe("not_retryable");
  expect(await retryTimer(db, cancelled, at())).toBe("not_retryable");
  await lane.idle();
  expect(fired).toEqual([]);
  expect(await getTimer(db, early)).toMatchObject({ status: "pending", dueAt: "2026-11-30T09:03:00.000Z" });
});

test("a timer that fired before its handler failed stays fired, so it can never be run again", async () => {
  const lane = timerLane(() => new PermanentError("publishing failed"), { failAfterFiring: true });
  const id = await schedule("conv_a");
  await lane.idle();
  expect(fired).toEqual(["conv_a"]);
  expect(await getTimer(db, id)).toMatchObject({ status: "fired" });
  expect(await listTimers(db, { status: "dead", limit: 100 })).toEqual([]);
  expect(await retryTimer(db, id, at())).toBe("not_retryable");
});

test("timers are listed newest first, by status, up to the limit", async () => {
  const first = await schedule("conv_a", "2026-11-30T09:03:00.000Z");
  const second = await schedule("conv_b", "2026-11-30T09:03:00.000Z");
  await cancelTimers(db, "conv_a", "clarify", at());
  const third = await schedule("conv_c", "2026-11-30T09:03:00.000Z");

  expect((await listTimers(db, { limit: 100 })).map((timer) => timer.id)).toEqual([third, second, first]);
  expect((await listTimers(db, { limit: 2 })).map((timer) => timer.id)).toEqual([third, second]);
  expect((await listTimers(db, { status: "cancelled", limit: 100 })).map((timer) => timer.conversationId)).toEqual(["conv_a"]);
  expect((await listTimers(db, { status: "pending", limit: 100 })).map((timer) => timer.conversationId)).toEqual(["conv_c", "conv_b"]);
});
