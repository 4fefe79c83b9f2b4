import { Citation, type Message, MessageForm, ReplyButton } from "@parley/protocol";
import * as z from "zod";
import type { Db } from "./db";
import type { MessagesTable } from "./schema";

export type MessageRow = Omit<MessagesTable, "seq" | "form"> & { seq: number; form?: string | null };

const Citations = z.array(Citation);
const Buttons = z.array(ReplyButton);
const AuthorType = z.enum(["customer", "ai", "agent", "system"]);

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    client_id: row.client_id,
    author: { type: AuthorType.parse(row.author_type), name: row.author_name },
    text: row.text,
    created_at: row.created_at,
    citations: Citations.parse(JSON.parse(row.citations)),
    buttons: Buttons.parse(JSON.parse(row.buttons)),
    ...(row.form !== null && row.form !== undefined && { form: MessageForm.parse(JSON.parse(row.form)) }),
  };
}

export async function insertMessage(db: Db, message: Message, externalRef: string | null, contactId: string): Promise<void> {
  await db
    .insertInto("messages")
    .values({
      id: message.id,
      conversation_id: message.conversation_id,
      contact_id: contactId,
      client_id: message.client_id,
      author_type: message.author.type,
      author_name: message.author.name,
      text: message.text,
      citations: JSON.stringify(message.citations),
      buttons: JSON.stringify(message.buttons),
      external_ref: externalRef,
      created_at: message.created_at,
      form: message.form ? JSON.stringify(message.form) : null,
    })
    .execute();
}

export async function findByClientId(db: Db, contactId: string, clientId: string): Promise<MessageRow | undefined> {
  return db.selectFrom("messages").selectAll().where("contact_id", "=", contactId).where("client_id", "=", clientId).executeTakeFirst();
}

export async function externalRefExists(db: Db, externalRef: string): Promise<boolean> {
  const row = await db.selectFrom("messages").select("id").where("external_ref", "=", externalRef).executeTakeFirst();
  return row !== undefined;
}

export async function listMessages(db: Db, conversationId: string): Promise<Message[]> {
  const rows = await db.selectFrom("messages").selectAll().where("conversation_id", "=", conversationId).orderBy("seq").execute();
  return rows.map(toMessage);
}
