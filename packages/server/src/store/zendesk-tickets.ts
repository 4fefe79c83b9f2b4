import type { Db } from "./db";

export interface TicketLink {
  conversationId: string;
  ticketId: number;
  requesterId: number;
}

export async function saveTicketLink(db: Db, link: TicketLink, now: string): Promise<void> {
  await db
    .insertInto("zendesk_tickets")
    .values({ conversation_id: link.conversationId, ticket_id: link.ticketId, requester_id: link.requesterId, created_at: now })
    .onConflict((oc) => oc.column("conversation_id").doNothing())
    .execute();
}

export async function ticketForConversation(db: Db, conversationId: string): Promise<TicketLink | undefined> {
  const row = await db.selectFrom("zendesk_tickets").selectAll().where("conversation_id", "=", conversationId).executeTakeFirst();
  return row && { conversationId: row.conversation_id, ticketId: row.ticket_id, requesterId: row.requester_id };
}

export async function conversationForTicket(db: Db, ticketId: number): Promise<TicketLink | undefined> {
  const row = await db.selectFrom("zendesk_tickets").selectAll().where("ticket_id", "=", ticketId).executeTakeFirst();
  return row && { conversationId: row.conversation_id, ticketId: row.ticket_id, requesterId: row.requester_id };
}

/** Records a webhook delivery id; false when it was seen before (Zendesk may deliver twice). */
export async function firstReceipt(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .insertInto("webhook_receipts")
    .values({ id, received_at: now })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Points the conversation at its follow-up ticket: the closed one takes no more updates. */
export async function replaceTicketLink(db: Db, conversationId: string, ticketId: number): Promise<void> {
  await db.updateTable("zendesk_tickets").set({ ticket_id: ticketId }).where("conversation_id", "=", conversationId).execute();
}
