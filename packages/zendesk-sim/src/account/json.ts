import { isCustomField } from "./ticket-fields";
import {
  type AuditEvent,
  type AuditRecord,
  type CommentRecord,
  type TicketFieldRecord,
  type TicketRecord,
  type TriggerRecord,
  type UserRecord,
  type Via,
  type WebhookRecord,
} from "./state";
import type { AccountStore } from "./store";

/**
 * The JSON representations the API returns, with the documented properties (also the ones the
 * simulator has no behaviour for, with their default values), so clients see Zendesk's shapes.
 * `base` is the address the client used, e.g. `http://127.0.0.1:8788`.
 */

export function viaJson(via: Via): Record<string, unknown> {
  return { channel: via.channel, source: { from: via.from, to: {}, rel: via.rel } };
}

const CUSTOM_STATUS_IDS: Record<TicketRecord["status"], number> = {
  new: 360_010_000_001,
  open: 360_010_000_002,
  pending: 360_010_000_003,
  hold: 360_010_000_004,
  solved: 360_010_000_005,
  closed: 360_010_000_005,
};

export function ticketJson(store: AccountStore, ticket: TicketRecord, base: string): Record<string, unknown> {
  const customFields = [...store.ticketFields.values()]
    .filter(isCustomField)
    .map((field) => ({ id: field.id, value: ticket.custom_fields.find((value) => value.id === field.id)?.value ?? null }));
  return {
    url: `${base}/api/v2/tickets/${ticket.id}.json`,
    id: ticket.id,
    external_id: ticket.external_id,
    via: viaJson(ticket.via),
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
    generated_timestamp: Math.floor(Date.parse(ticket.updated_at) / 1000),
    type: ticket.type,
    subject: ticket.subject,
    raw_subject: ticket.subject,
    description: ticket.description,
    priority: ticket.priority,
    status: ticket.status,
    recipient: null,
    requester_id: ticket.requester_id,
    submitter_id: ticket.submitter_id,
    assignee_id: ticket.assignee_id,
    organization_id: store.users.get(ticket.requester_id)?.organization_id ?? null,
    group_id: null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: ticket.is_public,
    due_at: null,
    tags: [...ticket.tags],
    custom_fields: customFields,
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    custom_status_id: CUSTOM_STATUS_IDS[ticket.status],
    fields: customFields,
    followup_ids: [...store.tickets.values()].filter((other) => other.via.rel === "follow_up" && other.via.from.ticket_id === ticket.id).map((other) => other.id),
    ticket_form_id: null,
    brand_id: null,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
    support_type: "agent",
  };
}

export function userJson(user: UserRecord, base: string): Record<string, unknown> {
  const agent = user.role !== "end-user";
  return {
    id: user.id,
    url: `${base}/api/v2/users/${user.id}.json`,
    name: user.name,
    email: user.email,
    created_at: user.created_at,
    updated_at: user.updated_at,
    time_zone: user.time_zone,
    iana_time_zone: user.time_zone === "UTC" ? "Etc/UTC" : user.time_zone,
    phone: user.phone,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: user.locale,
    organization_id: user.organization_id,
    role: user.role,
    verified: user.verified,
    external_id: user.external_id,
    tags: [...user.tags],
    alias: null,
    active: user.active,
    shared: false,
    shared_agent: false,
    last_login_at: null,
    two_factor_auth_enabled: agent ? false : null,
    signature: null,
    details: user.details,
    notes: user.notes,
    role_type: null,
    custom_role_id: null,
    moderator: agent,
    ticket_restriction: agent ? null : "requested",
    only_private_comments: false,
    restricted_agent: false,
    suspended: false,
    default_group_id: null,
    report_csv: agent,
    user_fields: { ...user.user_fields },
  };
}

