import { Decision, type StepDecision } from "@parley/protocol";
import type { Db } from "./db";

export async function insertDecisions(db: Db, conversationId: string, afterMessageId: string | null, decisions: readonly Decision[], at: string): Promise<void> {
  if (decisions.length === 0) return;
  await db
    .insertInto("conversation_decisions")
    .values(decisions.map((decision) => ({ conversation_id: conversationId, after_message_id: afterMessageId, decision: JSON.stringify(decision), created_at: at })))
    .execute();
}

/**
 * Records a decision made outside an engine step (by a Zendesk job) under the conversation's latest
 * message, once: a job tried again after it was recorded does not record it twice.
 */
export async function appendDecisionOnce(db: Db, conversationId: string, decision: Decision, at: string): Promise<void> {
  const latest = await db.selectFrom("messages").select("id").where("conversation_id", "=", conversationId).orderBy("seq", "desc").executeTakeFirst();
  const afterMessageId = latest?.id ?? null;
  const recorded = await listDecisions(db, conversationId);
  if (recorded.some((entry) => entry.after_message_id === afterMessageId && JSON.stringify(entry.decision) === JSON.stringify(decision))) return;
  await insertDecisions(db, conversationId, afterMessageId, [decision], at);
}

/** The conversation's decisions, oldest first; a row stored in a shape this version cannot read is left out. */
export async function listDecisions(db: Db, conversationId: string): Promise<StepDecision[]> {
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
