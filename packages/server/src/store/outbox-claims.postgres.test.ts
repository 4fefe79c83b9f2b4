import { sql } from "kysely";
import { afterEach, expect, test } from "vitest";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import type { Db } from "./db";
import { claimDue } from "./outbox";

// Runs in the PostgreSQL pass of `npm test`.

let opened: { db: Db; database: TestDatabase } | undefined;
afterEach(async () => {
  await opened?.db.destroy();
  await opened?.database.dispose();
});

/** `conversations` conversations with `perConversation` Zendesk jobs each, all due, none claimed. */
async function queueBacklog(db: Db, conversations: number, perConversation: number): Promise<void> {
  const at = "2026-11-30T09:00:00.000Z";
  const rows = [];
  for (let c = 0; c < conversations; c++) {
    for (let j = 0; j < perConversation; j++) {
      rows.push({
        conversation_id: `conv_${String(c).padStart(5, "0")}`,
        lane: "zendesk",
        effect: JSON.stringify({ type: "zendesk.tags", add: [`job-${j}`], remove: [] }),
        status: "pending",
        attempts: 0,
        next_attempt_at: at,
        last_error: null,
        lease_owner: null,
        lease_expires_at: null,
        created_at: at,
        updated_at: at,
      });
    }
  }
  for (let start = 0; start < rows.length; start += 1000) await db.insertInto("outbox").values(rows.slice(start, start + 1000)).execute();
}

/** Claims 16 jobs and counts the outbox rows PostgreSQL read to find them (its per-transaction table statistics). */
async function claimAndCount(db: Db): Promise<{ claimed: string[]; rowsRead: number }> {
  return db.transaction().execute(async (trx) => {
    const rows = await claimDue(trx, { lane: "zendesk", owner: "worker-a", now: new Date("2026-11-30T09:01:00.000Z"), leaseMs: 60_000, limit: 16 });
    const stats = await sql<{ read: number }>`
      select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) as read
      from pg_stat_xact_user_tables where relid = 'outbox'::regclass`.execute(trx);
    return { claimed: rows.map((row) => row.conversationId), rowsRead: Number(stats.rows[0]?.read ?? 0) };
  });
}

// A Zendesk that rate-limits leaves thousands of jobs waiting. The claim runs after every commit
// that queues work and after every finished job: when each one read the whole waiting queue for
// every candidate, PostgreSQL spent its CPU on claims and the AI's answers (a different lane,
// the same database) arrived tens of seconds late.
test("claiming the next jobs reads a few rows per job it claims, not the whole waiting queue", async () => {
  opened = await openFreshDatabase();
  const { db } = opened;
  await queueBacklog(db, 10, 3);
  const small = await claimAndCount(db);
  await db.deleteFrom("outbox").execute();
  await queueBacklog(db, 1000, 3);
  const large = await claimAndCount(db);

  // Each conversation's jobs run in order: only the first of each is claimed.
  expect(small.claimed).toHaveLength(10);
  expect(large.claimed).toEqual(Array.from({ length: 16 }, (_, c) => `conv_${String(c).padStart(5, "0")}`));
  // A few index lookups per candidate, whatever waits behind them (about 200 rows here; before, about 49,000).
  expect(large.rowsRead).toBeLessThan(16 * 3 * 10);
});
