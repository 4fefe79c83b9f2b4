import { type CitingQuestion, type ConversationOverview as AdminConversationOverview, ConversationStatus, type Message, type StepDecision } from "@parley/protocol";
import { sql } from "kysely";
import * as z from "zod";
import type { Db } from "./db";
import { listDecisions } from "./decisions";
import { listMessages } from "./messages";

/** One conversation as the owner sees it in the console; the admin route adds where its ticket opens in Zendesk. */
export type ConversationOverview = Omit<AdminConversationOverview, "ticket_url">;

export interface ConversationFilter {
  status?: string | undefined;
  tag?: string | undefined;
  limit: number;
}

// Only the tags are read from the engine's stored state; anything else in it may change shape.
const StoredTags = z.object({ tags: z.array(z.string()).catch([]) }).catch({ tags: [] });

/** Tags are kept in the state's JSON, so a tag filter reads this many recent conversations at most. */
const TAG_SCAN = 1000;

/** Every conversation of the app, most recently active first, with its customer and Zendesk ticket. */
export async function listAppConversations(db: Db, appId: string, filter: ConversationFilter): Promise<ConversationOverview[]> {
  let query = overviews(db, appId).orderBy("c.updated_at", "desc").orderBy("c.id", "desc");
  if (filter.status !== undefined) query = query.where("c.status", "=", filter.status);
  const conversations = (await query.limit(filter.tag === undefined ? filter.limit : TAG_SCAN).execute()).map(toOverview);
  const tag = filter.tag;
  return (tag === undefined ? conversations : conversations.filter((conversation) => conversation.tags.includes(tag))).slice(0, filter.limit);
}

/** One conversation of the app with its whole transcript and what was decided along it, or undefined. */
export async function appConversation(
  db: Db,
  appId: string,
  id: string,
): Promise<{ overview: ConversationOverview; messages: Message[]; decisions: StepDecision[] } | undefined> {
  const row = await overviews(db, appId).where("c.id", "=", id).executeTakeFirst();
  return row && { overview: toOverview(row), messages: await listMessages(db, id), decisions: await listDecisions(db, id) };
}

function overviews(db: Db, appId: string) {
  return db
    .selectFrom("conversations as c")
    .innerJoin("contacts as p", "p.id", "c.contact_id")
    .leftJoin("zendesk_tickets as t", "t.conversation_id", "c.id")
    .select([
      "c.id",
      "c.status",
      "c.state",
      "c.created_at",
      "c.updated_at",
      "p.id as contact_id",
      "p.name",
      "p.email",
      "p.user_id",
      "p.verified",
      "t.ticket_id",
      (eb) => eb.selectFrom("messages as m").select((inner) => inner.fn.countAll<number>().as("n")).whereRef("m.conversation_id", "=", "c.id").as("message_count"),
    ])
    .where("c.app_id", "=", appId);
}

type OverviewRow = Awaited<ReturnType<ReturnType<typeof overviews>["executeTakeFirstOrThrow"]>>;

function toOverview(row: OverviewRow): ConversationOverview {
  return {
    id: row.id,
    status: ConversationStatus.parse(row.status),
    contact: { id: row.contact_id, name: row.name, email: row.email, user_id: row.user_id, verified: Boolean(row.verified) },
    tags: StoredTags.parse(safeJson(row.state)).tags,
    ticket_id: row.ticket_id ?? null,
    created_at: row.created_at,
    updated_at: row.updated_at,
    message_count: Number(row.message_count ?? 0),
  };
}

/** The latest questions the AI agent answered citing `url` (as the citation stored it), newest first. */
export async function questionsCiting(db: Db, appId: string, url: string, limit: number): Promise<CitingQuestion[]> {
  const pattern = `%${`"url":${JSON.stringify(url)}`.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const rows = await db
    .selectFrom("messages as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select([
      "m.conversation_id",
      "m.created_at",
      (eb) =>
        eb
          .selectFrom("messages as q")
          .select("q.text")
          .whereRef("q.conversation_id", "=", "m.conversation_id")
          .where("q.author_type", "=", "customer")
          .whereRef("q.seq", "<", "m.seq")
          .orderBy("q.seq", "desc")
          .limit(1)
          .as("question"),
    ])
    .where("c.app_id", "=", appId)
    .where("m.author_type", "=", "ai")
    .where(sql<boolean>`m.citations like ${pattern} escape '\\'`)
    .orderBy("m.seq", "desc")
    .limit(limit)
    .execute();
  return rows.flatMap((row) => (row.question ? [{ conversation_id: row.conversation_id, question: row.question, answered_at: row.created_at }] : []));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
