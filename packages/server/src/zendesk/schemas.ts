import * as z from "zod";

// Shapes of the Zendesk Support API that Parley reads and writes (reference §6–§8, §10).
// Responses are loose objects: fields we do not model survive, so nothing Zendesk sends is lost.
// Nullable fields Zendesk documents but a response leaves out read as null.
// Inputs are strict: a misspelt field is a clear error here rather than silently ignored by Zendesk.

/** Zendesk ids are integers (64-bit on Zendesk's side, below 2^53 in practice). */
const ZendeskId = z.number().int();

// ---------------------------------------------------------------------------------------------
// Responses

/** A Zendesk user (requester, agent, or the API user). */
export const ZendeskUser = z.looseObject({
  id: ZendeskId,
  name: z.string(),
  email: z.string().nullable().default(null),
  external_id: z.string().nullable().default(null),
  /** "end-user" | "agent" | "admin" */
  role: z.string(),
});
export type ZendeskUser = z.infer<typeof ZendeskUser>;

/** A ticket as Zendesk answers it (comments are separate; the first one is `description`). */
export const ZendeskTicket = z.looseObject({
  id: ZendeskId,
  /** "new" | "open" | "pending" | "hold" | "solved" | "closed" */
  status: z.string(),
  requester_id: ZendeskId,
  assignee_id: ZendeskId.nullable().default(null),
  tags: z.array(z.string()).default([]),
  external_id: z.string().nullable().default(null),
  subject: z.string().nullable().default(null),
  /** Also the `updated_stamp` of a safe update. */
  updated_at: z.string(),
});
export type ZendeskTicket = z.infer<typeof ZendeskTicket>;

/** A ticket comment; `public: false` is an internal note. */
export const ZendeskComment = z.looseObject({
  id: ZendeskId,
  author_id: ZendeskId,
  body: z.string(),
  html_body: z.string().optional(),
  plain_body: z.string().optional(),
  public: z.boolean(),
  created_at: z.string(),
  /** How the comment was made; `channel` "api" for comments made through the API (Parley's own). */
  via: z.looseObject({ channel: z.string() }).optional(),
});
export type ZendeskComment = z.infer<typeof ZendeskComment>;

/** A Zendesk webhook (the event-connectors API). */
export const ZendeskWebhook = z.looseObject({
  /** Webhook ids are strings ("01F1KRFQ6BG29CNWFR60NK5FNY"), unlike other Zendesk ids. */
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  /** "active" | "inactive" */
  status: z.string(),
  http_method: z.string().optional(),
  request_format: z.string().optional(),
  subscriptions: z.array(z.string()).optional(),
});
export type ZendeskWebhook = z.infer<typeof ZendeskWebhook>;

const RuleCondition = z.looseObject({ field: z.string(), operator: z.string(), value: z.unknown() });
const RuleAction = z.looseObject({ field: z.string(), value: z.unknown() });

/** A ticket trigger; conditions and actions are kept as Zendesk sends them. */
export const ZendeskTrigger = z.looseObject({
  id: ZendeskId,
  title: z.string(),
  active: z.boolean(),
  conditions: z
    .looseObject({ all: z.array(RuleCondition).optional(), any: z.array(RuleCondition).optional() })
    .optional(),
  actions: z.array(RuleAction).optional(),
});
export type ZendeskTrigger = z.infer<typeof ZendeskTrigger>;

// ---------------------------------------------------------------------------------------------
// Inputs

export const TicketStatus = z.enum(["new", "open", "pending", "hold", "solved", "closed"]);
export type TicketStatus = z.infer<typeof TicketStatus>;
export const TicketPriority = z.enum(["urgent", "high", "normal", "low"]);
export type TicketPriority = z.infer<typeof TicketPriority>;
export const TicketType = z.enum(["problem", "incident", "question", "task"]);
export type TicketType = z.infer<typeof TicketType>;

/** A tag. Zendesk splits tags at whitespace, so "fin resolved" would silently become two tags. */
export const TagName = z.string().regex(/^\S+$/, "a Zendesk tag is one non-empty word (Zendesk splits tags at spaces)");

/** A custom field value: text, checkbox, drop-down option value, multi-select values, number, date. */
export const CustomField = z.strictObject({
  id: ZendeskId,
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
});
export type CustomField = z.infer<typeof CustomField>;

/** A comment: `public: false` makes an internal note. `author_id` defaults to the API user. */
export const CommentInput = z
  .strictObject({
    body: z.string().optional(),
    html_body: z.string().optional(),
    public: z.boolean().optional(),
    author_id: ZendeskId.optional(),
  })
  .refine((comment) => comment.body !== undefined || comment.html_body !== undefined, {
    message: "a comment needs body or html_body",
  });
export type CommentInput = z.infer<typeof CommentInput>;

/**
 * The user to create, or update when Zendesk finds one by external_id or email. One of them is
 * required: without either Zendesk creates a new user every time, and retries would duplicate it.
 */
