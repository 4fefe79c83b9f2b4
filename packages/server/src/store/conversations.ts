import { type Conversation, ConversationStatus, type ConversationSummary } from "@parley/protocol";
import * as z from "zod";
import { type ConversationState, initialState, type Phase } from "../engine";
import { type Db, isPostgres } from "./db";
import type { ConversationsTable } from "./schema";
import { toMessage } from "./messages";

export type ConversationRow = ConversationsTable;

const AttributeValue = z.union([z.string(), z.number(), z.boolean()]);

// Defaults let states stored by an older version (before clarifying questions) load unchanged.
const StateJson = z.object({
  phase: z.enum(["new", "ai", "resolved", "team"]),
  ticketRequested: z.boolean(),
  tags: z.array(z.string()),
  awaitingAnswerTo: z.string().nullable(),
  lastQuestion: z.string().nullable(),
  earlierQuestions: z.array(z.string()).default([]),
  clarification: z
    .object({
      question: z.string(),
      options: z.array(z.object({ articleId: z.string(), label: z.string() })),
      since: z.string(),
    })
    .nullable()
    .default(null),
  held: z.array(z.string()).default([]),
  locale: z.string().nullable().default(null),
  // Conversations stored before workflows run the built-in default workflow (version 0) from its start.
  workflow: z
    .object({
      version: z.number().int().nonnegative(),
      at: z.string().nullable(),
      collected: z.record(z.string(), AttributeValue),
      answers: z.number().int().nonnegative(),
      cited: z.array(z.string()).default([]),
      leaving: z.enum(["no_answer", "asked_for_person", "account_specific", "no_reply", "follow_up_limit", "workflow"]).nullable(),
      handoffMode: z.enum(["ticket", "live"]).nullable(),
      contact: z
        .object({
          email: z.string().nullable(),
          name: z.string().nullable(),
          userId: z.string().nullable(),
          custom: z.record(z.string(), AttributeValue.nullable()),
          company: z.record(z.string(), AttributeValue.nullable()),
        })
        .nullable(),
      pageUrl: z.string().nullable().default(null),
    })
    .default(() => initialState().workflow),
}) satisfies z.ZodType<ConversationState>;

/** What the customer sees of the engine's phase. */
export function statusOf(phase: Phase): ConversationStatus {
  if (phase === "team") return "team";
  if (phase === "resolved") return "resolved";
  return "ai";
}

export function stateOf(row: ConversationRow): ConversationState {
  return StateJson.parse(JSON.parse(row.state));
}

/** The row's `status` column is kept with its state (saveState), so reading it needs no state parse. */
export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    status: ConversationStatus.parse(row.status),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function insertConversation(db: Db, row: ConversationRow): Promise<void> {
  await db.insertInto("conversations").values(row).execute();
}

/**
 * `forUpdate`: inside a transaction that will store the conversation's next step, so two steps of
 * one conversation never both start from the same version. PostgreSQL locks the row until commit;
 * SQLite needs nothing, as its writers already take turns.
 */
export interface ReadOptions {
  forUpdate?: boolean;
}

export async function getConversation(db: Db, id: string, options: ReadOptions = {}): Promise<ConversationRow | undefined> {
  return db
    .selectFrom("conversations")
    .selectAll()
    .where("id", "=", id)
    .$if(options.forUpdate === true && isPostgres(db), (query) => query.forUpdate())
    .executeTakeFirst();
}

/** A contact's own conversation; someone else's is as good as missing. */
export async function getContactConversation(db: Db, contactId: string, id: string, options: ReadOptions = {}): Promise<ConversationRow | undefined> {
  return db
    .selectFrom("conversations")
    .selectAll()
    .where("id", "=", id)
    .where("contact_id", "=", contactId)
    .$if(options.forUpdate === true && isPostgres(db), (query) => query.forUpdate())
    .executeTakeFirst();
}

/** Stores the engine's new state as the conversation's next version. */
export async function saveState(db: Db, row: ConversationRow, state: ConversationState, now: string): Promise<ConversationRow> {
  const saved = { ...row, state: JSON.stringify(state), status: statusOf(state.phase), version: row.version + 1, updated_at: now };
  await db
    .updateTable("conversations")
    .set({ state: saved.state, status: saved.status, version: saved.version, updated_at: now })
    .where("id", "=", row.id)
    .execute();
  return saved;
}

/** A contact's conversations, most recently active first, each with its latest message (one query: it runs on every ping). */
export async function listConversations(db: Db, contactId: string): Promise<ConversationSummary[]> {
  const rows = await db
    .selectFrom("conversations as c")
    .leftJoin("messages as m", (join) =>
      join.onRef("m.conversation_id", "=", "c.id").on("m.seq", "=", (eb) =>
        eb.selectFrom("messages").select((inner) => inner.fn.max("seq").as("seq")).whereRef("conversation_id", "=", "c.id"),
      ),
    )
    .selectAll("c")
    .select([
      "m.seq as m_seq",
      "m.id as m_id",
      "m.client_id as m_client_id",
      "m.author_type as m_author_type",
      "m.author_name as m_author_name",
      "m.text as m_text",
      "m.citations as m_citations",
      "m.buttons as m_buttons",
      "m.created_at as m_created_at",
    ])
    .where("c.contact_id", "=", contactId)
    .orderBy("c.updated_at", "desc")
    .limit(50)
    .execute();
  return rows.map((row) => ({
    ...toConversation(row),
    last_message:
      row.m_id === null
        ? null
        : toMessage({
            seq: row.m_seq ?? 0,
            id: row.m_id,
            conversation_id: row.id,
            contact_id: row.contact_id,
            client_id: row.m_client_id,
            author_type: row.m_author_type ?? "system",
            author_name: row.m_author_name,
            text: row.m_text ?? "",
            citations: row.m_citations ?? "[]",
            buttons: row.m_buttons ?? "[]",
            external_ref: null,
            created_at: row.m_created_at ?? row.updated_at,
          }),
  }));
}
