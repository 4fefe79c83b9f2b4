import { type EventMetadata, EventMetadata as EventMetadataSchema, type TrackedEvent } from "@parley/protocol";
import type { Db } from "./db";
import { newId } from "./ids";

/**
 * How many events one contact keeps: a page that tracks in a loop cannot grow the database
 * without bound; the oldest go first (the newest say most about what the customer is doing).
 */
export const EVENTS_KEPT_PER_CONTACT = 500;

export interface NewContactEvent {
  appId: string;
  contactId: string;
  /** The Messenger's id for the event: sent again, it finds the first copy instead of adding one. */
  clientId?: string;
  eventName: string;
  metadata: EventMetadata;
  /** ISO-8601. */
  createdAt: string;
}

/** The event as stored, and whether this call stored it (false: its client id was already there). */
export interface RecordedContactEvent {
  event: TrackedEvent;
  created: boolean;
}

/**
 * Stores one event and drops the contact's oldest past the cap, in one transaction. An event
 * whose client id this contact already has is not stored again: the first copy comes back.
 */
export async function recordContactEvent(db: Db, event: NewContactEvent, kept = EVENTS_KEPT_PER_CONTACT): Promise<RecordedContactEvent> {
  const id = newId("evt");
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("contact_events")
      .values({
        id,
        app_id: event.appId,
        contact_id: event.contactId,
        client_id: event.clientId ?? null,
        event_name: event.eventName,
        metadata: JSON.stringify(event.metadata),
        created_at: event.createdAt,
      })
      // Two copies racing in: the unique index lets one through, the other finds it below.
      .onConflict((conflict) => conflict.columns(["contact_id", "client_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      const first = await trx
        .selectFrom("contact_events")
        .select(["id", "event_name", "metadata", "created_at"])
        .where("contact_id", "=", event.contactId)
        .where("client_id", "=", event.clientId ?? "")
        .executeTakeFirstOrThrow();
      return { event: { ...first, metadata: metadataOf(first.metadata) }, created: false };
    }
    const oldestKept = await trx
      .selectFrom("contact_events")
      .select("id")
      .where("contact_id", "=", event.contactId)
      .orderBy("id", "desc")
      .offset(kept - 1)
      .limit(1)
      .executeTakeFirst();
    if (oldestKept) await trx.deleteFrom("contact_events").where("contact_id", "=", event.contactId).where("id", "<", oldestKept.id).execute();
    return { event: { id, event_name: event.eventName, created_at: event.createdAt, metadata: event.metadata }, created: true };
  });
}

export interface ContactEventFilter {
  contactId?: string;
  eventName?: string;
  limit: number;
}

/** One event with the contact it belongs to, as the owner sees it. */
export interface ContactEventView extends TrackedEvent {
  contact: { id: string; user_id: string | null; email: string | null; name: string | null };
}

/** The app's events, newest first (by when they happened), optionally of one contact or name. */
export async function listContactEvents(db: Db, appId: string, filter: ContactEventFilter): Promise<ContactEventView[]> {
  let query = db
    .selectFrom("contact_events as e")
    .innerJoin("contacts as p", "p.id", "e.contact_id")
    .select(["e.id", "e.event_name", "e.metadata", "e.created_at", "p.id as contact_id", "p.user_id", "p.email", "p.name"])
    .where("e.app_id", "=", appId);
  if (filter.contactId !== undefined) query = query.where("e.contact_id", "=", filter.contactId);
  if (filter.eventName !== undefined) query = query.where("e.event_name", "=", filter.eventName);
  const rows = await query.orderBy("e.created_at", "desc").orderBy("e.id", "desc").limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    event_name: row.event_name,
    created_at: row.created_at,
    metadata: metadataOf(row.metadata),
    contact: { id: row.contact_id, user_id: row.user_id, email: row.email, name: row.name },
  }));
}

/** Per event name: how often the contact did it, first and last time (Intercom's event summary). */
export async function summarizeContactEvents(db: Db, contactId: string): Promise<{ event_name: string; count: number; first_at: string; last_at: string }[]> {
  const rows = await db
    .selectFrom("contact_events")
    .select((eb) => ["event_name", eb.fn.countAll<number | string>().as("count"), eb.fn.min("created_at").as("first_at"), eb.fn.max("created_at").as("last_at")])
    .where("contact_id", "=", contactId)
    .groupBy("event_name")
    .orderBy("last_at", "desc")
    .execute();
  return rows.map((row) => ({ event_name: row.event_name, count: Number(row.count), first_at: row.first_at, last_at: row.last_at }));
}

/** Stored metadata was validated on the way in; a row that no longer parses shows as empty, never breaks the list. */
function metadataOf(stored: string): EventMetadata {
  try {
    const parsed = EventMetadataSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
