import { z } from "zod";

/**
 * Everything the simulated Zendesk account knows, in the shape it is saved to the data file. The
 * schema is the one check a data file passes on load; in memory the same records are trusted.
 */

export const TICKET_STATUSES = ["new", "open", "pending", "hold", "solved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** How Zendesk names a status to people (agent views, placeholders), not the API value. */
export const STATUS_NAMES: Record<TicketStatus, string> = {
  new: "New",
  open: "Open",
  pending: "Pending",
  hold: "On-hold",
  solved: "Solved",
  closed: "Closed",
};

export const TICKET_PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export const TICKET_TYPES = ["problem", "incident", "question", "task"] as const;
export const USER_ROLES = ["end-user", "agent", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** How an update reached the account: the API (via_id 5), the agent's web page (0) or a trigger (8). */
export const CHANNELS = ["api", "web", "rule"] as const;
export type Channel = (typeof CHANNELS)[number];

export const VIA_IDS: Record<Channel, number> = { web: 0, api: 5, rule: 8 };

const Json: z.ZodType<unknown> = z.unknown();

export const Via = z.object({
  channel: z.enum(CHANNELS),
  rel: z.string().nullable(),
  from: z.record(z.string(), Json),
});
export type Via = z.infer<typeof Via>;

export const UserRecord = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  external_id: z.string().nullable(),
  role: z.enum(USER_ROLES),
  verified: z.boolean(),
  active: z.boolean(),
  phone: z.string().nullable(),
  locale: z.string(),
  time_zone: z.string(),
  organization_id: z.number().int().nullable(),
  details: z.string(),
  notes: z.string(),
  tags: z.array(z.string()),
  user_fields: z.record(z.string(), Json),
  created_at: z.string(),
  updated_at: z.string(),
});
export type UserRecord = z.infer<typeof UserRecord>;

export const CustomFieldValue = z.object({ id: z.number().int(), value: Json });
export type CustomFieldValue = z.infer<typeof CustomFieldValue>;

export const TicketRecord = z.object({
  id: z.number().int(),
  subject: z.string().nullable(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(TICKET_PRIORITIES).nullable(),
  type: z.enum(TICKET_TYPES).nullable(),
  requester_id: z.number().int(),
  submitter_id: z.number().int(),
  assignee_id: z.number().int().nullable(),
  external_id: z.string().nullable(),
  tags: z.array(z.string()),
  custom_fields: z.array(CustomFieldValue),
  is_public: z.boolean(),
  via: Via,
  created_at: z.string(),
  updated_at: z.string(),
});
export type TicketRecord = z.infer<typeof TicketRecord>;

export const CommentRecord = z.object({
  id: z.number().int(),
  ticket_id: z.number().int(),
  audit_id: z.number().int(),
  author_id: z.number().int(),
  body: z.string(),
  html_body: z.string(),
  plain_body: z.string(),
  public: z.boolean(),
  via: Via,
  created_at: z.string(),
});
export type CommentRecord = z.infer<typeof CommentRecord>;

/** One entry of an audit: a property set on create, a changed property, or a comment. */
export const AuditEvent = z.object({
  id: z.number().int(),
  type: z.enum(["Create", "Change", "Comment"]),
  field_name: z.string().optional(),
  value: Json.optional(),
  previous_value: Json.optional(),
  comment_id: z.number().int().optional(),
  via: Via.optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditRecord = z.object({
  id: z.number().int(),
  ticket_id: z.number().int(),
  author_id: z.number().int(),
  created_at: z.string(),
  via: Via,
  events: z.array(AuditEvent),
  /** What the request put in `metadata.custom`. */
  custom_metadata: z.record(z.string(), Json).default({}),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const WebhookAuthentication = z.object({
  type: z.enum(["basic_auth", "bearer_token", "api_key"]),
  add_position: z.literal("header"),
  data: z.record(z.string(), z.string()),
});
export type WebhookAuthentication = z.infer<typeof WebhookAuthentication>;

export const WEBHOOK_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const WEBHOOK_FORMATS = ["json", "xml", "form_encoded"] as const;

export const WebhookRecord = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(["active", "inactive"]),
  endpoint: z.string(),
  http_method: z.enum(WEBHOOK_METHODS),
  request_format: z.enum(WEBHOOK_FORMATS),
  subscriptions: z.array(z.string()),
  authentication: WebhookAuthentication.nullable(),
  custom_headers: z.record(z.string(), z.string()),
  signing_secret: z.string(),
  created_at: z.string(),
  created_by: z.string(),
  updated_at: z.string(),
});
export type WebhookRecord = z.infer<typeof WebhookRecord>;

export const Condition = z.object({ field: z.string(), operator: z.string(), value: Json.optional() });
export type Condition = z.infer<typeof Condition>;
export const Action = z.object({ field: z.string(), value: Json });
export type Action = z.infer<typeof Action>;

export const TriggerRecord = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  position: z.number().int(),
  conditions: z.object({ all: z.array(Condition), any: z.array(Condition) }),
  actions: z.array(Action),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TriggerRecord = z.infer<typeof TriggerRecord>;

export const TicketFieldRecord = z.object({
  id: z.number().int(),
  type: z.string(),
  title: z.string(),
  description: z.string(),
  active: z.boolean(),
  required: z.boolean(),
  removable: z.boolean(),
  tag: z.string().nullable(),
  custom_field_options: z.array(z.object({ id: z.number().int(), name: z.string(), value: z.string() })),
  position: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TicketFieldRecord = z.infer<typeof TicketFieldRecord>;

/** A ticket create remembered under its Idempotency-Key, to be replayed for the same request. */
export const IdempotencyRecord = z.object({
  key: z.string(),
  fingerprint: z.string(),
  expires_at: z.string(),
  status: z.number().int(),
  location: z.string().nullable(),
  body: z.string(),
});
export type IdempotencyRecord = z.infer<typeof IdempotencyRecord>;

export const NextIds = z.object({
  user: z.number().int(),
  ticket: z.number().int(),
  audit: z.number().int(),
  event: z.number().int(),
  trigger: z.number().int(),
  field: z.number().int(),
});
export type NextIds = z.infer<typeof NextIds>;

export const AccountData = z.object({
  version: z.literal(1),
  account_id: z.number().int(),
  next_ids: NextIds,
  users: z.array(UserRecord),
  tickets: z.array(TicketRecord),
  comments: z.array(CommentRecord),
  audits: z.array(AuditRecord),
  webhooks: z.array(WebhookRecord),
  triggers: z.array(TriggerRecord),
  ticket_fields: z.array(TicketFieldRecord),
  idempotency: z.array(IdempotencyRecord),
});
export type AccountData = z.infer<typeof AccountData>;

/** Ids start where a long-lived Zendesk account's would be, so nobody mistakes them for indexes. */
export const FIRST_IDS: NextIds = {
  user: 1_910_000_000_001,
  ticket: 48_201,
  audit: 30_100_000_000_001,
  event: 31_200_000_000_001,
  trigger: 360_000_000_001,
  field: 360_001_000_001,
};

export const ACCOUNT_ID = 10_283_001;
