import { z } from "zod";
import { fromBody, fromHtml, subjectFrom, type CommentText } from "./comment-text";
import { RecordErrors, ZendeskError, invalidField, recordNotFound } from "./errors";
import { ExternalId, LooseBoolean, TagsInput, ZendeskId } from "./input";
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type AuditEvent,
  type AuditRecord,
  type Channel,
  type CommentRecord,
  type CustomFieldValue,
  type TicketRecord,
  type TicketStatus,
  type UserRecord,
  type Via,
} from "./state";
import type { AccountStore } from "./store";
import { sameTags } from "./tags";
import { isCustomField } from "./ticket-fields";
import { createUser, isAgent } from "./users";

/** Zendesk refuses comments past this many on one ticket. */
export const MAX_COMMENTS_PER_TICKET = 5000;

export const CommentInput = z.looseObject({
  body: z.string().optional(),
  html_body: z.string().optional(),
  public: LooseBoolean.optional(),
  author_id: ZendeskId.optional(),
});
export type CommentInput = z.output<typeof CommentInput>;

const RequesterObject = z.looseObject({
  name: z.string().optional(),
  email: z.string().optional(),
  locale: z.string().optional(),
});

/** The write-only `requester` of a new ticket: a user id, an email, or a new user's name and email. */
const RequesterInput = z.union([ZendeskId, z.string(), RequesterObject]);

const CustomFieldInput = z.looseObject({ id: ZendeskId, value: z.unknown() });

/** The ticket properties `POST /tickets` and `PUT /tickets/{id}` accept. */
export const TicketInput = z.looseObject({
  subject: z.string().nullable().optional(),
  comment: CommentInput.optional(),
  status: z.string().optional(),
  priority: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  requester_id: ZendeskId.optional(),
  requester: RequesterInput.optional(),
  submitter_id: ZendeskId.optional(),
  assignee_id: ZendeskId.nullable().optional(),
  assignee_email: z.string().nullable().optional(),
  external_id: ExternalId.optional(),
  tags: TagsInput.nullable().optional(),
  custom_fields: z.array(CustomFieldInput).optional(),
  fields: z.array(CustomFieldInput).optional(),
  safe_update: LooseBoolean.optional(),
  updated_stamp: z.string().optional(),
  /** On create: this ticket follows up that closed one (Zendesk's follow-up tickets). */
  via_followup_source_id: ZendeskId.optional(),
  /** `metadata.custom` is kept on the change's audit, as Zendesk does. */
  metadata: z.looseObject({ custom: z.record(z.string(), z.unknown()).optional() }).optional(),
});
export type TicketInput = z.output<typeof TicketInput>;

/** Who makes a change, and through which channel (API or the agent page). */
export interface UpdateContext {
  actor: UserRecord;
  channel: Exclude<Channel, "rule">;
  now: string;
}

/** One create or update of a ticket: what triggers look at once it has happened. */
export interface TicketUpdate {
  ticket: TicketRecord;
  /** The ticket as it was before this update; `null` when it was just created. */
  before: TicketRecord | null;
  audit: AuditRecord;
  comment: CommentRecord | null;
  actor: UserRecord;
  channel: Channel;
}

/** The ticket properties an update (or a trigger) may change, already validated. */
export interface TicketChanges {
  subject?: string | null;
  status?: TicketStatus;
  priority?: TicketRecord["priority"];
  type?: TicketRecord["type"];
  requester_id?: number;
  assignee_id?: number | null;
  external_id?: string | null;
  tags?: string[];
  custom_fields?: CustomFieldValue[];
}

export function viaOf(channel: Channel, rule?: { id: number; title: string }): Via {
  if (channel === "rule" && rule) return { channel, rel: "trigger", from: { id: rule.id, title: rule.title } };
  return { channel, rel: null, from: {} };
}

export function ticketById(store: AccountStore, id: number): TicketRecord {
  const ticket = store.tickets.get(id);
  if (!ticket) throw recordNotFound();
  return ticket;
}

