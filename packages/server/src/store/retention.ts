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
  /** Visitors and unproven users who never wrote, and were not seen within the retention. */
  emptyContacts: number;
}

/**
 * Deletes what nobody needs any more: sessions expired over `olderThanDays` ago, stream events and
 * webhook receipts older than that, origins not seen for that long (the installation check shows
 * the sites in use), and jobs done and timers fired or cancelled that long ago. Dead
 * jobs and timers stay, for someone to look into; conversations and messages are never pruned.
 * Contacts any client can make by pinging (anonymous visitors, users named without proof) go once
 * they hold nothing and have not been seen for that long: a returning browser simply gets a new one.
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
    // After sessions and stream events, so contacts they alone kept are free to go.
    emptyContacts: await pruneEmptyContacts(db, cutoff),
  };
}

/** Identity keys any client can make; verified users were proven by the owner's server and stay. */
const CLIENT_MADE = ['["visitor",%', '["separated",%', '["unverified",%'];

async function pruneEmptyContacts(db: Db, cutoff: string): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (
      await db
        .selectFrom("contacts as c")
        .select("c.id")
        .where((eb) => eb.or(CLIENT_MADE.map((prefix) => eb("c.identity_key", "like", prefix))))
        .where("c.updated_at", "<", cutoff)
        .where((eb) => eb.not(eb.exists(eb.selectFrom("conversations").select("id").whereRef("conversations.contact_id", "=", "c.id"))))
        .where((eb) => eb.not(eb.exists(eb.selectFrom("contact_events").select("id").whereRef("contact_events.contact_id", "=", "c.id"))))
        .where((eb) => eb.not(eb.exists(eb.selectFrom("sessions").select("token_hash").whereRef("sessions.contact_id", "=", "c.id"))))
        .where((eb) => eb.not(eb.exists(eb.selectFrom("stream_events").select("id").whereRef("stream_events.contact_id", "=", "c.id"))))
        .limit(BATCH)
        .execute()
    ).map((row) => row.id);
    if (ids.length === 0) return total;
    await db.deleteFrom("stream_cursors").where("contact_id", "in", ids).execute();
    // Asked again as it deletes: a contact pinged (seen, given a session) since the select stays.
    const deleted = await db
      .deleteFrom("contacts")
      .where("id", "in", ids)
      .where("updated_at", "<", cutoff)
      .where((eb) => eb.not(eb.exists(eb.selectFrom("sessions").select("token_hash").whereRef("sessions.contact_id", "=", "contacts.id"))))
      .executeTakeFirst();
    total += Number(deleted.numDeletedRows);
    if (ids.length < BATCH) return total;
  }
}

async function inBatches(deleteSome: () => Promise<{ numDeletedRows: bigint }>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = Number((await deleteSome()).numDeletedRows);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
