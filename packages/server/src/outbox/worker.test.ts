import { sql } from "kysely";
import { afterEach, beforeEach, expect, test } from "vitest";
import { type Db, openDatabase } from "../store/db";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import { enqueue, type OutboxRow } from "../store/outbox";
import { type OutboxHandler, OutboxWorker, PermanentError, type RunsTogether } from "./worker";

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

const T0 = new Date("2026-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

function worker(options: { handlers: Record<string, OutboxHandler>; clock?: () => Date; db?: Db } & Partial<ConstructorParameters<typeof OutboxWorker>[0]>) {
  const logs: string[] = [];
  const made = new OutboxWorker({ db, clock: () => new Date(), pollMs: 20, log: (line) => logs.push(line), ...options });
  workers.push(made);
  return Object.assign(made, { logs });
}

async function statusOf(id: number) {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

test("jobs waiting for a retry, however many, never hold back another conversation's due job", async () => {
  const now = new Date();
  for (let i = 0; i < 300; i++) await enqueue(db, `conv-waiting-${i}`, "zendesk", { n: i }, now.toISOString());
  await db.updateTable("outbox").set({ next_attempt_at: new Date(now.getTime() + 3_600_000).toISOString() }).execute();
  await enqueue(db, "conv-due", "zendesk", { n: "due" }, now.toISOString());

  const ran: unknown[] = [];
  const w = worker({ handlers: { zendesk: async (row) => void ran.push(row.effect) } });
  w.start();
  await w.idle();

  expect(ran).toEqual([{ n: "due" }]);
});

test("a conversation's jobs in one lane run one at a time, in the order they were queued", async () => {
  const now = new Date().toISOString();
  for (const n of [1, 2, 3]) await enqueue(db, "conv-1", "zendesk", { n }, now);
  const events: string[] = [];
  const w = worker({
    handlers: {
      zendesk: async (row) => {
        const { n } = row.effect as { n: number };
        events.push(`start ${n}`);
        await new Promise((resolve) => setTimeout(resolve, 15));
        events.push(`end ${n}`);
      },
    },
  });
  w.start();
  await w.idle();
  expect(events).toEqual(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
});

test("two processes on one database share the jobs and never run one twice", async () => {
  const now = new Date().toISOString();
  for (let i = 0; i < 200; i++) await enqueue(db, `conv-${i % 40}`, "ai", { n: i }, now);
  const runs = new Map<number, number>();
  const handler: OutboxHandler = async (row: OutboxRow) => {
    runs.set(row.id, (runs.get(row.id) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, 1));
  };
  const secondDb = await openDatabase(database.location);
  extraDbs.push(secondDb);
  const a = worker({ handlers: { ai: handler }, concurrency: { ai: 4 } });
  const b = worker({ handlers: { ai: handler }, concurrency: { ai: 4 }, db: secondDb });
  a.start();
  b.start();
  await Promise.all([a.idle(), b.idle()]);
  await Promise.all([a.idle(), b.idle()]);

  expect(runs.size).toBe(200);
  expect([...runs.values()].every((count) => count === 1)).toBe(true);
  const pending = await db.selectFrom("outbox").select("id").where("status", "!=", "done").execute();
  expect(pending).toEqual([]);
});

test("a job whose process stopped answering is taken up by another once its lease expires, and finished once", async () => {
  await enqueue(db, "conv-1", "zendesk", { n: 1 }, new Date().toISOString());
  let hung = false;
  const stuck = worker({
    handlers: {
      zendesk: () => {
        hung = true;
        return new Promise<void>(() => {}); // never settles, like a process frozen mid-call
      },
    },
    leaseMs: 80,
    // frozen: it never looks again, nor renews its lease
    pollMs: 60_000,
    renewEveryMs: 60_000,
  });
  stuck.start();
  await expect.poll(() => hung).toBe(true);

  const ranBy: string[] = [];
  const rescuer = worker({ handlers: { zendesk: async () => void ranBy.push("rescuer") }, leaseMs: 80 });
  rescuer.start();
  await expect.poll(async () => (await statusOf(1)).status, { timeout: 2000 }).toBe("done");
  expect(ranBy).toEqual(["rescuer"]);
  expect((await statusOf(1)).attempts).toBe(2);
});

test("a job that runs longer than its lease keeps it while it runs: another process never performs it a second time", { timeout: 10_000 }, async () => {
  await enqueue(db, "conv-1", "zendesk", { n: 1 }, new Date().toISOString());
  const runs: string[] = [];
  const slowCall = (who: string) => async () => {
    runs.push(who);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // a Zendesk call far slower than the lease
  };
  const secondDb = await openDatabase(database.location);
  extraDbs.push(secondDb);
  // Renewed often, so a busy machine's late timers do not let the lease lapse between renewals.
  const first = worker({ handlers: { zendesk: slowCall("first") }, leaseMs: 600, renewEveryMs: 100 });
  first.start();
  await expect.poll(() => runs).toEqual(["first"]);
  const other = worker({ handlers: { zendesk: slowCall("other") }, leaseMs: 600, db: secondDb });
  other.start();

  await expect.poll(async () => (await statusOf(1)).status, { timeout: 5000 }).toBe("done");
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(runs).toEqual(["first"]);
  expect(await statusOf(1)).toMatchObject({ attempts: 1, lease_owner: null });
});

// Generous waits: on a busy machine (two cores running both suites) a poll can come late; the
// assertions are about who runs the job and that it was not taken at the first lease's end.
test("a job hung past its longest run stops being renewed, and another process runs it", { timeout: 30_000 }, async () => {
  await enqueue(db, "conv-1", "zendesk", { n: 1 }, new Date().toISOString());
  let hung = false;
  const stuck = worker({
    handlers: {
      zendesk: () => {
        hung = true;
        return new Promise<void>(() => {}); // a call that never answers, in a process that is otherwise well
      },
    },
    leaseMs: 300,
    renewEveryMs: 50,
    maxRunMs: 800,
    // It looks for work far more often than the rescuer: it must not keep the hung job by claiming it again.
    pollMs: 5,
  });
  stuck.start();
  await expect.poll(() => hung).toBe(true);
  const startedAt = Date.now();

  const ranBy: string[] = [];
  const rescuer = worker({ handlers: { zendesk: async () => void ranBy.push("rescuer") }, pollMs: 100 });
  rescuer.start();
  await expect.poll(async () => (await statusOf(1)).status, { timeout: 20_000 }).toBe("done");
  expect(ranBy).toEqual(["rescuer"]);
  // Renewed until its longest run was up (not taken at the first lease's end), then let go.
  expect(Date.now() - startedAt).toBeGreaterThanOrEqual(600);
});

test("a failing job keeps its error and its next attempt on the row, and is dead-lettered after the last attempt", async () => {
  let now = T0;
  await enqueue(db, "conv-1", "zendesk", { n: 1 }, now.toISOString());
  const w = worker({
    handlers: {
      zendesk: async () => {
        throw new Error("Zendesk answered 500");
      },
    },
    clock: () => now,
    maxAttempts: 3,
  });
  w.start();
  await w.idle();

  const first = await statusOf(1);
  expect(first).toMatchObject({ status: "pending", attempts: 1, last_error: "Error: Zendesk answered 500", lease_owner: null });
  expect(first.next_attempt_at > now.toISOString()).toBe(true);

  for (const step of [1, 2]) {
    now = new Date(T0.getTime() + step * 600_000); // past any backoff
    w.kick();
    await w.idle();
  }
  expect(await statusOf(1)).toMatchObject({ status: "dead", attempts: 3, last_error: "Error: Zendesk answered 500" });
  expect(w.logs.at(-1)).toContain("failed for good after 3 attempt(s)");
});

test("a commit's kick asks only the lanes it queued jobs in; a kick naming none asks them all", async () => {
  await enqueue(db, "conv-1", "ai", { n: "answer" }, at(0));
  await enqueue(db, "conv-1", "zendesk", { n: "mirror" }, at(0));
  const ran: string[] = [];
  let answered!: () => void;
  const answeredOnce = new Promise<void>((resolve) => (answered = resolve));
  // Not started: no poll, only kicks claim.
  const w = worker({
    handlers: {
      ai: async () => {
        ran.push("ai");
        answered();
      },
      zendesk: async () => void ran.push("zendesk"),
    },
  });

  w.kick(new Set(["ai"]));
  await answeredOnce;
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(ran).toEqual(["ai"]);

  w.kick();
  await w.idle();
  expect(ran).toEqual(["ai", "zendesk"]);
});

test("an error that trying again cannot fix dead-letters the job at once", async () => {
  await enqueue(db, "conv-1", "zendesk", { n: 1 }, at(0));
  const w = worker({
    handlers: {
      zendesk: async () => {
        throw new PermanentError("the ticket was deleted");
      },
    },
  });
  w.start();
  await w.idle();
  expect(await statusOf(1)).toMatchObject({ status: "dead", attempts: 1, last_error: "Error: the ticket was deleted" });
});

test("a database failure is logged and the worker carries on once the database is back", async () => {
  const ran: unknown[] = [];
  const w = worker({ handlers: { ai: async (row) => void ran.push(row.effect) } });
  await sql`alter table outbox rename to outbox_away`.execute(db);
  w.start();
  await expect.poll(() => w.logs.some((line) => line.includes("could not claim ai jobs"))).toBe(true);

  await sql`alter table outbox_away rename to outbox`.execute(db);
  await enqueue(db, "conv-1", "ai", { n: 1 }, new Date().toISOString());
  await expect.poll(() => ran).toEqual([{ n: 1 }]);
});

test("stopping gives back a job still running, so another process runs it at once", async () => {
  await enqueue(db, "conv-1", "zendesk", { n: 1 }, new Date().toISOString());
  let started = false;
  const slow = worker({
    handlers: {
      zendesk: () => {
        started = true;
        return new Promise<void>(() => {});
      },
    },
  });
  slow.start();
  await expect.poll(() => started).toBe(true);
  await slow.stop(20);

  expect(await statusOf(1)).toMatchObject({ status: "pending", lease_owner: null, attempts: 0 });
  const ran: unknown[] = [];
  const next = worker({ handlers: { zendesk: async (row) => void ran.push(row.effect) } });
  next.start();
  await next.idle();
  expect(ran).toEqual([{ n: 1 }]);
});

// Runs together: jobs queued right behind a claimed one that its lane accepts (e.g. several tag
// changes of one Zendesk ticket, made as one call).
const joinable: RunsTogether = (_run, next) => (next.effect as { join?: boolean }).join === true;

test("due jobs queued right behind a claimed one run with it, up to the first one its lane does not accept, and finish together", async () => {
  const now = at(0);
  await enqueue(db, "conv-1", "zendesk", { n: 1 }, now);
  await enqueue(db, "conv-2", "zendesk", { n: "other", join: true }, now); // another conversation's: never swept in
  await enqueue(db, "conv-1", "zendesk", { n: 2, join: true }, now);
  await enqueue(db, "conv-1", "zendesk", { n: 3, join: true }, now);
  await enqueue(db, "conv-1", "zendesk", { n: 4 }, now); // not accepted: ends the run
  await enqueue(db, "conv-1", "zendesk", { n: 5, join: true }, now);
  const runs: unknown[][] = [];
  const outcomes: string[] = [];
  const w = worker({
    handlers: { zendesk: async (row, along) => void runs.push([row.effect, ...along.map((job) => job.effect)].map((effect) => (effect as { n: unknown }).n)) },
    runTogether: { zendesk: joinable },
    concurrency: { zendesk: 1 },
    clock: () => new Date(T0.getTime() + 1000),
    onOutcome: (row, outcome) => outcomes.push(`${row.id} ${outcome}`),
  });
  w.start();
  await w.idle();

  expect(runs).toEqual([[1, 2, 3], ["other"], [4, 5]]);
  expect(outcomes.sort()).toEqual(["1 done", "2 done", "3 done", "4 done", "5 done", "6 done"]);
  const rows = await db.selectFrom("outbox").select(["status", "attempts", "lease_owner"]).orderBy("id").execute();
  expect(rows.every((row) => row.status === "done" && Number(row.attempts) === 1 && row.lease_owner === null)).toBe(true);
});

test("a job waiting for its retry ends the run: nothing behind it is taken out of order", async () => {
  const now = at(0);
  for (const n of [1, 2, 3, 4]) await enqueue(db, "conv-1", "zendesk", { n, join: true }, now);
  // Job 3 waits for a later attempt.
  await db.updateTable("outbox").set({ next_attempt_at: at(3_600_000) }).where("id", "=", 3).execute();
  const runs: number[][] = [];
  const w = worker({
    handlers: { zendesk: async (row, along) => void runs.push([row.id, ...along.map((job) => job.id)]) },
    runTogether: { zendesk: joinable },
    clock: () => new Date(T0.getTime() + 1000),
  });
  w.start();
  await w.idle();

  // 1 and 2 together; 3 is not due, and 4 waits behind it (its conversation's jobs run in order).
  expect(runs).toEqual([[1, 2]]);
  expect((await statusOf(3)).status).toBe("pending");
  expect((await statusOf(4)).status).toBe("pending");
});

test("jobs run together fail together: retried together, then dead-lettered together, each counting its attempts", async () => {
  let now = T0;
  for (const n of [1, 2, 3]) await enqueue(db, "conv-1", "zendesk", { n, join: true }, now.toISOString());
  const runs: number[][] = [];
  const w = worker({
    handlers: {
      zendesk: async (row, along) => {
        runs.push([row.id, ...along.map((job) => job.id)]);
        throw new Error("Zendesk answered 500");
      },
    },
    runTogether: { zendesk: joinable },
    clock: () => now,
    maxAttempts: 2,
  });
  w.start();
  await w.idle();
  const waiting = await db.selectFrom("outbox").select(["status", "attempts", "next_attempt_at", "last_error"]).orderBy("id").execute();
  expect(waiting.map((row) => [row.status, Number(row.attempts)])).toEqual([
    ["pending", 1],
    ["pending", 1],
    ["pending", 1],
  ]);
  expect(new Set(waiting.map((row) => row.next_attempt_at)).size).toBe(1);

  now = new Date(T0.getTime() + 600_000); // past the backoff
  w.kick();
  await w.idle();
  expect(runs).toEqual([
    [1, 2, 3],
    [1, 2, 3],
  ]);
  const dead = await db.selectFrom("outbox").select(["status", "attempts", "last_error"]).orderBy("id").execute();
  expect(dead).toEqual(Array.from({ length: 3 }, () => ({ status: "dead", attempts: 2, last_error: "Error: Zendesk answered 500" })));
});

test("stopping gives back the jobs running together too, and another process runs them at once", async () => {
  for (const n of [1, 2]) await enqueue(db, "conv-1", "zendesk", { n, join: true }, new Date().toISOString());
  let started = false;
  const slow = worker({
    handlers: {
      zendesk: () => {
        started = true;
        return new Promise<void>(() => {});
      },
    },
    runTogether: { zendesk: joinable },
  });
  slow.start();
  await expect.poll(() => started).toBe(true);
  await slow.stop(20);

  for (const id of [1, 2]) expect(await statusOf(id)).toMatchObject({ status: "pending", lease_owner: null, attempts: 0 });
  const runs: number[][] = [];
  const next = worker({ handlers: { zendesk: async (row, along) => void runs.push([row.id, ...along.map((job) => job.id)]) }, runTogether: { zendesk: joinable } });
  next.start();
  await next.idle();
  expect(runs).toEqual([[1, 2]]);
});