/** `POST /tickets`: a new ticket with its first comment. */
export function createTicket(store: AccountStore, input: TicketInput, ctx: UpdateContext): TicketUpdate {
  const errors = new RecordErrors();
  const text = commentText(input.comment);
  if (!text) errors.add("description", "Description: cannot be blank", "BlankValue");

  const requester = resolveRequester(store, input, ctx.actor, errors);
  const submitterId = input.submitter_id ?? input.comment?.author_id;
  if (input.submitter_id !== undefined && !store.users.has(input.submitter_id)) {
    errors.add("submitter", "Submitter: is invalid");
  }
  if (input.comment?.author_id !== undefined && !store.users.has(input.comment.author_id)) {
    errors.add("author_id", "Author: is invalid");
  }
  const changes = validatedChanges(store, input, null, errors);
  const source = input.via_followup_source_id === undefined ? undefined : store.tickets.get(input.via_followup_source_id);
  if (input.via_followup_source_id !== undefined && source?.status !== "closed") {
    errors.add("via_followup_source_id", "Via followup source: only a closed ticket can be followed up");
  }
  errors.throwIfAny();
  if (!text) throw new Error("unreachable: a ticket without a comment passed validation");

  const requesterUser = requester.user ?? createUser(store, requester.create, ctx.now);
  const submitter = submitterId ?? requesterUser.id;
  const authorId = input.comment?.author_id ?? submitter;
  const isPublic = input.comment?.public ?? true;
  let status: TicketStatus = changes.status ?? (changes.assignee_id ? "open" : "new");
  let assigneeId = changes.assignee_id ?? null;
  if (status === "new" && assigneeId !== null) status = "open";
  if ((status === "solved" || status === "closed") && assigneeId === null && isAgent(ctx.actor)) {
    assigneeId = ctx.actor.id;
  }

  const via: Via = source ? { channel: ctx.channel, rel: "follow_up", from: { ticket_id: source.id } } : viaOf(ctx.channel);
  const ticket: TicketRecord = {
    id: store.nextId("ticket"),
    subject: changes.subject ?? subjectFrom(text.body),
    description: text.body,
    status,
    priority: changes.priority ?? null,
    type: changes.type ?? null,
    requester_id: requesterUser.id,
    submitter_id: submitter,
    assignee_id: assigneeId,
    external_id: changes.external_id ?? null,
    tags: changes.tags ?? [],
    custom_fields: changes.custom_fields ?? [],
    is_public: isPublic,
    via,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  store.tickets.set(ticket.id, ticket);

  const audit = newAudit(store, ticket.id, authorId, via, ctx.now);
  const comment = addComment(store, ticket, audit, { ...text, public: isPublic, author_id: authorId }, ctx.now);
  const created: [string, unknown][] = [
    ["subject", ticket.subject],
    ["requester_id", String(ticket.requester_id)],
    ["status", ticket.status],
    ["priority", ticket.priority],
    ["type", ticket.type],
    ["assignee_id", ticket.assignee_id === null ? null : String(ticket.assignee_id)],
    ["tags", ticket.tags.length ? [...ticket.tags] : null],
    ...ticket.custom_fields.map((field): [string, unknown] => [String(field.id), field.value]),
  ];
  for (const [field_name, value] of created) {
    if (value !== null) audit.events.push({ id: store.nextId("event"), type: "Create", field_name, value });
  }
  store.auditsOf(ticket.id).push(audit);
  return { ticket, before: null, audit, comment, actor: ctx.actor, channel: ctx.channel };
}

/** `PUT /tickets/{id}`: changes properties and/or adds a comment, as one audit. */
export function updateTicket(store: AccountStore, id: number, input: TicketInput, ctx: UpdateContext): TicketUpdate {
  const before = ticketById(store, id);
  if (before.status === "closed") throw invalidField("status", "Status: closed prevents ticket update");
  checkSafeUpdate(before, input.safe_update, input.updated_stamp);

  const errors = new RecordErrors();
  const changes = validatedChanges(store, input, before, errors);
  const text = commentText(input.comment);
  const authorId = input.comment?.author_id ?? ctx.actor.id;
  const author = store.users.get(authorId);
  if (text && !author) errors.add("author_id", "Author: is invalid");
  if (text && store.commentsOf(id).length >= MAX_COMMENTS_PER_TICKET) {
    errors.add("base", `Comments: a ticket can't have more than ${MAX_COMMENTS_PER_TICKET} comments`);
  }
  errors.throwIfAny();

  // The public/private choice made when the ticket was created sticks unless a comment says otherwise.
  const isPublic = input.comment?.public ?? before.is_public;
  if (text && author && isPublic && author.role === "end-user" && changes.status === undefined) {
    // An end user's reply puts a ticket that waits on them (or was solved) back in the agents' queue.
    if (before.status === "pending" || before.status === "hold" || before.status === "solved") changes.status = "open";
  }

  const via = viaOf(ctx.channel);
  const audit = newAudit(store, id, ctx.actor.id, via, ctx.now);
  if (input.metadata?.custom) audit.custom_metadata = input.metadata.custom;
  const comment = text ? addComment(store, before, audit, { ...text, public: isPublic, author_id: authorId }, ctx.now) : null;
  const ticket = applyChanges(store, before, changes, audit, ctx.now, ctx.actor, undefined);
  if (audit.events.length > 0) store.auditsOf(id).push(audit);
  return { ticket, before, audit, comment, actor: ctx.actor, channel: ctx.channel };
}

/** What the Tags API does to a ticket's tags. */
export type TagsOperation = "set" | "add" | "remove";

/** `POST|PUT|DELETE /tickets/{id}/tags`: set, add or remove tags, as one audit. */
export function changeTags(
  store: AccountStore,
  id: number,
  operation: TagsOperation,
  tags: readonly string[],
  safe: { safe_update?: boolean | undefined; updated_stamp?: string | undefined },
  ctx: UpdateContext,
): TicketUpdate {
  const before = ticketById(store, id);
  checkSafeUpdate(before, safe.safe_update, safe.updated_stamp);
  const next =
    operation === "set"
      ? [...tags]
      : operation === "add"
        ? [...new Set([...before.tags, ...tags])]
        : before.tags.filter((tag) => !tags.includes(tag));
  const via = viaOf(ctx.channel);
  const audit = newAudit(store, id, ctx.actor.id, via, ctx.now);
  const ticket = applyChanges(store, before, { tags: next }, audit, ctx.now, ctx.actor, undefined);
  if (audit.events.length > 0) store.auditsOf(id).push(audit);
  return { ticket, before, audit, comment: null, actor: ctx.actor, channel: ctx.channel };
}

function newAudit(store: AccountStore, ticketId: number, authorId: number, via: Via, now: string): AuditRecord {
  return { id: store.nextId("audit"), ticket_id: ticketId, author_id: authorId, created_at: now, via, events: [], custom_metadata: {} };
}

function checkSafeUpdate(ticket: TicketRecord, safeUpdate: boolean | undefined, updatedStamp: string | undefined): void {
  if (!safeUpdate) return;
  if (updatedStamp === undefined) throw invalidField("updated_stamp", "Updated stamp: is required for a safe update");
  if (Date.parse(updatedStamp) !== Date.parse(ticket.updated_at)) {
    throw new ZendeskError(409, {
      error: "UpdateConflict",
      description:
        "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.",
    });
  }
}

/**
 * Applies validated changes to a ticket, records a Change event per property that really changed,
 * and enforces Zendesk's built-in rules (an assigned new ticket is open; a solved ticket has an
 * assignee). Returns the ticket as stored; unchanged tickets keep their `updated_at`.
 */
export function applyChanges(
  store: AccountStore,
  ticket: TicketRecord,
  changes: TicketChanges,
  audit: AuditRecord,
  now: string,
  actor: UserRecord,
  rule: { id: number; title: string } | undefined,
): TicketRecord {
  const next: TicketRecord = { ...ticket, tags: [...ticket.tags], custom_fields: [...ticket.custom_fields] };
  if (changes.subject !== undefined) next.subject = changes.subject;
  if (changes.status !== undefined) next.status = changes.status;
  if (changes.priority !== undefined) next.priority = changes.priority;
  if (changes.type !== undefined) next.type = changes.type;
  if (changes.requester_id !== undefined) next.requester_id = changes.requester_id;
  if (changes.assignee_id !== undefined) next.assignee_id = changes.assignee_id;
  if (changes.external_id !== undefined) next.external_id = changes.external_id;
  if (changes.tags !== undefined) next.tags = [...changes.tags];
  if (changes.custom_fields) next.custom_fields = mergeCustomFields(next.custom_fields, changes.custom_fields);

  if (next.status === "new" && next.assignee_id !== null) next.status = "open";
  if ((next.status === "solved" || next.status === "closed") && next.assignee_id === null && isAgent(actor)) {
    next.assignee_id = actor.id;
  }

  const via = rule ? viaOf("rule", rule) : undefined;
  const eventsBefore = audit.events.length;
  const change = (field_name: string, value: unknown, previous_value: unknown): void => {
    const event: AuditEvent = { id: store.nextId("event"), type: "Change", field_name, value, previous_value };
    if (via) event.via = via;
    audit.events.push(event);
  };
  const asId = (id: number | null): string | null => (id === null ? null : String(id));
  if (next.subject !== ticket.subject) change("subject", next.subject, ticket.subject);
  if (next.status !== ticket.status) change("status", next.status, ticket.status);
  if (next.priority !== ticket.priority) change("priority", next.priority, ticket.priority);
  if (next.type !== ticket.type) change("type", next.type, ticket.type);
  if (next.requester_id !== ticket.requester_id) change("requester_id", asId(next.requester_id), asId(ticket.requester_id));
  if (next.assignee_id !== ticket.assignee_id) change("assignee_id", asId(next.assignee_id), asId(ticket.assignee_id));
  if (next.external_id !== ticket.external_id) change("external_id", next.external_id, ticket.external_id);
  if (!sameTags(next.tags, ticket.tags)) change("tags", [...next.tags], [...ticket.tags]);
  for (const field of next.custom_fields) {
    const previous = ticket.custom_fields.find((candidate) => candidate.id === field.id)?.value ?? null;
    if (JSON.stringify(previous) !== JSON.stringify(field.value)) change(String(field.id), field.value, previous);
  }

  // A comment already in the audit counts as a change too: it moves `updated_at`.
  const changed = audit.events.length > eventsBefore || (eventsBefore > 0 && !rule);
  if (changed) next.updated_at = now;
  store.tickets.set(next.id, changed ? next : ticket);
  return changed ? next : ticket;
}

function mergeCustomFields(current: CustomFieldValue[], changes: CustomFieldValue[]): CustomFieldValue[] {
  const merged = current.map((field) => changes.find((change) => change.id === field.id) ?? field);
  for (const change of changes) if (!merged.some((field) => field.id === change.id)) merged.push(change);
  return merged;
}

function addComment(
  store: AccountStore,
  ticket: TicketRecord,
  audit: AuditRecord,
  comment: CommentText & { public: boolean; author_id: number },
  now: string,
): CommentRecord {
  const record: CommentRecord = {
    id: store.nextId("event"),
    ticket_id: ticket.id,
    audit_id: audit.id,
    author_id: comment.author_id,
    body: comment.body,
    html_body: comment.html_body,
    plain_body: comment.plain_body,
    public: comment.public,
    via: audit.via,
    created_at: now,
  };
  store.commentsOf(ticket.id).push(record);
  audit.events.push({ id: record.id, type: "Comment", comment_id: record.id });
  return record;
}

function commentText(comment: CommentInput | undefined): CommentText | undefined {
  if (comment?.html_body !== undefined && comment.html_body.trim() !== "") {
    const text = fromHtml(comment.html_body);
    return text.body === "" ? undefined : text;
  }
  if (comment?.body !== undefined && comment.body.trim() !== "") return fromBody(comment.body);
  return undefined;
}

/** The requester of a new ticket: an existing user, or one to create once the ticket is valid. */
type RequesterResolution =
  | { user: UserRecord; create?: undefined }
  | { user?: undefined; create: { name: string; email?: string; locale?: string } };

function resolveRequester(
  store: AccountStore,
  input: TicketInput,
  actor: UserRecord,
  errors: RecordErrors,
): RequesterResolution {
  // `requester_id` wins over `requester` when both are sent.
  const requester = input.requester_id ?? input.requester;
  if (requester === undefined) return { user: actor };
  if (typeof requester === "number") {
    const user = store.users.get(requester);
    if (!user) errors.add("requester", "Requester: is invalid");
    return { user: user ?? actor };
  }
  const email = (typeof requester === "string" ? requester : requester.email)?.trim().toLowerCase();
  const name = typeof requester === "string" ? undefined : requester.name?.trim();
  // An existing user with this email becomes the requester, unchanged (name and all).
  const existing = email ? store.userByEmail(email) : undefined;
  if (existing) return { user: existing };
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    errors.add("requester", `Requester: Email ${email} is not properly formatted`);
    return { user: actor };
  }
  if (!email && !name) {
    errors.add("requester", "Requester: Name:  is too short (minimum one character)");
    return { user: actor };
  }
  const locale = typeof requester === "string" ? undefined : requester.locale;
  return {
    create: {
      name: name || (email?.split("@")[0] ?? ""),
      ...(email ? { email } : {}),
      ...(locale ? { locale } : {}),
    },
  };
}

