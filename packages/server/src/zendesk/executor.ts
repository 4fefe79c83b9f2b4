import type { Conversations } from "../conversations/service";
import type { OutboxTask } from "../outbox/tasks";
import { PermanentError } from "../outbox/worker";
import { getContact } from "../store/contacts";
import { summarizeContactEvents } from "../store/contact-events";
import { appendDecisionOnce } from "../store/decisions";
import { getConversation } from "../store/conversations";
import type { Db } from "../store/db";
import { externalRefExists } from "../store/messages";
import { replaceTicketLink, saveTicketLink, type TicketLink, ticketForConversation } from "../store/zendesk-tickets";
import type { ZendeskClient } from "./client";
import type { TicketUpdate } from "./schemas";
import { isUnverifiedClaim, requesterOf, UNVERIFIED_TAG, unverifiedIdentityNote } from "./requester";
import { stateOf } from "../store/conversations";
import { listMessages } from "../store/messages";
import { liveChatFor, postedMessageIds } from "../store/zendesk-live-chats";
import { enqueue } from "../store/outbox";
import { LiveChatUnavailable, type LiveChatTransport, NotListeningYet } from "./handoff/live-chat";
import { ZendeskApiError } from "./errors";
import type { HandoffRequest, TranscriptLine } from "./handoff/types";
import type { HandoffTask } from "../outbox/tasks";
import type { TranscriptLine as ConversationLine, WorkflowLlm } from "../workflow/llm-steps";
import type { TicketComment } from "../engine/types";
import { type CommentUpdate, foldTicketChanges, isCommentUpdate, isTicketChange, LastSeenTickets, type TicketChange, type TicketState } from "./ticket-changes";

// The console's setup check shows what Parley sends as the requester.
export { requesterOf } from "./requester";

/** How many times a coalesced ticket change reads the ticket again after a safe update found it changed, before the outbox retries later. */
const SAFE_UPDATE_READS = 3;

/** How many of the customer's tracked events (by name, latest first) a hand-off note lists. */
const EVENTS_IN_NOTE = 10;

export interface ZendeskEffectsDeps {
  db: Db;
  client: ZendeskClient;
  conversations: Conversations;
  clock: () => Date;
  /** The live hand-off, when the Conversations API is connected. */
  liveChat?: LiveChatTransport | undefined;
  /** The Zendesk agent user that is the AI's identity (ZENDESK_AI_AGENT_ID or the admin API); null: the API user. */
  aiAgentId?: (() => Promise<number | null>) | undefined;
  /** The tag that says the team has the conversation: adding it is a hand-off, and the AI unassigns itself. */
  routedTag?: string | undefined;
  /** The LLM that writes the workflow's AI summaries and classifications, when one is configured; else the built-in ones stand. */
  workflowLlm?: WorkflowLlm | undefined;
  /** Called after an agent's reply was added to the conversation (e.g. to email an offline customer). */
  onAgentReplied?: ((conversationId: string) => Promise<void>) | undefined;
}

/**
 * How many attempts a live hand-off waits for Parley's Conversations API webhook (with the outbox's
 * backoff, half a minute to a minute) before the team gets the conversation as a ticket instead.
 */
const LISTENING_WAIT_ATTEMPTS = 6;

/** What the outbox knows of the attempt: after a failed one, a write may have happened anyway. */
export interface AttemptInfo {
  attempts: number;
  /** The outbox row's id: the marker Zendesk keeps on the update's audit, so a repeat can tell it already happened. */
  id?: number;
}

/**
 * Performs the engine's Zendesk effects through the Support API, and imports agents' public
 * replies. Each call is safe to repeat: ticket creation carries an Idempotency-Key, tag calls
 * add or remove (never replace), and imported replies are keyed by their comment id.
 */
export class ZendeskEffects {
  readonly #agentNames = new Map<number, string>();
  /** Each ticket as its last answer showed it: where a coalesced change starts (see `performTogether`). */
  readonly #lastSeen = new LastSeenTickets();
  #apiUserId: number | null = null;

