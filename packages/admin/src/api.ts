import {
  AnyErrorBody,
  ArticleListResponse,
  ArticleResponse,
  CitingQuestionsResponse,
  ContactMergingResponse,
  ConversationOverviewsResponse,
  ConversationsConnection,
  ConversationsConnectionResponse,
  ExpectedHashResponse,
  GuideImportResponse,
  HandoffChoice,
  HandoffSettings,
  IdentityResponse,
  InstallationResponse,
  InstallInfo,
  JobListResponse,
  JobResponse,
  LiveSwitchResponse,
  SetupState,
  StepDecision,
  SupportConnection,
  SupportConnectionResponse,
  TestLinkResponse,
  TimerListResponse,
  TimerResponse,
  Transcript,
  TrustedOriginsResponse,
  ValidationResult,
  ValidationStarted,
  VersionedWorkflowResponse,
  WorkflowDraftResponse,
  WorkflowValidation,
  WorkflowVersionsResponse,
  type ArticleDetail,
  type ArticleSummary,
  type CitingQuestion,
  type ErrorIssue,
  type ContactMerging,
  type ConversationOverview,
  type GuideImport,
  type HandoffMode,
  type IdentityState,
  type InstalledOrigin,
  type Job,
  type OfficeHours,
  type Timer,
  type TrustedOrigins,
  type WorkflowIssue,
  type WorkflowOutline,
  type WorkflowVersion,
} from "@parley/protocol";
import * as z from "zod/mini";

// The admin API's answers are defined once, in @parley/protocol: the server builds them typed by
// the same schemas this console parses them with.
export type {
  ArticleDetail,
  ArticleSummary,
  CitingQuestion,
  ContactMerging,
  ConversationOverview,
  ConversationsConnection,
  CustomerEvents,
  Decision,
  GuideImport,
  HandoffChoice,
  HandoffMode,
  HandoffSettings,
  IdentityState,
  InstalledOrigin,
  InstallInfo,
  Job,
  OfficeHours,
  SetupState,
  SetupStep,
  StepDecision,
  SupportConnection,
  Timer,
  Transcript,
  TrustedOrigins,
  ValidationResult,
  WorkflowIssue,
  WorkflowOutline,
  WorkflowVersion,
} from "@parley/protocol";

/** A refusal from the admin API, with the server's own words and, for bad input, each problem by field. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ErrorIssue[] = [],
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

/** What the owner reads of a failure: the server's own words when it gave some. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface ArticleInput {
  id?: string;
  title: string;
  url: string;
  locale?: string;
  questions?: string[];
  body: string;
}

/**
 * The transcript with its decisions read one by one: a console left open while the server is
 * upgraded must still show a transcript in which a decision of a kind it does not know was recorded.
 */
const TranscriptWithAnyDecisions = z.extend(Transcript, { decisions: z.array(z.unknown()) });

export interface ConversationFilter {
  status?: string;
  tag?: string;
}

/** Called when the server refuses a signed-in console's token or session (401): set by the session. */
let onRefused: ((api: AdminApi) => void) | null = null;
export function whenRefused(handler: (api: AdminApi) => void): void {
  onRefused = handler;
}

