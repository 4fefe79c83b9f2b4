import type { Generated } from "kysely";

/** The database as Kysely sees it. Times are ISO-8601 strings; JSON columns are text. */
export interface Database {
  contacts: ContactsTable;
  sessions: SessionsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  stream_events: StreamEventsTable;
  outbox: OutboxTable;
  zendesk_tickets: ZendeskTicketsTable;
  webhook_receipts: WebhookReceiptsTable;
  origins: OriginsTable;
  identity_settings: IdentitySettingsTable;
  admin_sessions: AdminSessionsTable;
  articles: ArticlesTable;
  timers: TimersTable;
  workflow_versions: WorkflowVersionsTable;
  workflow_settings: WorkflowSettingsTable;
}

export interface ContactsTable {
  id: string;
  app_id: string;
  /** The host's id for a user; null for visitors and email-only contacts. */
  user_id: string | null;
  email: string | null;
  /** Only anonymous visitors are found by their browser's visitor id. */
  visitor_id: string | null;
  name: string | null;
  phone: string | null;
  /** JSON object of custom attributes. */
  attributes: string;
  verified: number;
  /**
   * How this contact is found: JSON of ["verified" | "unverified", "user_id" | "email", value],
   * ["separated", kind, value, visitor id] for an unverified claim on a user seen verified,
   * or ["visitor", visitor id]. Unique per app.
   */
  identity_key: string;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** sha256 of the bearer token: a leaked database leaks no usable tokens. */
  token_hash: string;
  contact_id: string;
  app_id: string;
  created_at: string;
  expires_at: string;
}

export interface ConversationsTable {
  id: string;
  app_id: string;
  contact_id: string;
  status: string;
  /** Grows with every stored step: the widget keeps the newest snapshot it hears of. */
  version: number;
  /** JSON of the engine's ConversationState. */
  state: string;
  created_at: string;
  updated_at: string;
}

export interface MessagesTable {
  seq: Generated<number>;
  id: string;
  conversation_id: string;
  contact_id: string;
  client_id: string | null;
  author_type: string;
  author_name: string | null;
  text: string;
  citations: string;
  buttons: string;
  /** Identity outside Parley (e.g. `zendesk:comment:123`), unique, so imports never duplicate. */
  external_ref: string | null;
  created_at: string;
  /** JSON of a collect-data form; null on other messages. */
  form: string | null;
}

export interface StreamEventsTable {
  /** The SSE cursor: grows with every event. */
  id: Generated<number>;
  contact_id: string;
  conversation_id: string;
  type: string;
  payload: string;
  created_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  conversation_id: string;
  /** Effects in one lane of one conversation run strictly in order; lanes do not wait for each other. */
  lane: string;
  effect: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface ZendeskTicketsTable {
  conversation_id: string;
  ticket_id: number;
  requester_id: number;
  created_at: string;
}

export interface WebhookReceiptsTable {
  id: string;
  received_at: string;
}

export interface OriginsTable {
  app_id: string;
  origin: string;
  /** How the latest ping from this origin identified its user: verified, unverified, anonymous or rejected. */
  identity_status: string;
  first_seen_at: string;
  last_seen_at: string;
  /** Pings from this origin by how they identified: a valid hash or JWT, a wrong one, none (identified user), none needed (visitor). */
  verified_count: Generated<number>;
  failing_count: Generated<number>;
  unverified_count: Generated<number>;
  anonymous_count: Generated<number>;
}

/** Identity settings an admin changes while the server runs. */
export interface IdentitySettingsTable {
  app_id: string;
  /** 1: identified users must prove who they are with user_hash or intercom_user_jwt. */
  enforce: number;
  updated_at: string;
}

/** A help-center article written through the admin API (folder articles are files, not rows). */
export interface ArticlesTable {
  id: string;
  title: string;
  url: string;
  locale: string;
  translation_of: string | null;
  /** The owner's example questions, a JSON list of strings. */
  questions: string;
  /** Markdown; an article sent as HTML is stored converted. */
  body: string;
  created_at: string;
  updated_at: string;
}

/** A signed-in admin console: the cookie's token, hashed. */
export interface AdminSessionsTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
}

/** A durable timer; `since` tells the engine which clarifying question it was set for. */
export interface TimersTable {
  id: Generated<number>;
  conversation_id: string;
  kind: string;
  workflow_version: number;
  since: string;
  due_at: string;
  /** pending, fired or cancelled. */
  status: string;
  created_at: string;
  updated_at: string;
}

/** A workflow as it was set live; versions are never changed, so running conversations can finish on theirs. */
export interface WorkflowVersionsTable {
  version: number;
  /** The workflow's JSON, validated when it was saved. */
  definition: string;
  created_at: string;
}

/** `live_version` (a number) and `draft` (a workflow's JSON). */
export interface WorkflowSettingsTable {
  key: string;
  value: string;
  updated_at: string;
}
