import {
  AnyErrorBody,
  ArticleSearchResponse,
  ConversationListResponse,
  ConversationResponse,
  HelpArticleResponse,
  PingResponse,
  SendMessageResponse,
  StartConversationResponse,
  TrackEventResponse,
  type ErrorCode,
  type PingRequest,
  type TrackEventRequest,
  type SendMessageRequest,
} from "@parley/protocol";
import { toJson } from "../host/json";

/** Error codes the widget adds to the server's own `ErrorCode`s. */
export type ClientErrorCode = "network_error" | "invalid_response" | "http_error";

/**
 * A request that did not succeed: the server's `ErrorBody` code (one this build may not know, from
 * a newer server), or one of ours when the network failed (status 0) or the answer was not what
 * the protocol promises.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode | (string & {}),
    message: string,
    /** What the server found wrong, field by field (e.g. `form.email`). */
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }

  /** Worth trying again unchanged: offline, a 5xx, or rate limited. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

/** The part of a zod/mini schema the client needs. */
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

export interface HttpClientOptions {
  /** The server's public address, without a trailing slash. */
  apiBase: string;
  appId: string;
  /** The session's bearer token, when there is one. */
  token: () => string | null;
  fetch?: typeof fetch;
}

/** The widget's calls to the server, each parsed with the protocol's schema. */
export interface HttpClient {
  ping(request: PingRequest): Promise<PingResponse>;
  startConversation(request: SendMessageRequest): Promise<StartConversationResponse>;
  sendMessage(conversationId: string, request: SendMessageRequest): Promise<SendMessageResponse>;
  getConversation(conversationId: string): Promise<ConversationResponse>;
  listConversations(): Promise<ConversationListResponse>;
  searchArticles(query: string, locale?: string): Promise<ArticleSearchResponse>;
  getArticle(articleId: string): Promise<HelpArticleResponse>;
  trackEvent(request: TrackEventRequest): Promise<TrackEventResponse>;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const appPath = `${options.apiBase}/v1/apps/${encodeURIComponent(options.appId)}`;

  async function request<T>(
    method: "GET" | "POST",
    path: string,
    schema: Schema<T>,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const token = options.token();
    if (token) headers["Authorization"] = `Bearer ${token}`;

    const fetchImpl = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(`${appPath}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : toJson(body),
        credentials: "omit",
        mode: "cors",
      });
    } catch (error) {
      throw new ApiError(0, "network_error", `Network error: ${String(error)}`);
    }

    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }

    if (!response.ok) {
      const failure = AnyErrorBody.safeParse(json);
      if (failure.success) {
        throw new ApiError(response.status, failure.data.error.code, failure.data.error.message, failure.data.error.issues ?? []);
      }
      throw new ApiError(response.status, "http_error", `HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        "invalid_response",
        `Unexpected response from ${method} ${path}`,
      );
    }
    return parsed.data;
  }

  return {
    ping: (body) => request("POST", "/ping", PingResponse, body),
    startConversation: (body) =>
      request("POST", "/conversations", StartConversationResponse, body),
    sendMessage: (conversationId, body) =>
      request(
        "POST",
        `/conversations/${encodeURIComponent(conversationId)}/messages`,
        SendMessageResponse,
        body,
      ),
    getConversation: (conversationId) =>
      request("GET", `/conversations/${encodeURIComponent(conversationId)}`, ConversationResponse),
    listConversations: () => request("GET", "/conversations", ConversationListResponse),
    searchArticles: (query, locale) =>
      request(
        "GET",
        `/articles/search?${new URLSearchParams(locale ? { q: query, locale } : { q: query }).toString()}`,
        ArticleSearchResponse,
      ),
    getArticle: (articleId) =>
      request("GET", `/articles/${encodeURIComponent(articleId)}`, HelpArticleResponse),
    trackEvent: (body) => request("POST", "/events", TrackEventResponse, body),
  };
}
