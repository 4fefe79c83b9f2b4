import { StreamFrame } from "@parley/protocol";
import type { Db } from "./db";

export interface StoredFrame {
  /** The SSE cursor. */
  id: number;
  contactId: string;
  frame: StreamFrame;
}

/** Appends a frame to a contact's stream log; returns its cursor. */
export async function appendFrame(db: Db, contactId: string, conversationId: string, frame: StreamFrame, now: string): Promise<StoredFrame> {
  const row = await db
    .insertInto("stream_events")
    .values({ contact_id: contactId, conversation_id: conversationId, type: frame.type, payload: JSON.stringify(frame), created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, contactId, frame };
}

/** The frames of a contact after a cursor, oldest first. */
export async function framesAfter(db: Db, contactId: string, after: number, limit = 500): Promise<StoredFrame[]> {
  const rows = await db
    .selectFrom("stream_events")
    .select(["id", "payload"])
    .where("contact_id", "=", contactId)
    .where("id", ">", after)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, contactId, frame: StreamFrame.parse(JSON.parse(row.payload)) }));
}

/** The newest cursor of a contact's stream (0 when it has none yet). */
export async function latestCursor(db: Db, contactId: string): Promise<number> {
  const row = await db
    .selectFrom("stream_events")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("contact_id", "=", contactId)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}
