import { z } from "zod";

/** A refusal from the admin API, with the server's own words and, for bad input, each problem by field. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

/** What the owner reads of a failure: the server's own words when it gave some. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const ArticleSummary = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  locale: z.string(),
  translation_of: z.string().nullable(),
  questions: z.array(z.string()).default([]),
  source: z.enum(["folder", "api"]),
  /** "zendesk-guide": written by the Zendesk Guide import, which updates or removes it. */
  imported_from: z.enum(["zendesk-guide"]).nullable().default(null),
  updated_at: z.string(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;
export const ArticleDetail = ArticleSummary.extend({ body: z.string() });
export type ArticleDetail = z.infer<typeof ArticleDetail>;

/** What "Import from Zendesk Guide" changed. */
export const GuideImport = z.object({
  locales: z.array(z.string()),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  removed: z.number(),
  skipped: z.array(z.object({ zendesk_id: z.number(), locale: z.string(), title: z.string(), reason: z.string() })),
});
export type GuideImport = z.infer<typeof GuideImport>;

export interface ArticleInput {
  id?: string;
  title: string;
  url: string;
  locale?: string;
  questions?: string[];
  body: string;
}

export const InstallInfo = z.object({
  app_id: z.string(),
  app_name: z.string(),
  server_url: z.string(),
  snippet: z.string(),
  identity_snippets: z.record(z.string(), z.string()),
});
export type InstallInfo = z.infer<typeof InstallInfo>;

export const IdentityState = z.object({ enforced: z.boolean(), held_on_by_environment: z.boolean() });
export type IdentityState = z.infer<typeof IdentityState>;

/** Whether a verified ping takes over the contacts earlier unverified pings made for that user. */
export const ContactMerging = z.object({ enabled: z.boolean(), setting: z.boolean(), held_on_by_environment: z.boolean() });
export type ContactMerging = z.infer<typeof ContactMerging>;

/** The sites the Messenger may run on; null: any site. */
export const TrustedOrigins = z.object({ allowed_origins: z.array(z.string()).nullable(), setting: z.array(z.string()).nullable(), held_by_environment: z.boolean() });
export type TrustedOrigins = z.infer<typeof TrustedOrigins>;

export const InstalledOrigin = z.object({
  origin: z.string(),
  first_seen_at: z.string(),
  last_seen_at: z.string(),
  verification: z.enum(["verified", "failing", "not_sent", "anonymous"]),
  counts: z.object({ verified: z.number(), failing: z.number(), not_sent: z.number(), anonymous: z.number() }),
});
export type InstalledOrigin = z.infer<typeof InstalledOrigin>;

export const ConversationOverview = z.object({
  id: z.string(),
  status: z.string(),
  contact: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable(), user_id: z.string().nullable(), verified: z.boolean() }),
  tags: z.array(z.string()),
  ticket_id: z.number().nullable(),
  ticket_url: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  message_count: z.number(),
});
export type ConversationOverview = z.infer<typeof ConversationOverview>;

export const TranscriptMessage = z.object({
  id: z.string(),
  author: z.object({ type: z.string(), name: z.string().nullable() }),
  text: z.string(),
  created_at: z.string(),
  citations: z.array(z.object({ title: z.string(), url: z.string() })),
  buttons: z.array(z.object({ label: z.string() }).passthrough()),
});
export type TranscriptMessage = z.infer<typeof TranscriptMessage>;

const FieldValue = z.union([z.string(), z.number(), z.boolean()]);
const SetField = z.object({ name: z.string(), value: FieldValue });
const LeaveReason = z.string();

/** What the AI agent or the workflow decided at one step; kinds this console does not know are skipped. */
export const Decision = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("answered"), confidence: z.number().nullable(), citations: z.array(z.object({ title: z.string(), url: z.string() })) }),
  z.object({ kind: z.literal("clarified"), confidence: z.number().nullable(), options: z.array(z.string()) }),
  z.object({ kind: z.literal("small_talk") }),
  z.object({ kind: z.literal("confirmed") }),
  z.object({ kind: z.literal("left_ai"), reason: LeaveReason }),
  z.object({ kind: z.literal("handed_off"), reason: LeaveReason, mode: z.string(), note: z.string().nullable() }),
  z.object({ kind: z.literal("live_unavailable"), reason: z.string() }),
  z.object({ kind: z.literal("note"), body: z.string() }),
  z.object({ kind: z.literal("summary"), body: z.string() }),
  z.object({ kind: z.literal("classified"), fields: z.array(SetField), by_llm: z.array(z.string()) }),
  z.object({ kind: z.literal("ticket_fields"), fields: z.array(SetField) }),
  z.object({ kind: z.literal("collected"), values: z.record(z.string(), FieldValue) }),
  z.object({ kind: z.literal("tagged"), add: z.array(z.string()), remove: z.array(z.string()) }),
  z.object({ kind: z.literal("returned_to_ai"), reason: z.string().nullable() }),
]);
export type Decision = z.infer<typeof Decision>;