/**
 * The admin API, as the signed-in owner: every call sends their token, or (token null) rides the
 * session cookie a password sign-in set.
 */
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
    return (await this.#call("GET", "/articles", ArticleListResponse)).articles;
  }

  async article(id: string): Promise<ArticleDetail> {
    return (await this.#call("GET", `/articles/${encodeURIComponent(id)}`, ArticleResponse)).article;
  }

  async createArticle(input: ArticleInput): Promise<ArticleDetail> {
    return (await this.#call("POST", "/articles", ArticleResponse, input)).article;
  }

  async replaceArticle(id: string, input: ArticleInput): Promise<ArticleDetail> {
    return (await this.#call("PUT", `/articles/${encodeURIComponent(id)}`, ArticleResponse, input)).article;
  }

  /** A Markdown file with front matter, read by the server as it reads the knowledge folder. */
  async uploadArticle(fileName: string, content: string): Promise<ArticleDetail> {
    return (await this.#call("POST", "/articles/upload", ArticleResponse, { file_name: fileName, content })).article;
  }

  /** Reads the connected Zendesk Guide and stores its published articles; answers what changed. */
  async importZendeskGuide(): Promise<GuideImport> {
    return (await this.#call("POST", "/articles/import/zendesk-guide", GuideImportResponse, {})).import;
  }

  async deleteArticle(id: string): Promise<void> {
    await this.#call("DELETE", `/articles/${encodeURIComponent(id)}`, null);
  }

  async conversations(filter: ConversationFilter = {}): Promise<ConversationOverview[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => value !== undefined && value !== ""));
    const path = `/conversations${query.size > 0 ? `?${query}` : ""}`;
    return (await this.#call("GET", path, ConversationOverviewsResponse)).conversations;
  }

  async conversation(id: string): Promise<Transcript> {
    const body = await this.#call("GET", `/conversations/${encodeURIComponent(id)}`, TranscriptWithAnyDecisions);
    const decisions = body.decisions.flatMap((entry) => {
      const parsed = StepDecision.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
    return { ...body, decisions };
  }

  /** The customer questions the AI agent answered citing this article, newest first. */
  async articleQuestions(id: string): Promise<CitingQuestion[]> {
    return (await this.#call("GET", `/articles/${encodeURIComponent(id)}/questions`, CitingQuestionsResponse)).questions;
  }

  async identity(): Promise<IdentityState> {
    return (await this.#call("GET", "/identity", IdentityResponse)).identity;
  }

  async setEnforcement(enforce: boolean): Promise<IdentityState> {
    return (await this.#call("PUT", "/identity/enforcement", IdentityResponse, { enforce })).identity;
  }

  async contactMerging(): Promise<ContactMerging> {
    return (await this.#call("GET", "/identity/merging", ContactMergingResponse)).merge_unverified_contacts;
  }

  async setContactMerging(merge: boolean): Promise<ContactMerging> {
    return (await this.#call("PUT", "/identity/merging", ContactMergingResponse, { merge })).merge_unverified_contacts;
  }

  async trustedOrigins(): Promise<TrustedOrigins> {
    return (await this.#call("GET", "/identity/origins", TrustedOriginsResponse)).trusted_origins;
  }

  /** The whole list (the server checks each origin and refuses an empty one), or null for any site. */
  async setTrustedOrigins(origins: readonly string[] | null): Promise<TrustedOrigins> {
    return (await this.#call("PUT", "/identity/origins", TrustedOriginsResponse, { allowed_origins: origins })).trusted_origins;
  }

  /** The hash checker: the user_hash Parley expects for this user id (or email). */
  async expectedHash(who: { user_id: string } | { email: string }): Promise<string> {
    return (await this.#call("POST", "/identity/hash", ExpectedHashResponse, who)).user_hash;
  }

  async installation(): Promise<InstalledOrigin[]> {
    return (await this.#call("GET", "/installation", InstallationResponse)).origins;
  }

  async liveWorkflow(): Promise<VersionedWorkflowResponse> {
    return this.#call("GET", "/workflow/live", VersionedWorkflowResponse);
  }

  async draftWorkflow(): Promise<WorkflowOutline> {
    return (await this.#call("GET", "/workflow/draft", WorkflowDraftResponse)).workflow;
  }

  async validateWorkflow(workflow: unknown): Promise<WorkflowIssue[]> {
    return (await this.#call("POST", "/workflow/validate", WorkflowValidation, workflow)).issues;
  }

  async saveDraft(workflow: unknown): Promise<WorkflowOutline> {
    return (await this.#call("PUT", "/workflow/draft", WorkflowDraftResponse, workflow)).workflow;
  }

  /** "Set live": the saved draft becomes the next version. */
  async publishDraft(): Promise<number> {
    return (await this.#call("POST", "/workflow/publish", VersionedWorkflowResponse)).version;
  }

  async workflowVersions(): Promise<WorkflowVersion[]> {
    return (await this.#call("GET", "/workflow/versions", WorkflowVersionsResponse)).versions;
  }

  async rollBack(version: number): Promise<void> {
    await this.#call("POST", "/workflow/rollback", VersionedWorkflowResponse, { version });
  }

  /** The kept Support API connection, or null when none was made here. */
  async supportConnection(): Promise<SupportConnection | null> {
    return (await this.#connection("/zendesk/support", SupportConnectionResponse))?.connection ?? null;
  }

  async conversationsConnection(): Promise<ConversationsConnection | null> {
    return (await this.#connection("/zendesk/conversations", ConversationsConnectionResponse))?.connection ?? null;
  }

  /** Tries the credentials against Zendesk; kept only if they work (else an error naming the field). */
  async connectSupport(input: Record<string, string>): Promise<SupportConnection> {
    return (await this.#call("PUT", "/zendesk/support", SupportConnectionResponse, input)).connection;
  }

  async connectConversations(input: Record<string, string>): Promise<ConversationsConnection> {
    return (await this.#call("PUT", "/zendesk/conversations", ConversationsConnectionResponse, input)).connection;
  }

  /** "Refresh": checks the kept credentials again (e.g. after turning on multiple conversations). */
  async recheck(api: "support" | "conversations"): Promise<void> {
    await this.#call("POST", `/zendesk/${api}/check`, null, {});
  }

  async #connection<T>(path: string, schema: z.ZodMiniType<T>): Promise<T | null> {
    try {
      return await this.#call("GET", path, schema);
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
    return (await this.#call("PUT", "/setup/live", LiveSwitchResponse, { live })).live;
  }

  async renewTestLink(): Promise<string> {
    return (await this.#call("POST", "/setup/test-link", TestLinkResponse, {})).test_link.token;
  }

  /** The hand-off choice, with what each mode needs from Zendesk and what the connections allow now. */
  async handoff(): Promise<HandoffSettings> {
    return this.#call("GET", "/handoff", HandoffSettings);
  }

  /** Sets every hand-off of the live workflow (and the draft) to this mode; refused while live chat is unavailable. */
  async setHandoff(mode: HandoffMode, officeHours: OfficeHours | null): Promise<HandoffChoice> {
    return this.#call("PUT", "/handoff", HandoffChoice, { mode, ...(officeHours && { office_hours: officeHours }) });
  }

  /** Starts a conversation as this user; the requester Zendesk makes of it comes with `validation`. */
  async startValidation(who: { user_id?: string; email?: string; name?: string }): Promise<string> {
    return (await this.#call("POST", "/setup/validation", ValidationStarted, who)).conversation_id;
  }

  async validation(conversationId: string): Promise<ValidationResult> {
    return this.#call("GET", `/setup/validation/${encodeURIComponent(conversationId)}`, ValidationResult);
  }

  async jobs(status?: Job["status"]): Promise<Job[]> {
    return (await this.#call("GET", `/jobs${status ? `?status=${status}` : ""}`, JobListResponse)).jobs;
  }

  async retryJob(id: number): Promise<Job> {
    return (await this.#call("POST", `/jobs/${id}/retry`, JobResponse, {})).job;
  }

  async timers(status?: Timer["status"]): Promise<Timer[]> {
    return (await this.#call("GET", `/timers${status ? `?status=${status}` : ""}`, TimerListResponse)).timers;
  }

  async retryTimer(id: number): Promise<Timer> {
    return (await this.#call("POST", `/timers/${id}/retry`, TimerResponse, {})).timer;
  }

  async install(): Promise<InstallInfo> {
    return this.#call("GET", "/install", InstallInfo);
  }

  async #call<T>(method: string, path: string, schema: z.ZodMiniType<T>, body?: unknown): Promise<T>;
  async #call(method: string, path: string, schema: null, body?: unknown): Promise<void>;
  async #call<T>(method: string, path: string, schema: z.ZodMiniType<T> | null, body?: unknown): Promise<T | void> {
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
      const parsed = AnyErrorBody.safeParse(await response.json().catch(() => null));
      if (parsed.success) throw new AdminApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.issues);
      throw new AdminApiError(response.status, "unexpected", `The server answered ${response.status} ${response.statusText}.`);
    }
    if (schema === null) return;
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new AdminApiError(response.status, "unexpected", "The server's answer was not what this console expects: reload the page.");
    return parsed.data;
  }
}
