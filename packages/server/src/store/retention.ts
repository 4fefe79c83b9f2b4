import { SHARED_BUCKET_IDLE_MS } from "../security/shared-rate-limit";
import type { Db } from "./db";

/** Rows deleted per statement, so pruning never holds the database for long. */
const BATCH = 2000;

export interface Pruned {
  sessions: number;
  streamEvents: number;
  finishedJobs: number;
  finishedTimers: number;
  webhookReceipts: number;
  rateBuckets: number;
  origins: number;
}

/**
 * Deletes what nobody needs any more: sessions expired over `olderThanDays` ago, stream events and
 * webhook receipts older than that, origins not seen for that long (the installation check shows
 * the sites in use), and jobs done and timers fired or cancelled that long ago. Dead
 * jobs and timers stay, for someone to look into; conversations and messages are never pruned.
 */
export async function pruneOld(db: Db, now: Date, olderThanDays: number): Promise<Pruned> {
  const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000).toISOString();
  return {
    sessions: await inBatches(() =>
      db
        .deleteFrom("sessions")
        .where("token_hash", "in", (eb) => eb.selectFrom("sessions").select("token_hash").where("expires_at", "<", cutoff).limit(BATCH))
        .executeTakeFirst(),
    ),
    streamEvents: await inBatches(() =>
      db
        .deleteFrom("stream_events")
        .where("id", "in", (eb) => eb.selectFrom("stream_events").select("id").where("created_at", "<", cutoff).limit(BATCH))
        .executeTakeFirst(),
    ),
    finishedJobs: await inBatches(() =>
      db
        .deleteFrom("outbox")
        .where("id", "in", (eb) => eb.selectFrom("outbox").select("id").where("status", "=", "done").where("updated_at", "<", cutoff).limit(BATCH))
        .executeTakeFirst(),
    ),
    finishedTimers: await inBatches(() =>
      db
        .deleteFrom("timers")
        .where("id", "in", (eb) =>
          eb.selectFrom("timers").select("id").where("status", "in", ["fired", "cancelled"]).where("updated_at", "<", cutoff).limit(BATCH),
        )
        .executeTakeFirst(),
    ),
    webhookReceipts: await inBatches(() =>
      db
        .deleteFrom("webhook_receipts")
        .where("id", "in", (eb) => eb.selectFrom("webhook_receipts").select("id").where("received_at", "<", cutoff).limit(BATCH))
        .executeTakeFirst(),
    ),
    // Shared rate-limit buckets idle for an hour are full again: a missing row means the same.
    rateBuckets: await inBatches(() =>
      db
        .deleteFrom("rate_buckets")
        .where("key", "in", (eb) => eb.selectFrom("rate_buckets").select("key").where("at_ms", "<", now.getTime() - SHARED_BUCKET_IDLE_MS).limit(BATCH))
        .executeTakeFirst(),
    ),
    origins: Number((await db.deleteFrom("origins").where("last_seen_at", "<", cutoff).executeTakeFirst()).numDeletedRows),
  };
}

async function inBatches(deleteSome: () => Promise<{ numDeletedRows: bigint }>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = Number((await deleteSome()).numDeletedRows);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