/** Checks the properties shared by create and update, and returns them as changes. */
function validatedChanges(
  store: AccountStore,
  input: TicketInput,
  current: TicketRecord | null,
  errors: RecordErrors,
): TicketChanges {
  const changes: TicketChanges = {};
  if (input.subject !== undefined) {
    changes.subject = input.subject === null || input.subject.trim() === "" ? null : input.subject;
  }
  if (input.status !== undefined) {
    const status = TICKET_STATUSES.find((candidate) => candidate === input.status?.trim().toLowerCase());
    if (!status) errors.add("status", `Status: ${input.status} is not valid`);
    else if (status === "new" && current && current.status !== "new") {
      errors.add("status", "Status: new is not valid once a ticket has been opened");
    } else changes.status = status;
  }
  if (input.priority !== undefined) {
    const wanted = input.priority?.toLowerCase();
    const priority = !wanted ? null : TICKET_PRIORITIES.find((candidate) => candidate === wanted);
    if (priority === undefined) errors.add("priority", `Priority: ${input.priority} is not valid`);
    else changes.priority = priority;
  }
  if (input.type !== undefined) {
    const wanted = input.type?.toLowerCase();
    const type = !wanted ? null : TICKET_TYPES.find((candidate) => candidate === wanted);
    if (type === undefined) errors.add("type", `Type: ${input.type} is not valid`);
    else changes.type = type;
  }
  if (current && input.requester_id !== undefined) {
    if (!store.users.has(input.requester_id)) errors.add("requester", "Requester: is invalid");
    else changes.requester_id = input.requester_id;
  }
  if (input.assignee_id !== undefined) {
    const assignee = input.assignee_id === null ? null : store.users.get(input.assignee_id);
    if (assignee === undefined) errors.add("assignee_id", "Assignee: is invalid");
    else if (assignee && !isAgent(assignee)) errors.add("assignee_id", `Assignee: ${assignee.name} is not an agent`);
    else changes.assignee_id = assignee?.id ?? null;
  } else if (input.assignee_email !== undefined) {
    const assignee = input.assignee_email === null ? null : store.userByEmail(input.assignee_email);
    if (assignee === undefined || (assignee && !isAgent(assignee))) {
      errors.add("assignee_email", `Assignee: ${input.assignee_email} is not an agent`);
    } else changes.assignee_id = assignee?.id ?? null;
  }
  if (input.external_id !== undefined) changes.external_id = input.external_id;
  if (input.tags !== undefined) changes.tags = input.tags ?? [];
  const fields = input.custom_fields ?? input.fields;
  // Like Zendesk, values for fields the account doesn't have are ignored.
  if (fields) {
    changes.custom_fields = fields
      .filter((field) => isCustomField(store.ticketFields.get(field.id)))
      .map(({ id, value }) => ({ id, value }));
  }
  return changes;
}
