import { createHash, timingSafeEqual } from "node:crypto";
import { LIMITS } from "@parley/protocol";
import { Hono } from "hono";
import { simpleParser } from "mailparser";
import type { Conversations } from "../../conversations/service";
import { conversationOfReplyAddress, visibleReply } from "../../email/reply-address";
import { getContact } from "../../store/contacts";
import { getConversation } from "../../store/conversations";
import type { Db } from "../../store/db";
import { limitBody } from "../body";
import { ApiError } from "../errors";
import { bearerToken } from "../session";

export interface EmailWebhookDeps {
  db: Db;
  conversations: Conversations;
  /** PARLEY_INBOUND_EMAIL_SECRET: what the mail relay sends as `Authorization: Bearer …`. */
  secret: string;
  /** The secrets reply addresses may be signed with: the current identity secret, and the previous one during a rotation. */
  replySecrets: readonly string[];
}

/**
 * POST /webhooks/email: a customer's reply to a notification email, as raw MIME (what an inbound
 * mail relay or a `pipe` transport hands over). The Reply-To address names the conversation; the
 * sender must be the customer; the text above the quoted email becomes their message, exactly as
 * if typed in the Messenger (so it reaches the ticket or the live chat). Sending the same email
 * twice changes nothing: its Message-ID is the message's client id.
 */
export function emailWebhook(deps: EmailWebhookDeps): Hono {
  const routes = new Hono();
  routes.post("/email", limitBody(2 * 1024 * 1024), async (c) => {
    const token = bearerToken(c);
    if (token === undefined || !same(token, deps.secret)) {
      throw new ApiError(401, "unauthorized", "Send the inbound email secret as 'Authorization: Bearer <PARLEY_INBOUND_EMAIL_SECRET>'.");
    }
    const mail = await simpleParser(Buffer.from(await c.req.arrayBuffer()));
    const recipients = [mail.to, mail.cc].flatMap((field) => (field ? (Array.isArray(field) ? field : [field]) : [])).flatMap((field) => field.value);
    const conversationId = recipients.map((entry) => conversationOfReplyAddress(entry.address ?? "", deps.replySecrets)).find((id) => id !== null);
    if (!conversationId) throw new ApiError(404, "conversation_not_found", "No recipient of this email is a conversation's reply address.");
    const conversation = await getConversation(deps.db, conversationId);
    const contact = conversation && (await getContact(deps.db, conversation.contact_id));
    if (!contact) throw new ApiError(404, "conversation_not_found", "The conversation of this reply address no longer exists.");
    const sender = mail.from?.value[0]?.address?.toLowerCase();
    if (!sender || sender !== contact.email?.toLowerCase()) {
      throw new ApiError(403, "unauthorized", "The email is not from the customer of this conversation.");
    }
    const text = visibleReply(mail.text ?? "");
    if (text === "") return c.json({ status: "empty" });
    const messageId = mail.messageId ?? createHash("sha256").update(`${sender}\n${mail.date?.toISOString() ?? ""}\n${text}`).digest("hex");
    const clientId = `email-${createHash("sha256").update(messageId).digest("hex").slice(0, 32)}`;
    const result = await deps.conversations.receiveCustomerMessage(contact, conversationId, { client_id: clientId, text: text.slice(0, LIMITS.messageLength) });
    if (result.kind !== "created" && result.kind !== "replayed") throw new ApiError(409, "invalid_request", "The reply could not be added to its conversation.");
    return c.json({ status: result.kind, message_id: result.message.id });
  });
  return routes;
}

function same(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
