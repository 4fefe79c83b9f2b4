import { Decision } from "../conversations/decisions";
import type { Db } from "./db";

/** A decision as the console's transcript shows it: under the message it followed. */
export interface StoredDecision {
  id: number;
  after_message_id: string | null;
  created_at: string;
  decision: Decision;
}

export async function insertDecisions(db: Db, conversationId: string, afterMessageId: string | null, decisions: readonly Decision[], at: string): Promise<void> {
  if (decisions.length === 0) return;
  await db
    .insertInto("conversation_decisions")
    .values(decisions.map((decision) => ({ conversation_id: conversationId, after_message_id: afterMessageId, decision: JSON.stringify(decision), created_at: at })))
    .execute();
}

/** The conversation's decisions, oldest first; a row stored in a shape this version cannot read is left out. */
export async function listDecisions(db: Db, conversationId: string): Promise<StoredDecision[]> {
  const rows = await db.selectFrom("conversation_decisions").selectAll().where("conversation_id", "=", conversationId).orderBy("id").execute();
  return rows.flatMap((row) => {
    const parsed = Decision.safeParse(safeJson(row.decision));
    return parsed.success ? [{ id: Number(row.id), after_message_id: row.after_message_id, created_at: row.created_at, decision: parsed.data }] : [];
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