export const StepDecision = z.object({ id: z.number(), after_message_id: z.string().nullable(), created_at: z.string(), decision: Decision });
export type StepDecision = z.infer<typeof StepDecision>;

/** What the customer's pages tracked (Intercom('trackEvent')): a summary by name and the latest events. */
export const CustomerEvents = z.object({
  summary: z.array(z.object({ event_name: z.string(), count: z.number(), first_at: z.string(), last_at: z.string() })),
  recent: z.array(z.object({ id: z.string(), event_name: z.string(), created_at: z.string(), metadata: z.record(z.string(), z.unknown()) })),
});
export type CustomerEvents = z.infer<typeof CustomerEvents>;

export interface Transcript {
  conversation: ConversationOverview;
  messages: TranscriptMessage[];
  decisions: StepDecision[];
  customer_events: CustomerEvents;
}

export const CitingQuestion = z.object({ conversation_id: z.string(), question: z.string(), answered_at: z.string() });
export type CitingQuestion = z.infer<typeof CitingQuestion>;

/** A workflow as the console reads it: enough to outline it; the server validates the whole. */
export const WorkflowShape = z
  .object({
    name: z.string(),
    greeting: z.object({ text: z.string(), buttons: z.array(z.object({ label: z.string(), then: z.string() })).default([]) }),
    start: z.string(),
    steps: z.record(z.string(), z.object({ type: z.string(), then: z.string().optional() }).passthrough()),
  })
  .passthrough();
export type WorkflowShape = z.infer<typeof WorkflowShape>;

export const WorkflowVersion = z.object({ version: z.number(), live: z.boolean(), created_at: z.string().nullable(), name: z.string() });
export type WorkflowVersion = z.infer<typeof WorkflowVersion>;

export const WorkflowIssue = z.object({ step: z.string().nullable(), field: z.string(), message: z.string() });
export type WorkflowIssue = z.infer<typeof WorkflowIssue>;

export const SupportConnection = z.object({
  subdomain: z.string(),
  auth: z.string(),
  email: z.string().optional(),
  connected: z.boolean(),
  agent: z.object({ name: z.string(), role: z.string() }).optional(),
  problem: z.object({ message: z.string(), field: z.string() }).optional(),
  checkedAt: z.string().nullable(),
});
export type SupportConnection = z.infer<typeof SupportConnection>;

export const ConversationsConnection = z.object({
  subdomain: z.string(),
  appId: z.string(),
  keyId: z.string(),
  connected: z.boolean(),
  liveChat: z.union([z.object({ available: z.literal(true) }), z.object({ available: z.literal(false), reason: z.string(), manageUrl: z.string().optional() })]).optional(),
  problem: z.object({ message: z.string(), field: z.string() }).optional(),
  checkedAt: z.string().nullable(),
});
export type ConversationsConnection = z.infer<typeof ConversationsConnection>;

export const ZendeskReadiness = z.object({
  support: z.object({ connected: z.boolean(), source: z.enum(["console", "environment"]).nullable(), problem: z.string().nullable() }),
  conversations: z.object({
    connected: z.boolean(),
    source: z.enum(["console", "environment"]).nullable(),
    liveChat: z.union([z.object({ available: z.literal(true) }), z.object({ available: z.literal(false), reason: z.string(), manageUrl: z.string().nullable() })]),
  }),
});
export type ZendeskReadiness = z.infer<typeof ZendeskReadiness>;

export const SetupStep = z.object({ id: z.enum(["zendesk", "workflow", "install", "test", "live"]), title: z.string(), done: z.boolean(), detail: z.string() });
export type SetupStep = z.infer<typeof SetupStep>;

export const TestLink = z.object({ parameter: z.string(), token: z.string() });
export const SetupState = z.object({
  app_id: z.string(),
  live: z.boolean(),
  test_link: TestLink.extend({ demo_url: z.string() }),
  sites: z.array(z.string()),
  steps: z.array(SetupStep),
  ready: z.object({ articles: z.number(), workflow: z.object({ live_version: z.number(), draft_differs: z.boolean() }), zendesk: z.boolean() }),
  zendesk: ZendeskReadiness,
});
export type SetupState = z.infer<typeof SetupState>;

