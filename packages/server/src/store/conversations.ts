import type { Conversation, ConversationStatus, ConversationSummary } from "@parley/protocol";
import * as z from "zod";
import type { ConversationState, Phase } from "../engine";
import type { Db } from "./db";
import type { ConversationsTable } from "./schema";
import { toMessage } from "./messages";

export type ConversationRow = ConversationsTable;

const StateJson = z.object({
  phase: z.enum(["new", "ai", "resolved", "team"]),
  ticketRequested: z.boolean(),
  tags: z.array(z.string()),
  awaitingAnswerTo: z.string().nullable(),
  lastQuestion: z.string().nullable(),
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

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    status: statusOf(stateOf(row).phase),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function insertConversation(db: Db, row: ConversationRow): Promise<void> {
  await db.insertInto("conversations").values(row).execute();
}

export async function getConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A contact's own conversation; someone else's is as good as missing. */
export async function getContactConversation(db: Db, contactId: string, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom("conversations").selectAll().where("id", "=", id).where("contact_id", "=", contactId).executeTakeFirst();
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

/** A contact's conversations, most recently active first, each with its latest message. */
export async function listConversations(db: Db, contactId: string): Promise<ConversationSummary[]> {
  const rows = await db
    .selectFrom("conversations")
    .selectAll()
    .where("contact_id", "=", contactId)
    .orderBy("updated_at", "desc")
    .limit(50)
    .execute();
  return Promise.all(
    rows.map(async (row) => {
      const last = await db
        .selectFrom("messages")
        .selectAll()
        .where("conversation_id", "=", row.id)
        .orderBy("seq", "desc")
        .limit(1)
        .executeTakeFirst();
      return { ...toConversation(row), last_message: last ? toMessage(last) : null };
    }),
  );
}