export function commentJson(comment: CommentRecord): Record<string, unknown> {
  return {
    id: comment.id,
    type: "Comment",
    author_id: comment.author_id,
    body: comment.body,
    html_body: comment.html_body,
    plain_body: comment.plain_body,
    public: comment.public,
    attachments: [],
    audit_id: comment.audit_id,
    via: viaJson(comment.via),
    created_at: comment.created_at,
    metadata: { system: {}, custom: {} },
  };
}

export function auditJson(store: AccountStore, audit: AuditRecord): Record<string, unknown> {
  const comments = store.comments.get(audit.ticket_id) ?? [];
  return {
    id: audit.id,
    ticket_id: audit.ticket_id,
    created_at: audit.created_at,
    author_id: audit.author_id,
    metadata: { system: {}, custom: audit.custom_metadata },
    via: viaJson(audit.via),
    events: audit.events.map((event) => eventJson(event, comments)),
  };
}

function eventJson(event: AuditEvent, comments: readonly CommentRecord[]): Record<string, unknown> {
  if (event.type === "Comment") {
    const comment = comments.find((candidate) => candidate.id === event.comment_id);
    if (!comment) return { id: event.id, type: "Comment" };
    const { via: _via, created_at: _createdAt, ...rest } = commentJson(comment);
    return rest;
  }
  const json: Record<string, unknown> = {
    id: event.id,
    type: event.type,
    field_name: event.field_name,
    value: event.value ?? null,
  };
  if (event.type === "Change") json.previous_value = event.previous_value ?? null;
  if (event.via) json.via = viaJson(event.via);
  return json;
}

export function webhookJson(webhook: WebhookRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: webhook.id,
    name: webhook.name,
    status: webhook.status,
    subscriptions: [...webhook.subscriptions],
    created_at: webhook.created_at,
    created_by: webhook.created_by,
    endpoint: webhook.endpoint,
    http_method: webhook.http_method,
    request_format: webhook.request_format,
    updated_at: webhook.updated_at,
    updated_by: webhook.created_by,
  };
  if (webhook.description !== null) json.description = webhook.description;
  // Credentials are write-only: Zendesk shows how a webhook authenticates, never the secret parts.
  if (webhook.authentication) {
    json.authentication = { type: webhook.authentication.type, add_position: webhook.authentication.add_position };
  }
  if (Object.keys(webhook.custom_headers).length > 0) json.custom_headers = { ...webhook.custom_headers };
  return json;
}

export function triggerJson(trigger: TriggerRecord, base: string): Record<string, unknown> {
  return {
    url: `${base}/api/v2/triggers/${trigger.id}.json`,
    id: trigger.id,
    title: trigger.title,
    raw_title: trigger.title,
    description: trigger.description,
    active: trigger.active,
    position: trigger.position,
    conditions: { all: trigger.conditions.all, any: trigger.conditions.any },
    actions: trigger.actions,
    default: false,
    category_id: null,
    created_at: trigger.created_at,
    updated_at: trigger.updated_at,
  };
}

export function ticketFieldJson(field: TicketFieldRecord, base: string): Record<string, unknown> {
  const system = !isCustomField(field);
  return {
    url: `${base}/api/v2/ticket_fields/${field.id}.json`,
    id: field.id,
    type: field.type,
    title: field.title,
    raw_title: field.title,
    description: field.description,
    raw_description: field.description,
    position: field.position,
    active: field.active,
    required: field.required,
    collapsed_for_agents: false,
    regexp_for_validation: null,
    title_in_portal: field.title,
    raw_title_in_portal: field.title,
    visible_in_portal: system,
    editable_in_portal: system,
    required_in_portal: false,
    tag: field.tag,
    created_at: field.created_at,
    updated_at: field.updated_at,
    removable: field.removable,
    key: null,
    agent_description: null,
    agent_can_edit: true,
    ...(field.custom_field_options.length > 0
      ? {
          custom_field_options: field.custom_field_options.map((option) => ({
            ...option,
            raw_name: option.name,
            default: false,
          })),
        }
      : {}),
  };
}