export const ZendeskUserInput = z
  .strictObject({
    name: z.string().min(1),
    email: z.string().min(1).optional(),
    external_id: z.string().min(1).optional(),
    role: z.enum(["end-user", "agent", "admin"]).optional(),
    verified: z.boolean().optional(),
    skip_verify_email: z.boolean().optional(),
    user_fields: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((user) => user.email !== undefined || user.external_id !== undefined, {
    message: "a user needs external_id or email, or Zendesk would create a new one on every call",
  });
export type ZendeskUserInput = z.infer<typeof ZendeskUserInput>;

/** A new ticket. Create the requester with users.createOrUpdate first and pass requester_id (reference §6). */
export const TicketCreate = z.strictObject({
  subject: z.string().optional(),
  /** The first comment; its author becomes the submitter. */
  comment: CommentInput,
  requester_id: ZendeskId.optional(),
  /** On create only: Zendesk replaces the tag list with these. */
  tags: z.array(TagName).optional(),
  status: TicketStatus.optional(),
  /** Parley's conversation id: the second line of defence against duplicate tickets. */
  external_id: z.string().optional(),
  assignee_id: ZendeskId.optional(),
  priority: TicketPriority.optional(),
  type: TicketType.optional(),
  custom_fields: z.array(CustomField).optional(),
  /** Makes this ticket a follow-up of that closed one (closed tickets take no more updates). */
  via_followup_source_id: ZendeskId.optional(),
});
export type TicketCreate = z.infer<typeof TicketCreate>;

/**
 * A ticket update. `ticket.tags` replaces every tag on the ticket, so it is only accepted in a
 * safe update (the whole list computed from the tags just read, refused with 409 if anyone changed
 * the ticket since); single tag changes go through the Tags API (client.tags). `assignee_id: null`
 * unassigns.
 */
export const TicketUpdate = z
  .strictObject({
    comment: CommentInput.optional(),
    tags: z.array(TagName).optional(),
    status: TicketStatus.optional(),
    assignee_id: ZendeskId.nullable().optional(),
    priority: TicketPriority.optional(),
    custom_fields: z.array(CustomField).optional(),
    /** With updated_stamp: Zendesk answers 409 if the ticket changed since that time. */
    safe_update: z.boolean().optional(),
    /** The ticket's `updated_at` as last read. */
    updated_stamp: z.string().min(1).optional(),
    /** Kept by Zendesk on the update's audit (`metadata.custom`): how Parley recognises its own updates. */
    metadata: z.strictObject({ custom: z.record(z.string(), z.string()) }).optional(),
  })
  .refine((update) => !update.safe_update || update.updated_stamp !== undefined, {
    message: "safe_update needs updated_stamp (the ticket's updated_at as last read)",
  })
  .refine((update) => update.tags === undefined || update.safe_update === true, {
    message: "tags replace every tag of the ticket: send them only as a safe update (safe_update and updated_stamp)",
  });
export type TicketUpdate = z.infer<typeof TicketUpdate>;

/** A webhook. `subscriptions: ["conditional_ticket_events"]` connects it to triggers. */
export const WebhookInput = z.strictObject({
  name: z.string().min(1),
  endpoint: z.url({ protocol: /^https?$/ }),
  status: z.enum(["active", "inactive"]),
  http_method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  request_format: z.enum(["json", "xml", "form_encoded"]),
  subscriptions: z.array(z.string().min(1)).min(1),
  description: z.string().optional(),
  /** How Zendesk authenticates to the endpoint (basic_auth, bearer_token, api_key). */
  authentication: z.looseObject({ type: z.string(), add_position: z.string().optional(), data: z.unknown().optional() }).optional(),
  /** A secret to sign with, instead of one Zendesk generates. */
  signing_secret: z.strictObject({ algorithm: z.string(), secret: z.string().min(1) }).optional(),
  custom_headers: z.record(z.string(), z.string()).optional(),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

const RuleValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))]);

/** A trigger. A webhook action is `{ field: "notification_webhook", value: [webhookId, bodyTemplate] }`. */
export const TriggerInput = z.strictObject({
  title: z.string().min(1),
  active: z.boolean().optional(),
  description: z.string().optional(),
  category_id: z.string().optional(),
  position: z.number().int().optional(),
  conditions: z.strictObject({
    all: z.array(z.strictObject({ field: z.string(), operator: z.string(), value: RuleValue.optional() })).optional(),
    any: z.array(z.strictObject({ field: z.string(), operator: z.string(), value: RuleValue.optional() })).optional(),
  }),
  actions: z.array(z.strictObject({ field: z.string(), value: RuleValue })).min(1),
});
export type TriggerInput = z.infer<typeof TriggerInput>;

/** A ticket audit: one change, with the custom metadata its request carried. */
export const ZendeskAudit = z.looseObject({
  id: ZendeskId,
  created_at: z.string(),
  metadata: z.looseObject({ custom: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});
export type ZendeskAudit = z.infer<typeof ZendeskAudit>;

// ---------------------------------------------------------------------------------------------
// Help Center API (Zendesk Guide)

/** A help-center article in one locale, as the article lists answer it. */
export const HelpCenterArticle = z.looseObject({
  id: ZendeskId,
  /** The article's API address. */
  url: z.string(),
  /** Where customers read it in the help center. */
  html_url: z.string(),
  title: z.string(),
  /** HTML; Zendesk may answer null for an article without text. */
  body: z.string().nullable().default(null),
  locale: z.string(),
  source_locale: z.string(),
  /** True when this locale's translation is a draft (only agents see drafts). */
  draft: z.boolean(),
  section_id: ZendeskId.nullable().default(null),
  updated_at: z.string(),
  label_names: z.array(z.string()).default([]),
});
export type HelpCenterArticle = z.infer<typeof HelpCenterArticle>;

/** The help center's enabled locales and its default one (`GET /api/v2/help_center/locales.json`). */
export const HelpCenterLocales = z.looseObject({
  locales: z.array(z.string()),
  default_locale: z.string(),
});
export type HelpCenterLocales = z.infer<typeof HelpCenterLocales>;