const Weekly = z.object({ days: z.array(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])), from: z.string(), to: z.string() });
export const OfficeHours = z.object({ time_zone: z.string(), weekly: z.array(Weekly), holidays: z.array(z.string()) });
export type OfficeHours = z.infer<typeof OfficeHours>;
export type HandoffMode = "ticket" | "live" | "situation";
export const HandoffChoice = z.object({
  mode: z.enum(["ticket", "live", "situation", "mixed", "none"]),
  office_hours: OfficeHours.nullable(),
  version: z.number(),
});
export type HandoffChoice = z.infer<typeof HandoffChoice>;

export const ExpectedRequester = z.object({ external_id: z.string().nullable(), email: z.string().nullable() });
export const ValidationResult = z.union([
  z.object({ status: z.literal("waiting"), expected: ExpectedRequester }),
  z.object({
    status: z.literal("done"),
    expected: ExpectedRequester,
    requester: z.object({ id: z.number(), name: z.string(), email: z.string().nullable(), external_id: z.string().nullable() }),
    ticket: z.object({ id: z.number(), url: z.string().nullable() }),
    matches: z.boolean(),
    mismatches: z.array(z.string()),
  }),
]);
export type ValidationResult = z.infer<typeof ValidationResult>;

export const Job = z.object({
  id: z.number(),
  conversation_id: z.string(),
  lane: z.string(),
  type: z.string(),
  status: z.enum(["pending", "done", "dead"]),
  running: z.boolean(),
  attempts: z.number(),
  next_attempt_at: z.string(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Job = z.infer<typeof Job>;

/** A durable timer (e.g. the hand-off when a clarifying question gets no reply), as the timers API shows it. */
export const Timer = z.object({
  id: z.number(),
  conversation_id: z.string(),
  kind: z.string(),
  status: z.enum(["pending", "fired", "cancelled", "dead"]),
  running: z.boolean(),
  attempts: z.number(),
  due_at: z.string(),
  next_attempt_at: z.string().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Timer = z.infer<typeof Timer>;

export interface ConversationFilter {
  status?: string;
  tag?: string;
}

/**
 * The admin API, as the signed-in owner: every call sends their token, or (token null) rides the
 * session cookie a password sign-in set.
 */
/** Called when the server refuses a signed-in console's token or session (401): set by the session. */
let onRefused: ((api: AdminApi) => void) | null = null;
export function whenRefused(handler: (api: AdminApi) => void): void {
  onRefused = handler;
}

export class AdminApi {
  constructor(
    readonly token: string | null,
    readonly base = "/admin/api",
  ) {}

  /** Password sign-in: the server sets an HttpOnly session cookie. */
  async signIn(password: string): Promise<void> {
    await this.#call("POST", "/login", null, { password });
  }

  async signOut(): Promise<void> {
    await this.#call("POST", "/logout", null, {});
  }

  async articles(): Promise<ArticleSummary[]> {
    return (await this.#call("GET", "/articles", z.object({ articles: z.array(ArticleSummary) }))).articles;
  }

  async article(id: string): Promise<ArticleDetail> {
    return (await this.#call("GET", `/articles/${encodeURIComponent(id)}`, z.object({ article: ArticleDetail }))).article;
  }

  async createArticle(input: ArticleInput): Promise<ArticleDetail> {
    return (await this.#call("POST", "/articles", z.object({ article: ArticleDetail }), input)).article;
  }

  async replaceArticle(id: string, input: ArticleInput): Promise<ArticleDetail> {
    return (await this.#call("PUT", `/articles/${encodeURIComponent(id)}`, z.object({ article: ArticleDetail }), input)).article;
  }

  /** A Markdown file with front matter, read by the server as it reads the knowledge folder. */
  async uploadArticle(fileName: string, content: string): Promise<ArticleDetail> {
    return (await this.#call("POST", "/articles/upload", z.object({ article: ArticleDetail }), { file_name: fileName, content })).article;
  }

  /** Reads the connected Zendesk Guide and stores its published articles; answers what changed. */
  async importZendeskGuide(): Promise<GuideImport> {
    return (await this.#call("POST", "/articles/import/zendesk-guide", z.object({ import: GuideImport }), {})).import;
  }

  async deleteArticle(id: string): Promise<void> {
    await this.#call("DELETE", `/articles/${encodeURIComponent(id)}`, null);
  }

  async conversations(filter: ConversationFilter = {}): Promise<ConversationOverview[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => value !== undefined && value !== ""));
    const path = `/conversations${query.size > 0 ? `?${query}` : ""}`;
    return (await this.#call("GET", path, z.object({ conversations: z.array(ConversationOverview) }))).conversations;
  }

  async conversation(id: string): Promise<Transcript> {
    const body = await this.#call(
      "GET",
      `/conversations/${encodeURIComponent(id)}`,
      z.object({
        conversation: ConversationOverview,
        messages: z.array(TranscriptMessage),
        // A decision a newer server records in a shape this console does not know is left out, not fatal.
        decisions: z.array(z.unknown()).default([]),
        customer_events: CustomerEvents.default({ summary: [], recent: [] }),
      }),
    );
    const decisions = body.decisions.flatMap((entry) => {
      const parsed = StepDecision.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
    return { ...body, decisions };
  }

  /** The customer questions the AI agent answered citing this article, newest first. */
  async articleQuestions(id: string): Promise<CitingQuestion[]> {
    return (await this.#call("GET", `/articles/${encodeURIComponent(id)}/questions`, z.object({ questions: z.array(CitingQuestion) }))).questions;
  }

  async identity(): Promise<IdentityState> {
    return (await this.#call("GET", "/identity", z.object({ identity: IdentityState }))).identity;
  }

  async setEnforcement(enforce: boolean): Promise<IdentityState> {
    return (await this.#call("PUT", "/identity/enforcement", z.object({ identity: IdentityState }), { enforce })).identity;
  }

  async contactMerging(): Promise<ContactMerging> {
    return (await this.#call("GET", "/identity/merging", z.object({ merge_unverified_contacts: ContactMerging }))).merge_unverified_contacts;
  }

  async setContactMerging(merge: boolean): Promise<ContactMerging> {
    return (await this.#call("PUT", "/identity/merging", z.object({ merge_unverified_contacts: ContactMerging }), { merge })).merge_unverified_contacts;
  }

  async trustedOrigins(): Promise<TrustedOrigins> {
    return (await this.#call("GET", "/identity/origins", z.object({ trusted_origins: TrustedOrigins }))).trusted_origins;
  }

  /** The whole list (the server checks each origin and refuses an empty one), or null for any site. */
  async setTrustedOrigins(origins: readonly string[] | null): Promise<TrustedOrigins> {
    return (await this.#call("PUT", "/identity/origins", z.object({ trusted_origins: TrustedOrigins }), { allowed_origins: origins })).trusted_origins;
  }

  /** The hash checker: the user_hash Parley expects for this user id (or email). */
  async expectedHash(who: { user_id: string } | { email: string }): Promise<string> {
    return (await this.#call("POST", "/identity/hash", z.object({ user_hash: z.string() }), who)).user_hash;
  }

  async installation(): Promise<InstalledOrigin[]> {
    return (await this.#call("GET", "/installation", z.object({ origins: z.array(InstalledOrigin) }))).origins;
  }

  async liveWorkflow(): Promise<{ version: number; workflow: WorkflowShape }> {
    return this.#call("GET", "/workflow/live", z.object({ version: z.number(), workflow: WorkflowShape }));
  }

  async draftWorkflow(): Promise<WorkflowShape> {
    return (await this.#call("GET", "/workflow/draft", z.object({ workflow: WorkflowShape }))).workflow;
  }

  async validateWorkflow(workflow: unknown): Promise<WorkflowIssue[]> {
    return (await this.#call("POST", "/workflow/validate", z.object({ valid: z.boolean(), issues: z.array(WorkflowIssue) }), workflow)).issues;
  }

  async saveDraft(workflow: unknown): Promise<WorkflowShape> {
    return (await this.#call("PUT", "/workflow/draft", z.object({ workflow: WorkflowShape }), workflow)).workflow;
  }

  /** "Set live": the saved draft becomes the next version. */
  async publishDraft(): Promise<number> {
    return (await this.#call("POST", "/workflow/publish", z.object({ version: z.number() }))).version;
  }

  async workflowVersions(): Promise<WorkflowVersion[]> {
    return (await this.#call("GET", "/workflow/versions", z.object({ versions: z.array(WorkflowVersion) }))).versions;
  }

  async rollBack(version: number): Promise<void> {
    await this.#call("POST", "/workflow/rollback", z.object({ version: z.number() }), { version });
  }

  /** The kept Support API connection, or null when none was made here. */
  async supportConnection(): Promise<SupportConnection | null> {
    return this.#connection("/zendesk/support", SupportConnection);
  }

  async conversationsConnection(): Promise<ConversationsConnection | null> {
    return this.#connection("/zendesk/conversations", ConversationsConnection);
  }

  /** Tries the credentials against Zendesk; kept only if they work (else an error naming the field). */
  async connectSupport(input: Record<string, string>): Promise<SupportConnection> {
    return (await this.#call("PUT", "/zendesk/support", z.object({ connection: SupportConnection }), input)).connection;
  }

  async connectConversations(input: Record<string, string>): Promise<ConversationsConnection> {
    return (await this.#call("PUT", "/zendesk/conversations", z.object({ connection: ConversationsConnection }), input)).connection;
  }

  /** "Refresh": checks the kept credentials again (e.g. after turning on multiple conversations). */
  async recheck(api: "support" | "conversations"): Promise<void> {
    await this.#call("POST", `/zendesk/${api}/check`, null, {});
  }

  async #connection<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
    try {
      return (await this.#call("GET", path, z.object({ connection: schema }))).connection;
    } catch (error) {
      if (error instanceof AdminApiError && error.status === 404) return null;
      throw error;
    }
  }

  /** The setup home: the five steps, each done or not, the live switch and the test link. */
  async setup(): Promise<SetupState> {
    return this.#call("GET", "/setup", SetupState);
  }

  /** "Go live" (true) or "Back to test mode" (false). */
  async setLive(live: boolean): Promise<boolean> {
    return (await this.#call("PUT", "/setup/live", z.object({ live: z.boolean() }), { live })).live;
  }

  async renewTestLink(): Promise<string> {
    return (await this.#call("POST", "/setup/test-link", z.object({ test_link: TestLink }), {})).test_link.token;
  }

  async handoff(): Promise<HandoffChoice> {
    return this.#call("GET", "/handoff", HandoffChoice);
  }

  /** Sets every hand-off of the live workflow (and the draft) to this mode; refused while live chat is unavailable. */
  async setHandoff(mode: HandoffMode, officeHours: OfficeHours | null): Promise<HandoffChoice> {
    return this.#call("PUT", "/handoff", HandoffChoice, { mode, ...(officeHours && { office_hours: officeHours }) });
  }

  /** Starts a conversation as this user; the requester Zendesk makes of it comes with `validation`. */
  async startValidation(who: { user_id?: string; email?: string; name?: string }): Promise<string> {
    return (await this.#call("POST", "/setup/validation", z.object({ conversation_id: z.string() }), who)).conversation_id;
  }

  async validation(conversationId: string): Promise<ValidationResult> {
    return this.#call("GET", `/setup/validation/${encodeURIComponent(conversationId)}`, ValidationResult);
  }

  async jobs(status?: Job["status"]): Promise<Job[]> {
    return (await this.#call("GET", `/jobs${status ? `?status=${status}` : ""}`, z.object({ jobs: z.array(Job) }))).jobs;
  }

  async retryJob(id: number): Promise<Job> {
    return (await this.#call("POST", `/jobs/${id}/retry`, z.object({ job: Job }), {})).job;
  }

  async timers(status?: Timer["status"]): Promise<Timer[]> {
    return (await this.#call("GET", `/timers${status ? `?status=${status}` : ""}`, z.object({ timers: z.array(Timer) }))).timers;
  }

  async retryTimer(id: number): Promise<Timer> {
    return (await this.#call("POST", `/timers/${id}/retry`, z.object({ timer: Timer }), {})).timer;
  }

  async install(): Promise<InstallInfo> {
    return this.#call("GET", "/install", InstallInfo);
  }

  async #call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T>;
  async #call(method: string, path: string, schema: null, body?: unknown): Promise<void>;
  async #call<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T | void> {
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers: {
          ...(this.token !== null && { Authorization: `Bearer ${this.token}` }),
          Accept: "application/json",
          ...(body !== undefined && { "Content-Type": "application/json" }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch {
      throw new AdminApiError(0, "network", "The Parley server cannot be reached. Is it running?");
    }
    // The sign-in itself answers 401 to a wrong password: that is the form's to say, not a session ending.
    if (response.status === 401 && path !== "/login") onRefused?.(this);
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
      if (parsed.success) throw new AdminApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.issues);
      throw new AdminApiError(response.status, "unexpected", `The server answered ${response.status} ${response.statusText}.`);
    }
    if (schema === null) return;
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new AdminApiError(response.status, "unexpected", "The server's answer was not what this console expects: reload the page.");
    return parsed.data;
  }
}
