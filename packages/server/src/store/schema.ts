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
  zendesk_live_chats: ZendeskLiveChatsTable;
  zendesk_live_posts: ZendeskLivePostsTable;
  zendesk_connections: ZendeskConnectionsTable;
  email_notifications: EmailNotificationsTable;
  webhook_receipts: WebhookReceiptsTable;
  origins: OriginsTable;
  identity_settings: IdentitySettingsTable;
  rate_buckets: RateBucketsTable;
  admin_sessions: AdminSessionsTable;
  articles: ArticlesTable;
  zendesk_guide_articles: ZendeskGuideArticlesTable;
  timers: TimersTable;
  workflow_versions: WorkflowVersionsTable;
  workflow_settings: WorkflowSettingsTable;
  app_launch: AppLaunchTable;
  contact_events: ContactEventsTable;
  conversation_decisions: ConversationDecisionsTable;
}

/** What the AI agent and the workflow decided at one step of a conversation (see conversations/decisions.ts). */
export interface ConversationDecisionsTable {
  id: Generated<number>;
  conversation_id: string;
  /** The latest message of the conversation when the decision was made: the transcript shows it under that message. */
  after_message_id: string | null;
  /** JSON of a Decision. */
  decision: string;
  created_at: string;
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
  /** 1: a verified ping takes over the unverified and anonymous contacts of the same user or browser. */
  merge_unverified: Generated<number>;
  /** The trusted origins, a JSON list; null: any site. */
  allowed_origins: string | null;
  updated_at: string;
}

/** A token bucket every instance shares (e.g. admin logins per address). */
export interface RateBucketsTable {
  key: string;
  tokens: number;
  /** When `tokens` was counted, in ms since the epoch. */
  at_ms: number;
  /** 1: the last request took a token; 0: it was refused. */
  taken: number;
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

/** An admin-API article imported from Zendesk Guide: a later import updates or removes it, and no other. */
export interface ZendeskGuideArticlesTable {
  /** The article's id in `articles` (zendesk-<id>, or zendesk-<id>-<locale> for a translation). */
  article_id: string;
  /** Zendesk's article id, as text: Zendesk ids are 64-bit. */
  zendesk_article_id: string;
  locale: string;
  imported_at: string;
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
  /** pending, fired, cancelled, or dead (its firing failed for good; the error is kept). */
  status: string;
  /** Firings tried, counting one running now. */
  attempts: number;
  /** The process firing the timer now; null when nobody does. */
  lease_owner: string | null;
  /**
   * While firing: when the lease ends. After a failed firing with nobody holding it: when the
   * next attempt may start (the timer is free to claim from then on).
   */
  lease_expires_at: string | null;
  last_error: string | null;
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

/** A conversation handed to a live agent through the Conversations API ("sunco" = Sunshine Conversations). */
export interface ZendeskLiveChatsTable {
  conversation_id: string;
  sunco_app_id: string;
  sunco_user_id: string;
  sunco_conversation_id: string;
  /** `handing_off` (transcript being posted), `live` (the agent workspace has it), `released`. */
  status: string;
  created_at: string;
  updated_at: string;
}

/** A Parley message posted into a live chat, so it is never posted twice. */
export interface ZendeskLivePostsTable {
  message_id: string;
  conversation_id: string;
  sunco_message_id: string;
  posted_at: string;
}

/** A Zendesk connection set through the admin API: `support` or `conversations`. */
export interface ZendeskConnectionsTable {
  api: string;
  /** JSON; read and written only through `zendesk/connections/store.ts`. */
  credentials: string;
  /** JSON of the last check's outcome. */
  check_result: string | null;
  checked_at: string | null;
  updated_at: string;
}

/** A conversation whose agent replies are (or were) waiting to be emailed to the customer. */
export interface EmailNotificationsTable {
  conversation_id: string;
  /** When the pending email goes out; null: nothing pending. */
  due_at: string | null;
  /** The last message (by seq) an email has covered. */
  notified_seq: number;
  updated_at: string;
}

/** An app's launch: live (the Messenger shows to everyone) or in test mode (only with its test link). */
export interface AppLaunchTable {
  app_id: string;
  /** 1: live; 0: test mode. */
  live: number;
  /** The secret in the test link (`?parley_test=…`) that shows the Messenger while the app is in test mode. */
  test_token: string;
  /** When the console's "Validate your setup in Zendesk" last found the requester it expected. */
  validated_at: string | null;
  updated_at: string;
}

/** Events a contact's page tracked (`Intercom('trackEvent')`). */
export interface ContactEventsTable {
  /** `evt_…`: sorts in the order the server received them. */
  id: string;
  app_id: string;
  contact_id: string;
  event_name: string;
  /** The Messenger's id for the event (a re-send finds it); null when the sender gave none. */
  client_id: string | null;
  /** JSON object: the event's metadata. */
  metadata: string;
  /** When it happened (the page's `created_at`, else when it arrived), ISO-8601. */
  created_at: string;
}