  constructor(private readonly deps: ZendeskEffectsDeps) {}

  async perform(conversationId: string, task: OutboxTask, attempt: AttemptInfo = { attempts: 0 }): Promise<void> {
    try {
      return await this.#perform(conversationId, task, attempt);
    } catch (error) {
      // Closed tickets take no updates: carry on in a follow-up ticket, as Zendesk does for email.
      if (!isClosedTicket(error) || !["zendesk.ticket.update", "zendesk.tags", "zendesk.handoff", "zendesk.ai_summary", "zendesk.classify"].includes(task.type)) throw error;
      await this.#followUp(conversationId);
      return this.#perform(conversationId, task, attempt);
    }
  }

  /**
   * Tag and status changes of the conversation's ticket, queued one after another (the outbox ran
   * them together), made as one ticket update. Zendesk's Update Ticket (`PUT /tickets/{id}`) takes
   * `status` and `tags` together, but its `tags` replace the whole list: the list is computed from
   * the ticket as Parley's last answer about it showed it (read first when there is none), and sent
   * as a safe update (`safe_update` with that `updated_stamp`), which Zendesk refuses with 409 when
   * anyone changed the ticket since, so an agent's or a trigger's edit is never overwritten: then
   * the ticket is read again. Update Many Tickets' `additional_tags`/`remove_tags` would need no
   * tag list, but it is a background job whose outcome must be polled (and counts against the
   * account's concurrent jobs), and Zendesk does not say in which order it applies a tag both added
   * and removed; here the order is ours.
   *
   * A comment update right behind the changes closes the run and carries them: Zendesk makes one
   * audit of it, whose marker (the comment job's) says afterwards that the comment, and the changes
   * with it, were made, as for a comment update alone.
   */
  async performTogether(conversationId: string, jobs: readonly { id: number; attempts: number; task: OutboxTask }[]): Promise<void> {
    const last = jobs.at(-1);
    const closing = last && isCommentUpdate(last.task) ? { task: last.task, attempt: { id: last.id, attempts: last.attempts } } : undefined;
    const tasks = (closing ? jobs.slice(0, -1) : jobs).map((job) => job.task);
    const changes = tasks.filter(isTicketChange);
    if (changes.length !== tasks.length || changes.length === 0) {
      throw new PermanentError(`only tag and status changes, then a comment, run together, not ${jobs.map((job) => job.task.type).join(", ")}`);
    }
    try {
      await this.#changeTicket(conversationId, changes, closing);
    } catch (error) {
      if (!isClosedTicket(error)) throw error;
      await this.#followUp(conversationId);
      await this.#changeTicket(conversationId, changes, closing);
    }
    // As a status update alone would: reopened for the team (it carries their tag), the live hand-off follows.
    const status = closing?.task.status ?? changes.findLast((change) => change.type === "zendesk.ticket.update")?.status;
    if (status === "open" && (await this.#routed(conversationId))) await this.#passToLiveChat(conversationId);
  }

  async #changeTicket(conversationId: string, changes: readonly TicketChange[], closing?: { task: CommentUpdate; attempt: AttemptInfo }): Promise<void> {
    const { client } = this.deps;
    const link = await this.#link(conversationId);
    let comment = closing && (await this.#commentOf(link, closing.task.comment));
    const marker = closing?.attempt.id === undefined ? null : `outbox-${closing.attempt.id}`;
    if (comment && marker && closing && closing.attempt.attempts > 0 && (await this.#hasMarker(link.ticketId, marker))) {
      // An earlier attempt's update was made, its answer lost: the comment is there. The changes
      // went with it; checking them again costs a read at most.
      comment = undefined;
      this.#lastSeen.forget(link.ticketId);
    }
    const closingStatus = comment && closing?.task.status;
    const all: readonly TicketChange[] = closingStatus ? [...changes, { type: "zendesk.ticket.update", status: closingStatus }] : changes;
    // The ticket as Parley's last call left it, if this process made one: usually no read is needed.
    let ticket: TicketState | undefined = this.#lastSeen.get(link.ticketId);
    let remembered = ticket !== undefined;
    for (let conflicts = 0; ; ) {
      let update = ticket && foldTicketChanges(ticket, all);
      // Not known, or remembered as already so (which may be old news): the ticket itself says.
      if (!ticket || (update === null && remembered)) {
        ticket = this.#saw(await client.tickets.show(link.ticketId));
        remembered = false;
        update = foldTicketChanges(ticket, all);
      }
      // Nothing left to change, e.g. an earlier attempt whose answer was lost made it already.
      if (!update && !comment) return;
      const withTags = update?.tags !== undefined;
      try {
        if (comment) this.#lastSeen.forget(link.ticketId); // until an answer says how the ticket is now
        const answer = await client.tickets.update(link.ticketId, {
          ...update,
          ...(comment && { comment, ...(marker && { metadata: { custom: { [UPDATE_MARKER]: marker } } }) }),
          ...(withTags && { safe_update: true, updated_stamp: ticket.updated_at }),
        });
        this.#saw(answer.ticket);
        return;
      } catch (error) {
        this.#lastSeen.forget(link.ticketId);
        if (!(error instanceof ZendeskApiError && error.status === 409)) throw error;
        // Changed since it was read or remembered: read it again. A ticket that keeps changing is
        // tried again later by the outbox (a 409 alone would count as final).
        if (++conflicts >= SAFE_UPDATE_READS) throw new Error(`ticket ${link.ticketId} changed under each of ${conflicts} safe updates: trying again later`);
        ticket = undefined;
      }
    }
  }

  /** Keeps the ticket an answer carried, as where the next coalesced change starts; returns it. */
  #saw<T extends { id: number } & TicketState>(ticket: T): T {
    this.#lastSeen.remember(ticket);
    return ticket;
  }

  async #perform(conversationId: string, task: OutboxTask, attempt: AttemptInfo): Promise<void> {
    switch (task.type) {
      case "zendesk.handoff":
        return this.#handOff(conversationId, task, attempt);
      case "zendesk.live.message":
        return this.#relay(conversationId, task.messageId, task.text, attempt.attempts > 0);
      case "zendesk.ticket.create":
        return this.#createTicket(conversationId, task);
      case "zendesk.ticket.update":
        // While an agent has the live chat, the customer's messages go there instead of the ticket.
        if (task.comment?.author === "customer" && !task.status && (await this.#relayText(conversationId, task.comment.body, attempt.attempts > 0))) return;
        return this.#updateTicket(conversationId, task, attempt);
      case "zendesk.tags":
        return this.#changeTags(conversationId, task);
      case "zendesk.ai_summary":
        return this.#updateTicket(conversationId, { type: "zendesk.ticket.update", comment: { body: await this.#summary(conversationId, task), public: false, author: "ai" } }, attempt);
      case "zendesk.classify": {
        const customFields = await this.#classification(conversationId, task);
        if (customFields.length === 0) return;
        return this.#updateTicket(conversationId, { type: "zendesk.ticket.update", customFields }, attempt);
      }
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
        tags: isUnverifiedClaim(contact) ? [...(task.tags ?? []), UNVERIFIED_TAG] : task.tags,
        external_id: conversationId,
        ...(task.assignee === "ai_agent" && { assignee_id: await this.#aiAgent() }),
      },
      { idempotencyKey: `parley:${conversationId}:ticket` },
    );
    this.#saw(ticket);
    await saveTicketLink(db, { conversationId, ticketId: ticket.id, requesterId: user.id }, clock().toISOString());
  }

  async #updateTicket(conversationId: string, task: Extract<OutboxTask, { type: "zendesk.ticket.update" }>, attempt: AttemptInfo): Promise<void> {
    const link = await this.#link(conversationId);
    const { comment, status, assignee, customFields } = task;
    // The engine unassigns the AI at every hand-off; a person who took the ticket meanwhile keeps it.
    const unassign = assignee === "nobody" && (await this.#assignedToAi(link.ticketId));
    const handingOff = assignee === "nobody" || (status === "open" && (await this.#routed(conversationId)));
    // The team's note at a hand-off also says what the customer did on the site (Intercom('trackEvent')).
    const body = comment && assignee === "nobody" && !comment.public ? await this.#withIdentity(conversationId, await this.#withEvents(conversationId, comment.body)) : comment?.body;
    await this.#updateOnce(link.ticketId, attempt, {
      ...(assignee === "ai_agent" && { assignee_id: await this.#aiAgent() }),
      ...(unassign && { assignee_id: null }),
      ...(customFields && customFields.length > 0 && { custom_fields: customFields }),
      ...(comment && body !== undefined && { comment: await this.#commentOf(link, { ...comment, body }) }),
      ...(status && { status }),
    });
    if (handingOff) await this.#passToLiveChat(conversationId);
  }

  /** After the update that hands the conversation off: in `live` mode, the live hand-off follows. */
  async #passToLiveChat(conversationId: string): Promise<void> {
    // The mode the workflow's hand-off step decided (a `situation` one by office hours) is on the conversation.
    if (this.deps.liveChat && (await this.#decidedMode(conversationId)) === "live") {
      // Its own task, next in this lane: a failing live hand-off is retried without repeating this update.
      const task: HandoffTask = { type: "zendesk.handoff", mode: "live", summary: null, collectedData: {} };
      await enqueue(this.deps.db, conversationId, "zendesk", task, this.deps.clock().toISOString());
    }
  }

  /** A comment as Zendesk takes it: the customer's are authored by the requester; the AI's by its agent user (else the API user). */
  async #commentOf(link: TicketLink, comment: TicketComment): Promise<NonNullable<TicketUpdate["comment"]>> {
    // Without a configured AI agent the API user authors the AI's comments anyway: no author_id needed.
    const aiAgent = comment.author === "ai" ? await this.#configuredAiAgent() : null;
    return {
      body: comment.body,
      public: comment.public,
      ...(comment.author === "customer" && { author_id: link.requesterId }),
      ...(aiAgent !== null && { author_id: aiAgent }),
    };
  }

  /** Whether an update carrying this marker is on the ticket's audits (it happened, though its answer was lost). */
  async #hasMarker(ticketId: number, marker: string): Promise<boolean> {
    const audits = await this.deps.client.tickets.listAudits(ticketId);
    return audits.some((audit) => audit.metadata?.custom?.[UPDATE_MARKER] === marker);
  }

  /** A hand-off note with the customer's tracked events under it, newest first (at most EVENTS_IN_NOTE names). */
  async #withEvents(conversationId: string, note: string): Promise<string> {
    const conversation = await getConversation(this.deps.db, conversationId);
    const events = conversation ? await summarizeContactEvents(this.deps.db, conversation.contact_id) : [];
    if (events.length === 0) return note;
    const lines = events
      .slice(0, EVENTS_IN_NOTE)
      .map(({ event_name, count, last_at }) => `- ${event_name}: ${count === 1 ? "once" : `${count} times`}, last ${last_at.slice(0, 16).replace("T", " ")} UTC`);
    return `${note}\n\nWhat the customer did on the site (tracked events):\n${lines.join("\n")}`;
  }

  /** A hand-off note with, for a customer whose identity is unproven, who they say they are and that nobody checked. */
  async #withIdentity(conversationId: string, note: string): Promise<string> {
    const conversation = await getConversation(this.deps.db, conversationId);
    const contact = conversation && (await getContact(this.deps.db, conversation.contact_id));
    const identity = contact ? unverifiedIdentityNote(contact) : null;
    return identity ? `${note}\n\n${identity}` : note;
  }

  /** The AI summary note: the LLM's, from the conversation, with the collected data under it; else the built-in one. */
  async #summary(conversationId: string, task: Extract<OutboxTask, { type: "zendesk.ai_summary" }>): Promise<string> {
    const llm = this.deps.workflowLlm;
    if (!llm) return task.builtIn;
    const summary = await llm.summarize(await this.#transcript(conversationId), task.collected);
    if (summary === null) return task.builtIn;
    return ["AI summary of the conversation:", summary, ...(task.collected ? ["Collected:", task.collected] : [])].join("\n");
  }

  /** The classified fields: the LLM's choice for each field it could decide, the rules' value for the rest. */
  async #classification(conversationId: string, task: Extract<OutboxTask, { type: "zendesk.classify" }>): Promise<{ id: number; value: string | number | boolean }[]> {
    const llm = this.deps.workflowLlm;
    if (!llm || task.fields.length === 0) return task.builtIn;
    const chosen = await llm.classify(await this.#transcript(conversationId), task.collected, task.fields);
    const values = new Map(task.builtIn.map((field) => [field.id, field.value]));
    for (const [id, value] of chosen) values.set(id, value);
    return [...values].map(([id, value]) => ({ id, value }));
  }

  async #transcript(conversationId: string): Promise<ConversationLine[]> {
    return (await listMessages(this.deps.db, conversationId)).map((message) => ({ author: message.author.type, text: message.text }));
  }

  async #changeTags(conversationId: string, task: Extract<OutboxTask, { type: "zendesk.tags" }>): Promise<void> {
    const link = await this.#link(conversationId);
    // Removing first: whoever reads the ticket between the two calls never sees both the old tag
    // and its replacement (e.g. fin-soft-resolution next to fin-hard-resolution).
    // The Tags API answers the tags alone, not the ticket's new updated_at.
    this.#lastSeen.forget(link.ticketId);
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
      await this.deps.onAgentReplied?.(conversationId);
    }
  }

  async #handOff(conversationId: string, task: HandoffTask, attempt: AttemptInfo): Promise<void> {
    if (task.mode === "live") {
      const unavailable = await this.#handOffLive(conversationId, task, attempt);
      if (unavailable === null) return;
      // The team still gets the conversation, on the ticket, with the reason live chat failed; the
      // owner reads it in the console's transcript too.
      await appendDecisionOnce(this.deps.db, conversationId, { kind: "live_unavailable", reason: unavailable }, this.deps.clock().toISOString());
      const summary = [task.summary, `Live chat was not possible: ${unavailable}.`].filter(Boolean).join("\n\n");
      return this.#handOff(conversationId, { ...task, mode: "ticket", summary }, attempt);
    }
    // Ticket mode: the team's note carries the AI summary and what the workflow collected.
    const link = await this.#link(conversationId);
    const aiAgent = await this.#configuredAiAgent();
    const unassign = await this.#assignedToAi(link.ticketId);
    await this.#updateOnce(link.ticketId, attempt, {
      comment: { body: await this.#withIdentity(conversationId, ticketNote(task)), public: false, ...(aiAgent !== null && { author_id: aiAgent }) },
      status: "open",
      ...(unassign && { assignee_id: null }),
    });
  }

  /**
   * A ticket update that happens once, though Zendesk has no idempotency key for updates: it carries
   * the outbox row's marker in `metadata.custom` (kept on its audit, unseen by agents), and after a
   * failed attempt, whose answer may have been lost, the audits are read first. The HTTP layer does
   * not repeat comment updates; the outbox is the one retry layer.
   */
  async #updateOnce(ticketId: number, attempt: AttemptInfo, update: TicketUpdate): Promise<void> {
    const marker = attempt.id === undefined ? null : `outbox-${attempt.id}`;
    if (marker && update.comment && attempt.attempts > 0 && (await this.#hasMarker(ticketId, marker))) return;
    this.#lastSeen.forget(ticketId); // until an answer says how the ticket is now
    this.#saw((await this.deps.client.tickets.update(ticketId, { ...update, ...(marker && update.comment && { metadata: { custom: { [UPDATE_MARKER]: marker } } }) })).ticket);
  }

  /** A follow-up of the conversation's closed ticket, made once (Idempotency-Key), and the conversation moved to it. */
  async #followUp(conversationId: string): Promise<void> {
    const { db, client } = this.deps;
    const link = await this.#link(conversationId);
    const conversation = await getConversation(db, conversationId);
    const contact = conversation && (await getContact(db, conversation.contact_id));
    const aiAgent = await this.#aiAgent();
    const { ticket } = await client.tickets.create(
      {
        subject: `Follow-up to #${link.ticketId}`,
        comment: { body: `The customer wrote again in the Messenger after #${link.ticketId} was closed.`, public: false },
        requester_id: link.requesterId,
        via_followup_source_id: link.ticketId,
        external_id: conversationId,
        ...(conversation && { tags: contact && isUnverifiedClaim(contact) ? [...stateOf(conversation).tags, UNVERIFIED_TAG] : stateOf(conversation).tags }),
        ...(aiAgent !== null && { assignee_id: aiAgent }),
      },
      { idempotencyKey: `parley:${conversationId}:followup:${link.ticketId}` },
    );
    this.#saw(ticket);
    await replaceTicketLink(db, conversationId, ticket.id);
  }

  /**
   * The AI agent's Zendesk user: the configured agent (ZENDESK_AI_AGENT_ID or the admin API), else
   * the API user Parley works as. It is the ticket's assignee while the AI has the conversation.
   */
  async #aiAgent(): Promise<number> {
    const configured = await this.#configuredAiAgent();
    if (configured !== null) return configured;
    this.#apiUserId ??= (await this.deps.client.users.me()).id;
    return this.#apiUserId;
  }

  async #configuredAiAgent(): Promise<number | null> {
    return (await this.deps.aiAgentId?.()) ?? null;
  }

  /** At every hand-off the AI lets go of the ticket, unless a person has taken it already. */
  async #unassignAi(ticketId: number): Promise<void> {
    if (await this.#assignedToAi(ticketId)) this.#saw((await this.deps.client.tickets.update(ticketId, { assignee_id: null })).ticket);
  }

  async #assignedToAi(ticketId: number): Promise<boolean> {
    const aiAgent = await this.#aiAgent();
    return aiAgent !== null && this.#saw(await this.deps.client.tickets.show(ticketId)).assignee_id === aiAgent;
  }

  /** How the engine decided to hand the conversation off: `live` or `ticket` (null before any hand-off). */
  async #decidedMode(conversationId: string): Promise<"ticket" | "live" | null> {
    const conversation = await getConversation(this.deps.db, conversationId);
    return conversation ? stateOf(conversation).workflow.handoffMode : null;
  }

  /** Whether the conversation carries the team's tag: it has been handed off. */
  async #routed(conversationId: string): Promise<boolean> {
    const conversation = this.deps.routedTag ? await getConversation(this.deps.db, conversationId) : undefined;
    return conversation !== undefined && stateOf(conversation).tags.includes(this.deps.routedTag ?? "");
  }

  /** Null when the live chat is on; otherwise why it cannot be (nothing a retry would change). */
  async #handOffLive(conversationId: string, task: HandoffTask, attempt: AttemptInfo): Promise<string | null> {
    if (!this.deps.liveChat) return "the Conversations API is not connected";
    try {
      await this.deps.liveChat.handOff(await this.#handoffRequest(conversationId, task));
    } catch (error) {
      if (error instanceof LiveChatUnavailable) return error.message;
      // Waiting for Parley's webhook has its limit: the customer must reach the team, on the ticket if need be.
      if (error instanceof NotListeningYet && attempt.attempts >= LISTENING_WAIT_ATTEMPTS) {
        return "Parley's Conversations API webhook could not be registered, so Parley would not hear the agent's replies";
      }
      if (error instanceof ZendeskApiError && !error.retryable) return `Zendesk answered ${error.status}${error.code ? ` (${error.code})` : ""}`;
      throw error;
    }
    const link = await ticketForConversation(this.deps.db, conversationId);
    if (link) await this.#unassignAi(link.ticketId);
    return null;
  }

  async #handoffRequest(conversationId: string, task: HandoffTask): Promise<HandoffRequest> {
    const { db } = this.deps;
    const conversation = await getConversation(db, conversationId);
    const contact = conversation && (await getContact(db, conversation.contact_id));
    if (!conversation || !contact) throw new PermanentError(`conversation ${conversationId} has no contact`);
    const requester = requesterOf(contact);
    const unverified = unverifiedIdentityNote(contact);
    const transcript: TranscriptLine[] = (await listMessages(db, conversationId)).map((message) => ({
      messageId: message.id,
      author: message.author.type === "customer" ? "customer" : message.author.type === "ai" ? "ai" : message.author.type === "agent" ? "agent" : "system",
      name: message.author.name,
      text: message.text,
    }));
    return {
      conversationId,
      // Unproven, the claimed email stays out: the agent workspace would match the real user by it.
      customer: unverified
        ? { externalId: requester.external_id ?? contact.id, name: requester.name, email: null }
        : { externalId: requester.external_id ?? contact.email ?? contact.id, name: contact.name, email: contact.email },
      transcript,
      summary: unverified ? [unverified, task.summary].filter(Boolean).join("\n\n") : task.summary,
      collectedData: task.collectedData,
      tags: unverified ? [...stateOf(conversation).tags, UNVERIFIED_TAG] : stateOf(conversation).tags,
    };
  }

  async #relay(conversationId: string, messageId: string, text: string, mayHaveBeenSent: boolean): Promise<void> {
    const relayed = this.deps.liveChat && (await this.deps.liveChat.relayCustomerMessage(conversationId, { messageId, text }, mayHaveBeenSent));
    if (relayed === "sent") return;
    const link = await this.#link(conversationId);
    this.#lastSeen.forget(link.ticketId);
    this.#saw((await this.deps.client.tickets.update(link.ticketId, { comment: { body: text, public: true, author_id: link.requesterId } })).ticket);
  }

  /**
   * Relays a customer comment of the ticket lane to the live chat, if there is one: the customer
   * message it mirrors is the earliest one with that text not yet in the live chat. True when the
   * live chat took it (or already had it).
   */
  async #relayText(conversationId: string, text: string, mayHaveBeenSent: boolean): Promise<boolean> {
    const { liveChat, db } = this.deps;
    if (!liveChat) return false;
    const chat = await liveChatFor(db, conversationId);
    // A released chat may still have taken it, on an attempt whose answer was lost.
    if (!chat || (chat.status === "released" && !mayHaveBeenSent)) return false;
    const posted = await postedMessageIds(db, conversationId);
    const message = (await listMessages(db, conversationId)).find(
      (candidate) => candidate.author.type === "customer" && candidate.text === text && !posted.has(candidate.id),
    );
    if (!message) return true; // the hand-off's transcript carried it already
    return (await liveChat.relayCustomerMessage(conversationId, { messageId: message.id, text }, mayHaveBeenSent)) === "sent";
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

/** Zendesk's answer to any change of a closed ticket. */
function isClosedTicket(error: unknown): boolean {
  return error instanceof ZendeskApiError && error.status === 422 && /closed/i.test(error.message);
}

/** The `metadata.custom` key of Parley's comment updates. */
const UPDATE_MARKER = "parley_effect";

/** The internal note of a ticket hand-off: the AI's summary, then the collected data. */
export function ticketNote(task: Pick<HandoffTask, "summary" | "collectedData">): string {
  const parts = ["The AI agent handed this conversation to the team."];
  if (task.summary?.trim()) parts.push(`Summary:\n${task.summary.trim()}`);
  const data = Object.entries(task.collectedData);
  if (data.length > 0) parts.push(`Collected data:\n${data.map(([name, value]) => `- ${name}: ${value}`).join("\n")}`);
  return parts.join("\n\n");
}
