import type { Db } from "./db";

export type OutboxStatus = "pending" | "done" | "dead";

export interface OutboxRow {
  id: number;
  conversationId: string;
  lane: string;
  effect: unknown;
  attempts: number;
  nextAttemptAt: string;
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
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Pending rows, oldest first: the caller takes only the head of each conversation's lane. */
export async function pendingRows(db: Db, limit: number): Promise<OutboxRow[]> {
  const rows = await db
    .selectFrom("outbox")
    .select(["id", "conversation_id", "lane", "effect", "attempts", "next_attempt_at"])
    .where("status", "=", "pending")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    conversationId: row.conversation_id,
    lane: row.lane,
    effect: JSON.parse(row.effect) as unknown,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
  }));
}

export async function markDone(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable("outbox").set({ status: "done", updated_at: now }).where("id", "=", id).execute();
}

export async function markRetry(db: Db, id: number, attempts: number, nextAttemptAt: string, error: string, now: string): Promise<void> {
  await db
    .updateTable("outbox")
    .set({ attempts, next_attempt_at: nextAttemptAt, last_error: error, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function markDead(db: Db, id: number, attempts: number, error: string, now: string): Promise<void> {
  await db.updateTable("outbox").set({ status: "dead", attempts, last_error: error, updated_at: now }).where("id", "=", id).execute();
}
