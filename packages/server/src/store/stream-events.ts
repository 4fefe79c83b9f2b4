import { StreamFrame } from "@parley/protocol";
import { sql } from "kysely";
import { type Db, isPostgres } from "./db";

export interface StoredFrame {
  /** The SSE cursor: the frame's number in its contact's stream (1, 2, 3…, in commit order). */
  id: number;
  contactId: string;
  frame: StreamFrame;
}

/** The PostgreSQL channel stream frames are announced on, for the other instances. */
export const STREAM_CHANNEL = "parley_stream";

/** NOTIFY payloads must stay under 8000 bytes: a bigger frame is announced without its body and read back. */
const NOTIFY_BODY_LIMIT = 7000;

/**
 * Appends a frame to a contact's stream; returns it with its number. Inside the caller's
 * transaction: the contact's counter row stays locked until commit, so numbers follow commit order.
 * Other instances hear of it once it committed (announceFrames).
 */
export async function appendFrame(db: Db, contactId: string, conversationId: string, frame: StreamFrame, now: string): Promise<StoredFrame> {
  const payload = JSON.stringify(frame);
  if (isPostgres(db)) return { id: await numberAndStore(db, { contactId, conversationId, type: frame.type, payload, now }), contactId, frame };
  const { seq } = await db
    .insertInto("stream_cursors")
    .values({ contact_id: contactId, seq: 1 })
    .onConflict((oc) => oc.column("contact_id").doUpdateSet((eb) => ({ seq: eb(eb.ref("stream_cursors.seq"), "+", 1) })))
    .returning("seq")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("stream_events")
    .values({ contact_id: contactId, conversation_id: conversationId, seq, type: frame.type, payload, created_at: now })
    .execute();
  return { id: seq, contactId, frame };
}

/**
 * PostgreSQL: numbers and stores the frame in one statement (one round trip instead of two; a
 * conversation's turn writes several frames, and under load each round trip waits).
 */
async function numberAndStore(db: Db, event: { contactId: string; conversationId: string; type: string; payload: string; now: string }): Promise<number> {
  const { contactId, conversationId, type, payload, now } = event;
  const result = await sql<{ seq: number }>`
    with numbered as (
      insert into stream_cursors (contact_id, seq) values (${contactId}, 1)
      on conflict (contact_id) do update set seq = stream_cursors.seq + 1
      returning seq
    )
    insert into stream_events (contact_id, conversation_id, seq, type, payload, created_at)
    select ${contactId}, ${conversationId}, seq, ${type}, ${payload}, ${now} from numbered
    returning seq`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error(`the frame for contact ${contactId} was not stored`);
  return Number(row.seq);
}

/**
 * PostgreSQL: tells every instance about frames that committed, in one statement of its own.
 *
 * Not inside the transaction that stores them: PostgreSQL lets one transaction that sent a NOTIFY
 * commit at a time, holding a lock from just before its commit until its commit is flushed to
 * disk, so every conversation's turn queued behind the others' disk flushes (on a busy machine,
 * answers came tens of seconds late while the server sat idle). This transaction writes nothing
 * to disk, so PostgreSQL commits it without waiting for a flush and the lock is held for moments. An announcement lost in a crash costs nothing stored: streams fill any gap in
 * the numbering from the database, and read everything after their cursor when they reconnect.
 */
export async function announceFrames(db: Db, frames: readonly StoredFrame[]): Promise<void> {
  if (frames.length === 0) return;
  const announcements = frames.map(({ id, contactId, frame }) => {
    const full = JSON.stringify({ c: contactId, s: id, f: frame } satisfies Announcement);
    return full.length <= NOTIFY_BODY_LIMIT ? full : JSON.stringify({ c: contactId, s: id } satisfies Announcement);
  });
  await sql`
    select count(pg_notify(${STREAM_CHANNEL}, announcement.body))
    from unnest(${announcements}::text[]) with ordinality as announcement(body, n)`.execute(db);
}

/** What NOTIFY carries: the contact, the frame's number, and the frame when it is small enough. */
export interface Announcement {
  c: string;
  s: number;
  f?: StreamFrame;
}

/** The frames of a contact after a cursor, oldest first. */
export async function framesAfter(db: Db, contactId: string, after: number, limit = 500): Promise<StoredFrame[]> {
  const rows = await db
    .selectFrom("stream_events")
    .select(["seq", "payload"])
    .where("contact_id", "=", contactId)
    .where("seq", ">", after)
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: Number(row.seq), contactId, frame: StreamFrame.parse(JSON.parse(row.payload)) }));
}

/** The newest cursor of a contact's stream (0 when it has none yet). */
export async function latestCursor(db: Db, contactId: string): Promise<number> {
  const row = await db.selectFrom("stream_cursors").select("seq").where("contact_id", "=", contactId).executeTakeFirst();
  return Number(row?.seq ?? 0);
}
