import { sql } from "kysely";
import type { Db } from "./db";
import { anyClaimable as anyLeasable, claimLeased, renewLeases } from "./leases";
import type { OutboxTable } from "./schema";

export type OutboxStatus = "pending" | "done" | "dead";

/** A claimed job: the effect to perform, and which attempt this is (counting this one). */
export interface OutboxRow {
  id: number;
  conversationId: string;
  lane: string;
  effect: unknown;
  attempts: number;
  nextAttemptAt: string;
  /** When the job was queued: for an AI answer, when the customer's question was stored. */
  createdAt: string;
}

/**
 * A table of leased work, as the outbox worker sees it: the outbox's jobs, or durable timers. Each
 * call names the claimer, so a process whose lease ran out and passed to another changes nothing.
 */
export interface JobQueue {
  /** Claims up to `limit` due rows for `owner`, due first, each with an attempt counted. */
  claimDue(claim: { lane: string; owner: string; now: Date; leaseMs: number; limit: number }): Promise<OutboxRow[]>;
  /** The rows (one, or a run handled as one) were handled. False when the lease was no longer this owner's. */
  markDone(ids: readonly number[], owner: string, now: string): Promise<boolean>;
  /** The rows failed and may be tried again from `nextAttemptAt`. */
  markRetry(ids: readonly number[], owner: string, nextAttemptAt: string, error: string, now: string): Promise<boolean>;
  /** The rows failed for good: kept, with their error. */
  markDead(ids: readonly number[], owner: string, error: string, now: string): Promise<boolean>;
  /** Extends this owner's leases on rows it still runs; returns the ids it still holds. */
  renew(ids: readonly number[], owner: string, now: Date, leaseMs: number): Promise<number[]>;
  /** Gives back rows claimed but not finished (shutting down): free at once, the attempt not counted. */
  release(ids: readonly number[], owner: string, now: string): Promise<void>;
  /** Whether a claim made now would find a row of any lane (tests wait for quiet with it). */
  anyClaimable(now: Date): Promise<boolean>;
}

/** The outbox table as a queue: every lane but the timers' claims from it. */
export function outboxJobs(db: Db): JobQueue {
  return {
    claimDue: (claim) => claimDue(db, claim),
    markDone: (ids, owner, now) => markDone(db, ids, owner, now),
    markRetry: (ids, owner, nextAttemptAt, error, now) => markRetry(db, ids, owner, nextAttemptAt, error, now),
    markDead: (ids, owner, error, now) => markDead(db, ids, owner, error, now),
    renew: (ids, owner, now, leaseMs) => renew(db, ids, owner, now, leaseMs),
    release: (ids, owner, now) => release(db, ids, owner, now),
    anyClaimable: (now) => anyClaimable(db, now),
  };
}

/** A job as the admin API shows it. */
export interface Job {
  id: number;
  conversationId: string;
  lane: string;
  type: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  running: boolean;
  createdAt: string;
  updatedAt: string;
}

