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
 * On PostgreSQL the frame is also announced (NOTIFY, delivered at commit) to every instance.
 */
export async function appendFrame(db: Db, contactId: string, conversationId: string, frame: StreamFrame, now: string): Promise<StoredFrame> {
  const { seq } = await db
    .insertInto("stream_cursors")
    .values({ contact_id: contactId, seq: 1 })
    .onConflict((oc) => oc.column("contact_id").doUpdateSet((eb) => ({ seq: eb(eb.ref("stream_cursors.seq"), "+", 1) })))
    .returning("seq")
    .executeTakeFirstOrThrow();
  const payload = JSON.stringify(frame);
  await db
    .insertInto("stream_events")
    .values({ contact_id: contactId, conversation_id: conversationId, seq, type: frame.type, payload, created_at: now })
    .execute();
  if (isPostgres(db)) {
    const announcement: Announcement = { c: contactId, s: seq, ...(payload.length <= NOTIFY_BODY_LIMIT && { f: frame }) };
    await sql`select pg_notify(${STREAM_CHANNEL}, ${JSON.stringify(announcement)})`.execute(db);
  }
  return { id: seq, contactId, frame };
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
