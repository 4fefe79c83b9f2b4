import type { OutboxTask } from "../outbox/tasks";
import { parseTask } from "../outbox/tasks";
import type { OutboxRow } from "../store/outbox";
import type { TicketStatus } from "./schemas";

/**
 * A change of a ticket's tags or status alone: what several queued jobs of one ticket can make
 * together, as one ticket update. Comments, assignees and fields are left to their own calls.
 */
export type TicketChange = Extract<OutboxTask, { type: "zendesk.tags" }> | (Extract<OutboxTask, { type: "zendesk.ticket.update" }> & { status: TicketStatus });

export function isTicketChange(task: OutboxTask): task is TicketChange {
  if (task.type === "zendesk.tags") return true;
  return task.type === "zendesk.ticket.update" && task.status !== undefined && !task.comment && !task.assignee && !task.customFields;
}

/**
 * A comment update that may close a run of tag and status changes, carried by the same ticket
 * update (one audit, so its marker says the whole update happened). Not one that hands off
 * (`assignee`), fills fields, or a customer's message that may belong to a live chat instead.
 */
export type CommentUpdate = Extract<OutboxTask, { type: "zendesk.ticket.update" }> & { comment: NonNullable<Extract<OutboxTask, { type: "zendesk.ticket.update" }>["comment"]> };

export function isCommentUpdate(task: OutboxTask): task is CommentUpdate {
  if (task.type !== "zendesk.ticket.update" || !task.comment || task.assignee || task.customFields) return false;
  return task.comment.author !== "customer" || task.status !== undefined;
}

/**
 * The outbox's `runTogether` for the Zendesk lane: tag and status changes queued one after
 * another for the same conversation's ticket run as one job, and the comment update right behind
 * them, if there is one, closes the run and carries them. Anything else ends the run, so nothing
 * is reordered around it.
 */
export function runsTogether(run: readonly OutboxRow[], next: OutboxRow): boolean {
  const read = (row: OutboxRow): OutboxTask | null => {
    try {
      return parseTask(row.effect);
    } catch {
      return null; // a row it cannot read runs alone, and fails with its own error
    }
  };
  const last = run.at(-1);
  const task = read(next);
  if (!last || !task || last.conversationId !== next.conversationId) return false;
  const lastTask = read(last);
  return lastTask !== null && isTicketChange(lastTask) && (isTicketChange(task) || isCommentUpdate(task));
}

/**
 * What the ticket must become after `changes`, applied in the order they were queued onto the
 * ticket as it is now: each tag job removes, then adds (as its own Tags API calls did); the last
 * status wins. Null when the ticket is already so (e.g. an earlier attempt's answer was lost).
 * The tags are the ticket's whole list, since `ticket.tags` in an update replaces them all.
 */
export function foldTicketChanges(
  ticket: { tags: readonly string[]; status: string },
  changes: readonly TicketChange[],
): { tags?: string[]; status?: TicketStatus } | null {
  const tags = [...ticket.tags];
  let status: TicketStatus | undefined;
  for (const change of changes) {
    if (change.type === "zendesk.ticket.update") {
      status = change.status;
      continue;
    }
    for (const tag of change.remove) {
      const at = tags.indexOf(tag);
      if (at !== -1) tags.splice(at, 1);
    }
    for (const tag of change.add) if (!tags.includes(tag)) tags.push(tag);
  }
  const tagsChanged = tags.length !== ticket.tags.length || tags.some((tag) => !ticket.tags.includes(tag));
  const statusChanged = status !== undefined && status !== ticket.status;
  if (!tagsChanged && !statusChanged) return null;
  return { ...(tagsChanged && { tags }), ...(statusChanged && { status }) };
}

/** What a coalesced change needs of a ticket: its tags and status, and its `updated_at` for the safe update. */
export type TicketState = { tags: readonly string[]; status: string; updated_at: string };

/**
 * Tickets as Parley last read or wrote them (each answer carries the ticket), so a coalesced change
 * can start from there without reading the ticket first: one request instead of two. It is only a
 * guess: the safe update is refused (409) when the ticket changed since (an agent, a trigger,
 * another process), and then the ticket is read. The oldest are dropped past `limit`.
 * Zendesk's `updated_at` counts whole seconds, so an edit made within the same second as the
 * answer remembered here goes unseen by the safe update, as one between a read and the write would.
 */
export class LastSeenTickets {
  readonly #tickets = new Map<number, TicketState>();

  constructor(private readonly limit = 10_000) {}

  get(ticketId: number): TicketState | undefined {
    return this.#tickets.get(ticketId);
  }

  remember(ticket: { id: number } & TicketState): void {
    this.#tickets.delete(ticket.id);
    this.#tickets.set(ticket.id, { tags: [...ticket.tags], status: ticket.status, updated_at: ticket.updated_at });
    if (this.#tickets.size > this.limit) this.#tickets.delete(this.#tickets.keys().next().value as number);
  }

  /** After a change whose answer does not carry the whole ticket (the Tags API), or none came. */
  forget(ticketId: number): void {
    this.#tickets.delete(ticketId);
  }
}
