import type { TimerKind } from "../engine";
import type { Db } from "./db";

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

/** Pending timers due by `now`, earliest first. */
export async function dueTimers(db: Db, now: string, limit: number): Promise<DueTimer[]> {
  const rows = await db
    .selectFrom("timers")
    .select(["id", "conversation_id", "kind", "since", "due_at"])
    .where("status", "=", "pending")
    .where("due_at", "<=", now)
    .orderBy("due_at")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, conversationId: row.conversation_id, kind: row.kind as TimerKind, since: row.since, dueAt: row.due_at }));
}

/**
 * Takes a due timer for the caller: true for exactly one caller, however many workers race for it.
 * Call it inside the transaction that applies the timer, so a crash before commit leaves it pending.
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
