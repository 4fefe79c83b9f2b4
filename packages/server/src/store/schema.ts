import type { Generated } from "kysely";

/** The database as Kysely sees it. Times are ISO-8601 strings; JSON columns are text. */
export interface Database {
  contacts: ContactsTable;
  sessions: SessionsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  stream_events: StreamEventsTable;
  stream_cursors: StreamCursorsTable;
  outbox: OutboxTable;
  zendesk_tickets: ZendeskTicketsTable;
  webhook_receipts: WebhookReceiptsTable;
  origins: OriginsTable;
  articles: ArticlesTable;
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
}

export interface StreamEventsTable {
  id: Generated<number>;
  contact_id: string;
  /** The SSE cursor: 1, 2, 3… per contact, in commit order (see stream_cursors). */
  seq: number;
  conversation_id: string;
  type: string;
  payload: string;
  created_at: string;
}

/** The last stream sequence number given to each contact. */
export interface StreamCursorsTable {
  contact_id: string;
  seq: number;
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
  /** The process running the job now; null when nobody does. */
  lease_owner: string | null;
  /** When a running job's lease ends: past it, another process may take the job up again. */
  lease_expires_at: string | null;
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
}

/** A help-center article written through the admin API (folder articles are files, not rows). */
export interface ArticlesTable {
  id: string;
  title: string;
  url: string;
  locale: string;
  translation_of: string | null;
  /** Markdown; an article sent as HTML is stored converted. */
  body: string;
  created_at: string;
  updated_at: string;
}
