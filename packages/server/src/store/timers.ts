import { sql } from "kysely";
import type { TimerKind } from "../engine";
import type { Db } from "./db";
import { anyClaimable, claimLeased, renewLeases } from "./leases";
import type { JobQueue, OutboxRow } from "./outbox";
import type { TimersTable } from "./schema";

/** The outbox worker's lane that fires due timers; its rows come from the timers table, not the outbox. */
export const TIMER_LANE = "timers";

export type TimerStatus = "pending" | "fired" | "cancelled" | "dead";

/** A timer as the admin API shows it. */
export interface Timer {
  id: number;
  conversationId: string;
  kind: string;
  status: TimerStatus;
  attempts: number;
  dueAt: string;
  /** When a firing that failed is tried again; null unless the timer waits for that. */
  nextAttemptAt: string | null;
  lastError: string | null;
  running: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DueTimer {
  id: number;
  conversationId: string;
  kind: TimerKind;
  since: string;
  dueAt: string;
}

/** Sets a conversation's timer of this kind, replacing one still pending (a conversation has one of each). */
export async function scheduleTimer(
  db: Db,
  timer: { conversationId: string; kind: TimerKind; workflowVersion: number; since: string; dueAt: string },
  now: string,
): Promise<void> {
  await cancelTimers(db, timer.conversationId, timer.kind, now);
  await db
    .insertInto("timers")
    .values({
      conversation_id: timer.conversationId,
      kind: timer.kind,
      workflow_version: timer.workflowVersion,
      since: timer.since,
      due_at: timer.dueAt,
      status: "pending",
      attempts: 0,
      lease_owner: null,
      lease_expires_at: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function cancelTimers(db: Db, conversationId: string, kind: TimerKind, now: string): Promise<void> {
  await db
    .updateTable("timers")
    .set({ status: "cancelled", updated_at: now })
    .where("conversation_id", "=", conversationId)
    .where("kind", "=", kind)
    .where("status", "=", "pending")
    .execute();
}

/**
 * Marks a due timer fired: true for exactly one caller, however many race for it (two processes,
 * one whose lease ran out; a customer's reply cancelling it). Call it inside the transaction that
 * applies the timer, so a crash before commit leaves it pending.
 */
export async function claimTimer(db: Db, id: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable("timers")
    .set({ status: "fired", updated_at: now })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function pendingTimers(db: Db, conversationId: string): Promise<DueTimer[]> {
  const rows = await db
    .selectFrom("timers")
    .select(["id", "conversation_id", "kind", "since", "due_at"])
    .where("conversation_id", "=", conversationId)
    .where("status", "=", "pending")
    .execute();
  return rows.map((row) => ({ id: row.id, conversationId: row.conversation_id, kind: row.kind as TimerKind, since: row.since, dueAt: row.due_at }));
}

/**
 * The timers table as a queue of the outbox worker's timer lane: a due pending timer is claimed
 * with a lease as a job is. The lease only keeps two processes from working on one timer at once;
 * firing it exactly once is `claimTimer`'s, in the transaction that applies it.
 */
export function timerJobs(db: Db): JobQueue {
  return {
    async claimDue({ owner, now, leaseMs, limit }) {
      const rows = await claimLeased<Selectable>(db, { table: "timers", dueColumn: "due_at", owner, now, leaseMs, limit });
      return rows.sort((a, b) => (a.due_at < b.due_at ? -1 : a.due_at > b.due_at ? 1 : a.id - b.id)).map(toJob);
    },
    async markDone(ids, owner, now) {
      // Fired, or found cancelled by a reply: either way nothing is left to do.
      return finish(db, ids, owner, { lease_owner: null, lease_expires_at: null, last_error: null, updated_at: now });
    },
    async markRetry(ids, owner, nextAttemptAt, error, now) {
      // The timer stays due; a lease nobody holds, ending at the next attempt, keeps it from being claimed before.
      return finish(db, ids, owner, { lease_owner: null, lease_expires_at: nextAttemptAt, last_error: error, updated_at: now });
    },
    async markDead(ids, owner, error, now) {
      // Only a timer not yet fired dies: one that fired before its handler failed stays fired, so
      // running it again from the admin API can never fire it a second time.
      return finish(db, ids, owner, { status: "dead", lease_owner: null, lease_expires_at: null, last_error: error, updated_at: now }, "pending");
    },
    renew: (ids, owner, now, leaseMs) => renewLeases(db, { table: "timers", ids, owner, now, leaseMs }),
    async release(ids, owner, now) {
      if (ids.length === 0) return;
      await db
        .updateTable("timers")
        .set((eb) => ({ lease_owner: null, lease_expires_at: null, attempts: eb("attempts", "-", 1), updated_at: now }))
        .where("id", "in", ids)
        .where("lease_owner", "=", owner)
        .where("status", "=", "pending")
        .execute();
    },
    anyClaimable: (now) => anyClaimable(db, { table: "timers", dueColumn: "due_at", now }),
  };
}

/** Timers due and not yet fired, the longest overdue one's due time, and timers that failed for good (for /metrics). */
export async function timerDepth(db: Db, now: Date): Promise<{ lane: string; pending: number; oldestPendingAt: string | null; dead: number }> {
  const row = await db
    .selectFrom("timers")
    .select([
      sql<number>`sum(case when status = 'pending' and due_at <= ${now.toISOString()} then 1 else 0 end)`.as("pending"),
      sql<string | null>`min(case when status = 'pending' and due_at <= ${now.toISOString()} then due_at end)`.as("oldest"),
      sql<number>`sum(case when status = 'dead' then 1 else 0 end)`.as("dead"),
    ])
    .where("status", "in", ["pending", "dead"])
    .executeTakeFirst();
  return { lane: TIMER_LANE, pending: Number(row?.pending ?? 0), oldestPendingAt: row?.oldest ?? null, dead: Number(row?.dead ?? 0) };
}

export async function listTimers(db: Db, filter: { status?: TimerStatus; limit: number }): Promise<Timer[]> {
  let query = db.selectFrom("timers").selectAll().orderBy("id", "desc").limit(filter.limit);
  if (filter.status) query = query.where("status", "=", filter.status);
  return (await query.execute()).map(toTimer);
}

export async function getTimer(db: Db, id: number): Promise<Timer | undefined> {
  const row = await db.selectFrom("timers").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toTimer(row);
}

/**
 * Fires a dead timer again from its first attempt, or a timer waiting for its next attempt after
 * a failure, now. Undefined when there is no such timer; "not_retryable" for one that fired, was
 * cancelled, is firing, or has not come due and failed yet (firing it early would cut short the
 * customer's time to answer). The engine ignores a timer its conversation has moved past, and
 * `claimTimer` still fires it at most once.
 */
export async function retryTimer(db: Db, id: number, now: string): Promise<Timer | "not_retryable" | undefined> {
  const result = await db
    .updateTable("timers")
    .set((eb) => ({
      status: "pending",
      attempts: eb.case().when("status", "=", "dead").then(0).else(eb.ref("attempts")).end(),
      // A free lease and a due time already passed: the next claim takes it.
      lease_expires_at: null,
      due_at: eb.case().when("due_at", ">", now).then(now).else(eb.ref("due_at")).end(),
      updated_at: now,
    }))
    .where("id", "=", id)
    .where((eb) =>
      eb.or([
        eb("status", "=", "dead"),
        eb.and([eb("status", "=", "pending"), eb("lease_owner", "is", null), eb("lease_expires_at", "is not", null)]),
      ]),
    )
    .executeTakeFirst();
  const timer = await getTimer(db, id);
  if (!timer) return undefined;
  return Number(result.numUpdatedRows) > 0 ? timer : "not_retryable";
}

type Selectable = Omit<TimersTable, "id"> & { id: number };

function toTimer(row: Selectable): Timer {
  const pending = row.status === "pending";
  return {
    id: Number(row.id),
    conversationId: row.conversation_id,
    kind: row.kind,
    status: row.status as TimerStatus,
    attempts: Number(row.attempts),
    dueAt: row.due_at,
    nextAttemptAt: pending && row.lease_owner === null ? row.lease_expires_at : null,
    lastError: row.last_error,
    running: pending && row.lease_owner !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A claimed timer as a job of the timer lane: what the lane needs to fire it. */
function toJob(row: Selectable): OutboxRow {
  return {
    id: Number(row.id),
    conversationId: row.conversation_id,
    lane: TIMER_LANE,
    effect: { kind: row.kind, since: row.since, dueAt: row.due_at },
    attempts: Number(row.attempts),
    nextAttemptAt: row.due_at,
    createdAt: row.created_at,
  };
}

async function finish(db: Db, ids: readonly number[], owner: string, values: Partial<Omit<TimersTable, "id">>, status?: TimerStatus): Promise<boolean> {
  if (ids.length === 0) return false;
  let update = db.updateTable("timers").set(values).where("id", "in", ids).where("lease_owner", "=", owner);
  if (status) update = update.where("status", "=", status);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
