import type { Conversations } from "../conversations/service";
import type { OutboxTask } from "../outbox/tasks";
import { PermanentError } from "../outbox/worker";
import { type Contact, getContact } from "../store/contacts";
import { getConversation } from "../store/conversations";
import type { Db } from "../store/db";
import { externalRefExists } from "../store/messages";
import { saveTicketLink, type TicketLink, ticketForConversation } from "../store/zendesk-tickets";
import type { ZendeskClient } from "./client";
import type { ZendeskUserInput } from "./schemas";

export interface ZendeskEffectsDeps {
  db: Db;
  client: ZendeskClient;
  conversations: Conversations;
  clock: () => Date;
}

/**
 * Performs the engine's Zendesk effects through the Support API, and imports agents' public
 * replies. Each call is safe to repeat: ticket creation carries an Idempotency-Key, tag calls
 * add or remove (never replace), and imported replies are keyed by their comment id.
 */
export class ZendeskEffects {
  readonly #agentNames = new Map<number, string>();
  #aiAgentId: number | null = null;

  constructor(private readonly deps: ZendeskEffectsDeps) {}

  async perform(conversationId: string, task: OutboxTask): Promise<void> {
    switch (task.type) {
      case "zendesk.ticket.create":
        return this.#createTicket(conversationId, task);
      case "zendesk.ticket.update":
        return this.#updateTicket(conversationId, task);
      case "zendesk.tags":
        return this.#changeTags(conversationId, task);
      case "zendesk.user.update":
        return this.#updateRequester(conversationId, task.userFields);
      case "zendesk.import_replies":
        return this.#importReplies(conversationId, task.ticketId);
      case "ai.answer":
        throw new PermanentError("ai.answer is not a Zendesk task");
      default:
        throw new PermanentError(`${(task as { type: string }).type} is not a Zendesk task`);
    }
  }

  async #createTicket(conversationId: string, task: Extract<OutboxTask, { type: "zendesk.ticket.create" }>): Promise<void> {
    const { db, client, clock } = this.deps;
    if (await ticketForConversation(db, conversationId)) return; // created before a crash
    const conversation = await getConversation(db, conversationId);
    const contact = conversation && (await getContact(db, conversation.contact_id));
    if (!contact) throw new PermanentError(`conversation ${conversationId} has no contact`);
    // The ticket's requester object cannot carry external_id, so the user is made first (reference §6).
    const { user } = await client.users.createOrUpdate(requesterOf(contact));
    const { ticket } = await client.tickets.create(
      {
        subject: task.subject,
        comment: { body: task.comment.body, public: task.comment.public, author_id: user.id },
        requester_id: user.id,
        tags: task.tags,
        external_id: conversationId,
        ...(task.assignee === "ai_agent" && { assignee_id: await this.#aiAgent() }),
      },
      { idempotencyKey: `parley:${conversationId}:ticket` },
    );
    await saveTicketLink(db, { conversationId, ticketId: ticket.id, requesterId: user.id }, clock().toISOString());
  }

  async #updateTicket(conversationId: string, task: Extract<OutboxTask, { type: "zendesk.ticket.update" }>): Promise<void> {
    const link = await this.#link(conversationId);
    const { comment, status, assignee, customFields } = task;
    await this.deps.client.tickets.update(link.ticketId, {
      ...(assignee && { assignee_id: assignee === "nobody" ? null : await this.#aiAgent() }),
      ...(customFields && customFields.length > 0 && { custom_fields: customFields }),
      ...(comment && {
        comment: {
          body: comment.body,
          public: comment.public,
          // Parley's own comments are authored by the API user; the customer's by the requester.
          ...(comment.author === "customer" && { author_id: link.requesterId }),
        },
      }),
      ...(status && { status }),
    });
  }

  async #changeTags(conversationId: string, task: Extract<OutboxTask, { type: "zendesk.tags" }>): Promise<void> {
    const link = await this.#link(conversationId);
    // Removing first: whoever reads the ticket between the two calls never sees both the old tag
    // and its replacement (e.g. fin-soft-resolution next to fin-hard-resolution).
    if (task.remove.length > 0) await this.deps.client.tags.remove(link.ticketId, task.remove);
    if (task.add.length > 0) await this.deps.client.tags.add(link.ticketId, task.add);
  }

  /** Collected data on the requester's user fields: create-or-update finds them as ticket creation did. */
  async #updateRequester(conversationId: string, userFields: Record<string, string | number | boolean>): Promise<void> {
    const { db, client } = this.deps;
    const conversation = await getConversation(db, conversationId);
    const contact = conversation && (await getContact(db, conversation.contact_id));
    if (!contact) throw new PermanentError(`conversation ${conversationId} has no contact`);
    await client.users.createOrUpdate({ ...requesterOf(contact), user_fields: userFields });
  }

  /**
   * Brings an agent's public replies into the conversation. The webhook only says "look at this
   * ticket"; the comments themselves come from the API, so a reply is never lost or doubled
   * whatever the webhook body held. Parley's own comments (made through the API) and the
   * customer's are not replies.
   */
  async #importReplies(conversationId: string, ticketId: number): Promise<void> {
    const { db, client, conversations } = this.deps;
    const link = await this.#link(conversationId);
    if (link.ticketId !== ticketId) return;
    for (const comment of await client.tickets.listComments(ticketId)) {
      if (!comment.public || comment.author_id === link.requesterId || comment.via?.channel === "api") continue;
      const externalRef = `zendesk:comment:${comment.id}`;
      if (await externalRefExists(db, externalRef)) continue;
      await conversations.apply(conversationId, {
        type: "agent.replied",
        text: (comment.plain_body ?? comment.body).trim(),
        authorName: await this.#agentName(comment.author_id),
        externalRef,
      });
    }
  }

  /** The AI agent's Zendesk user: the API user Parley works as (the ticket's assignee while the AI has it). */
  async #aiAgent(): Promise<number> {
    this.#aiAgentId ??= (await this.deps.client.users.me()).id;
    return this.#aiAgentId;
  }

  async #link(conversationId: string): Promise<TicketLink> {
    const link = await ticketForConversation(this.deps.db, conversationId);
    // Retryable: effects run in order, so the ticket is still being created (or will be retried).
    if (!link) throw new Error(`conversation ${conversationId} has no Zendesk ticket yet`);
    return link;
  }

  async #agentName(userId: number): Promise<string> {
    const known = this.#agentNames.get(userId);
    if (known) return known;
    const user = await this.deps.client.users.show(userId);
    // Agents are named by first name in the Messenger, as support teams usually present themselves.
    const name = user.name.trim().split(/\s+/)[0] || user.name;
    this.#agentNames.set(userId, name);
    return name;
  }
}

/**
 * The Zendesk user a contact becomes: found by external id (the host's user_id, lower-cased as
 * Zendesk stores it), else by email; anonymous visitors get an identity of their own.
 */
export function requesterOf(contact: Contact): ZendeskUserInput {
  const name = contact.name ?? contact.email?.split("@")[0] ?? `Website visitor ${contact.id.slice(-6)}`;
  const base = { name, role: "end-user" as const, skip_verify_email: true };
  if (contact.user_id !== null) {
    return { ...base, external_id: contact.user_id.trim().toLowerCase(), ...(contact.email && { email: contact.email }) };
  }
  if (contact.email !== null) return { ...base, email: contact.email };
  return { ...base, external_id: `parley-visitor-${(contact.visitor_id ?? contact.id).toLowerCase()}` };
}
