import type { StreamBus } from "../realtime/bus";
import { getContact } from "../store/contacts";
import { getConversation } from "../store/conversations";
import type { Db } from "../store/db";
import type { Email, Mailer } from "./mailer";

export interface NotifierDeps {
  db: Db;
  bus: StreamBus;
  mailer: Mailer;
  clock: () => Date;
  appName: string;
  /** Where the customer goes back to the conversation (the site's address, or Parley's). */
  reopenUrl: (conversationId: string) => Promise<string>;
  /** The Reply-To that brings the customer's answer back into the conversation, if replies by email are on. */
  replyTo?: ((conversationId: string) => string) | undefined;
  /** Several replies within this long make one email. */
  batchMs?: number;
  log?: (message: string) => void;
}

const BATCH_MS = 2 * 60_000;

/**
 * Emails agents' replies to a customer who is not in the Messenger, when their email is known:
 * the first reply starts a two-minute wait, every reply in it goes into the same email, and none is
 * sent if the customer opens the Messenger meanwhile (they read them there). Pending emails live in
 * the database, so a restart sends them late rather than never.
 */
export class AgentReplyNotifier {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: NotifierDeps) {}

  /** An agent's reply was stored in the conversation. */
  async replied(conversationId: string): Promise<void> {
    const { db, bus, clock } = this.deps;
    const conversation = await getConversation(db, conversationId);
    const contact = conversation && (await getContact(db, conversation.contact_id));
    if (!contact?.email || bus.hasListeners(contact.id)) return;
    const now = clock();
    const due = new Date(now.getTime() + (this.deps.batchMs ?? BATCH_MS)).toISOString();
    await db
      .insertInto("email_notifications")
      .values({ conversation_id: conversationId, due_at: due, notified_seq: 0, updated_at: now.toISOString() })
      .onConflict((oc) =>
        // A pending email keeps its time (the batch); an idle one gets a new one.
        oc.column("conversation_id").doUpdateSet((eb) => ({
          due_at: eb.fn.coalesce("email_notifications.due_at", eb.val(due)),
          updated_at: now.toISOString(),
        })),
      )
      .execute();
  }

  start(pollMs = 5000): void {
    this.#timer = setInterval(() => void this.sendDue(), pollMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }

  /** Sends every email whose wait is over. */
  sendDue(): Promise<void> {
    this.#running = this.#running.then(() => this.#sendDue()).catch((error: unknown) => this.deps.log?.(`[email] ${String(error)}`));
    return this.#running;
  }

  async #sendDue(): Promise<void> {
    const { db, bus, clock, mailer } = this.deps;
    const now = clock().toISOString();
    const due = await db.selectFrom("email_notifications").selectAll().where("due_at", "<=", now).execute();
    for (const row of due) {
      const conversation = await getConversation(db, row.conversation_id);
      const contact = conversation && (await getContact(db, conversation.contact_id));
      const replies = await db
        .selectFrom("messages")
        .select(["seq", "author_name", "text", "created_at"])
        .where("conversation_id", "=", row.conversation_id)
        .where("author_type", "=", "agent")
        .where("seq", ">", row.notified_seq)
        .orderBy("seq")
        .execute();
      const last = replies.at(-1)?.seq ?? row.notified_seq;
      // Back in the Messenger since: the replies were shown there, so no email.
      if (contact?.email && replies.length > 0 && !bus.hasListeners(contact.id)) {
        const link = await this.deps.reopenUrl(row.conversation_id);
        const email = composeEmail({ to: contact.email, name: contact.name, appName: this.deps.appName, conversationId: row.conversation_id, replies, link });
        await mailer.send({ ...email, ...(this.deps.replyTo && { replyTo: this.deps.replyTo(row.conversation_id) }) });
      }
      await db
        .updateTable("email_notifications")
        .set({ due_at: null, notified_seq: last, updated_at: clock().toISOString() })
        .where("conversation_id", "=", row.conversation_id)
        .where("due_at", "=", row.due_at)
        .execute();
      // A reply that came in while this email was being written gets an email of its own.
      const later = await db
        .selectFrom("messages")
        .select("seq")
        .where("conversation_id", "=", row.conversation_id)
        .where("author_type", "=", "agent")
        .where("seq", ">", last)
        .executeTakeFirst();
      if (later) await this.replied(row.conversation_id);
    }
  }
}

export function composeEmail(input: {
  to: string;
  name: string | null;
  appName: string;
  conversationId: string;
  replies: { author_name: string | null; text: string }[];
  link: string;
}): Email {
  const who = [...new Set(input.replies.map((reply) => reply.author_name ?? "The team"))].join(", ");
  const subject = `${who} replied to your conversation with ${input.appName}`;
  const greeting = input.name ? `Hi ${input.name.split(/\s+/)[0]},` : "Hi,";
  const text = [
    greeting,
    "",
    `You have ${input.replies.length === 1 ? "a new reply" : `${input.replies.length} new replies`} from ${input.appName}:`,
    "",
    ...input.replies.map((reply) => `${reply.author_name ?? "The team"}: ${reply.text}`),
    "",
    `Continue the conversation: ${input.link}`,
  ].join("\n");
  const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<p>${escape(greeting)}</p><p>You have ${input.replies.length === 1 ? "a new reply" : `${input.replies.length} new replies`} from ${escape(input.appName)}:</p>${input.replies
    .map((reply) => `<blockquote><strong>${escape(reply.author_name ?? "The team")}</strong><br>${escape(reply.text).replace(/\n/g, "<br>")}</blockquote>`)
    .join("")}<p><a href="${escape(input.link)}">Continue the conversation</a></p>`;
  return { to: input.to, subject, text, html, references: `<${input.conversationId}@parley>` };
}
