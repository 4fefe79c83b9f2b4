import type { Db } from "./db";

export type LiveChatStatus = "handing_off" | "live" | "released";

export interface LiveChat {
  conversationId: string;
  appId: string;
  userId: string;
  suncoConversationId: string;
  status: LiveChatStatus;
}

function toLiveChat(row: { conversation_id: string; sunco_app_id: string; sunco_user_id: string; sunco_conversation_id: string; status: string }): LiveChat {
  return {
    conversationId: row.conversation_id,
    appId: row.sunco_app_id,
    userId: row.sunco_user_id,
    suncoConversationId: row.sunco_conversation_id,
    status: row.status as LiveChatStatus,
  };
}

export async function liveChatFor(db: Db, conversationId: string): Promise<LiveChat | undefined> {
  const row = await db.selectFrom("zendesk_live_chats").selectAll().where("conversation_id", "=", conversationId).executeTakeFirst();
  return row && toLiveChat(row);
}

export async function liveChatBySuncoId(db: Db, suncoConversationId: string): Promise<LiveChat | undefined> {
  const row = await db.selectFrom("zendesk_live_chats").selectAll().where("sunco_conversation_id", "=", suncoConversationId).executeTakeFirst();
  return row && toLiveChat(row);
}

/** Records the live chat, or points an earlier (released) one of the same conversation at the new one. */
export async function saveLiveChat(db: Db, chat: LiveChat, now: string): Promise<void> {
  await db
    .insertInto("zendesk_live_chats")
    .values({
      conversation_id: chat.conversationId,
      sunco_app_id: chat.appId,
      sunco_user_id: chat.userId,
      sunco_conversation_id: chat.suncoConversationId,
      status: chat.status,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column("conversation_id").doUpdateSet({
        sunco_app_id: chat.appId,
        sunco_user_id: chat.userId,
        sunco_conversation_id: chat.suncoConversationId,
        status: chat.status,
        updated_at: now,
      }),
    )
    .execute();
}

/** Moves a live chat from one status to another; false when it was not in `from` (someone else moved it). */
export async function moveLiveChat(db: Db, conversationId: string, from: LiveChatStatus[], to: LiveChatStatus, now: string): Promise<boolean> {
  const result = await db
    .updateTable("zendesk_live_chats")
    .set({ status: to, updated_at: now })
    .where("conversation_id", "=", conversationId)
    .where("status", "in", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function postedMessageIds(db: Db, conversationId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("zendesk_live_posts").select("message_id").where("conversation_id", "=", conversationId).execute();
  return new Set(rows.map((row) => row.message_id));
}

export async function recordPost(db: Db, post: { messageId: string; conversationId: string; suncoMessageId: string }, now: string): Promise<void> {
  await db
    .insertInto("zendesk_live_posts")
    .values({ message_id: post.messageId, conversation_id: post.conversationId, sunco_message_id: post.suncoMessageId, posted_at: now })
    .onConflict((oc) => oc.column("message_id").doNothing())
    .execute();
}