export async function enqueue(db: Db, conversationId: string, lane: string, effect: unknown, now: string): Promise<void> {
  await db
    .insertInto("outbox")
    .values({
      conversation_id: conversationId,
      lane,
      effect: JSON.stringify(effect),
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      lease_owner: null,
      lease_expires_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/**
 * Claims up to `limit` due jobs of a lane for `owner`: the head of each conversation's queue in
 * that lane, due first. A job waiting for its retry never holds back another conversation's.
 */
export async function claimDue(db: Db, claim: { lane: string; owner: string; now: Date; leaseMs: number; limit: number }): Promise<OutboxRow[]> {
  const rows = await claimLeased<Selectable>(db, {
    table: "outbox",
    dueColumn: "next_attempt_at",
    match: { lane: claim.lane },
    inOrderWithin: IN_ORDER_WITHIN,
    owner: claim.owner,
    now: claim.now,
    leaseMs: claim.leaseMs,
    limit: claim.limit,
  });
  return rows
    .sort((a, b) => (a.next_attempt_at < b.next_attempt_at ? -1 : a.next_attempt_at > b.next_attempt_at ? 1 : a.id - b.id))
    .map(toRow);
}

/**
 * The jobs queued right behind `head` in its conversation's lane, oldest first, as long as each is
 * due and free: those a worker may claim to run together with the head it holds. The first one
 * that is not (waiting for its retry, or leased) ends the run, so order is kept.
 */
export async function dueBehind(db: Db, head: Pick<OutboxRow, "id" | "conversationId" | "lane">, now: Date, limit: number): Promise<OutboxRow[]> {
  if (limit <= 0) return [];
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .where("conversation_id", "=", head.conversationId)
    .where("lane", "=", head.lane)
    .where("status", "=", "pending")
    .where("id", ">", head.id)
    .orderBy("id")
    .limit(limit)
    .execute();
  const at = now.toISOString();
  const free = (row: Selectable) => row.next_attempt_at <= at && (row.lease_expires_at === null || row.lease_expires_at <= at);
  const run = rows.findIndex((row) => !free(row));
  return (run === -1 ? rows : rows.slice(0, run)).map(toRow);
}

/**
 * Claims jobs for `owner` to run along with a head it already holds (see `dueBehind`), counting an
 * attempt for each. Only those still pending and free are taken; the answer keeps the queue's
 * order and stops before the first job it could not take, so a gap never reorders the run.
 */
export async function claimAlong(db: Db, ids: readonly number[], claim: { owner: string; now: Date; leaseMs: number }): Promise<OutboxRow[]> {
  if (ids.length === 0) return [];
  const at = claim.now.toISOString();
  const rows = await db
    .updateTable("outbox")
    .set((eb) => ({ lease_owner: claim.owner, lease_expires_at: new Date(claim.now.getTime() + claim.leaseMs).toISOString(), attempts: eb("attempts", "+", 1) }))
    .where("id", "in", ids)
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<=", at)]))
    .returningAll()
    .execute();
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  const taken: OutboxRow[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) break;
    taken.push(toRow(row));
  }
  return taken;
}

function toRow(row: Selectable): OutboxRow {
  return {
    id: Number(row.id),
    conversationId: row.conversation_id,
    lane: row.lane,
    effect: JSON.parse(row.effect) as unknown,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
  };
}

/** A conversation's jobs in one lane run one after another. */
const IN_ORDER_WITHIN = ["conversation_id", "lane"];

type Selectable = Omit<OutboxTable, "id"> & { id: number };

// Each finish names the claimer: a worker whose lease ran out and was taken over changes nothing.

// Jobs run together (a head and those claimed along with it) finish together, in one statement.

/** The job(s) succeeded. False when the lease was no longer this owner's. */
export async function markDone(db: Db, ids: number | readonly number[], owner: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ status: "done", lease_owner: null, lease_expires_at: null, last_error: null, updated_at: now })
    .where("id", "in", idList(ids))
    .where("lease_owner", "=", owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The job(s) failed and run again at `nextAttemptAt`. */
export async function markRetry(db: Db, ids: number | readonly number[], owner: string, nextAttemptAt: string, error: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ next_attempt_at: nextAttemptAt, last_error: error, lease_owner: null, lease_expires_at: null, updated_at: now })
    .where("id", "in", idList(ids))
    .where("lease_owner", "=", owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The job(s) failed for good: they stay, dead, with the error, until someone retries them. */
export async function markDead(db: Db, ids: number | readonly number[], owner: string, error: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ status: "dead", last_error: error, lease_owner: null, lease_expires_at: null, updated_at: now })
    .where("id", "in", idList(ids))
    .where("lease_owner", "=", owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function idList(ids: number | readonly number[]): number[] {
  return typeof ids === "number" ? [ids] : [...ids];
}

/** Extends the leases on jobs this owner is still running; returns the ids it still holds. */
export async function renew(db: Db, ids: readonly number[], owner: string, now: Date, leaseMs: number): Promise<number[]> {
  return renewLeases(db, { table: "outbox", ids, owner, now, leaseMs });
}

/** Gives back jobs claimed but not run (shutting down): due at once for anyone, the attempt not counted. */
export async function release(db: Db, ids: readonly number[], owner: string, now: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("outbox")
    .set((eb) => ({ lease_owner: null, lease_expires_at: null, attempts: eb("attempts", "-", 1), updated_at: now }))
    .where("id", "in", ids)
    .where("lease_owner", "=", owner)
    .where("status", "=", "pending")
    .execute();
}

/** Whether a job of any lane is due and free to claim now (tests wait for quiet with it). */
export async function anyClaimable(db: Db, now: Date): Promise<boolean> {
  return anyLeasable(db, { table: "outbox", dueColumn: "next_attempt_at", inOrderWithin: IN_ORDER_WITHIN, now });
}

export async function listJobs(db: Db, filter: { status?: OutboxStatus; limit: number }): Promise<Job[]> {
  let query = db.selectFrom("outbox").selectAll().orderBy("id", "desc").limit(filter.limit);
  if (filter.status) query = query.where("status", "=", filter.status);
  return (await query.execute()).map(toJob);
}

export async function getJob(db: Db, id: number): Promise<Job | undefined> {
  const row = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toJob(row);
}

/**
 * Runs a dead job again from its first attempt, or a job waiting for its next attempt now.
 * Undefined when there is no such job; "not_retryable" for a job that is done or running.
 */
export async function retryJob(db: Db, id: number, now: string): Promise<Job | "not_retryable" | undefined> {
  const result = await db
    .updateTable("outbox")
    .set((eb) => ({
      status: "pending",
      attempts: eb.case().when("status", "=", "dead").then(0).else(eb.ref("attempts")).end(),
      next_attempt_at: now,
      updated_at: now,
    }))
    .where("id", "=", id)
    .where((eb) => eb.or([eb("status", "=", "dead"), eb.and([eb("status", "=", "pending"), eb("lease_owner", "is", null)])]))
    .executeTakeFirst();
  const job = await getJob(db, id);
  if (!job) return undefined;
  return Number(result.numUpdatedRows) > 0 ? job : "not_retryable";
}

/** Per lane: pending jobs, the oldest one's creation time, and dead jobs (for /metrics). */
export async function laneDepths(db: Db): Promise<{ lane: string; pending: number; oldestPendingAt: string | null; dead: number }[]> {
  const rows = await db
    .selectFrom("outbox")
    .select([
      "lane",
      sql<number>`sum(case when status = 'pending' then 1 else 0 end)`.as("pending"),
      sql<string | null>`min(case when status = 'pending' then created_at end)`.as("oldest"),
      sql<number>`sum(case when status = 'dead' then 1 else 0 end)`.as("dead"),
    ])
    .where("status", "in", ["pending", "dead"])
    .groupBy("lane")
    .execute();
  return rows.map((row) => ({ lane: row.lane, pending: Number(row.pending), oldestPendingAt: row.oldest, dead: Number(row.dead) }));
}

function toJob(row: Selectable): Job {
  let type = "unknown";
  try {
    const effect: unknown = JSON.parse(row.effect);
    if (effect && typeof effect === "object" && "type" in effect && typeof effect.type === "string") type = effect.type;
  } catch {
    // a row an older version wrote badly: its type stays unknown, its error says why it died
  }
  return {
    id: Number(row.id),
    conversationId: row.conversation_id,
    lane: row.lane,
    type,
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    running: row.lease_owner !== null && row.status === "pending",
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
