import {
  LIMITS,
  type ArticleSearchResult,
  type ConversationSummary,
  type HelpArticle,
  type Message,
  type PingResponse,
  type ReplyButton,
  type SendMessageRequest,
  TrackEventRequest,
} from "@parley/protocol";
import { resolveApiBase } from "../transport/api-base";
import { logError, logWarning } from "../api/log";
import { ApiError, createHttpClient, type HttpClient } from "../transport/http";
import { buildPingRequest } from "../transport/ping-request";
import {
  backoffDelay,
  connectStream,
  type EventSourceFactory,
  type StreamConnection,
} from "../transport/stream";
import type { BootError } from "./connection";
import type { MessengerState } from "./models";
import { keepUnsent } from "./unsent-store";
import { createClientId } from "./visitor-store";
import { createWaitingEvents, eventOwner } from "./waiting-events";

/**
 * The network side of one booted Messenger: pings, sends, history and the realtime stream,
 * all written into the models. Loaded as its own chunk at boot (it carries the protocol's
 * schemas), so the launcher draws without it.
 */
export interface Session {
  /** Pings with the current settings (boot and every `update`); calls made meanwhile fold into one more ping. */
  ping(): Promise<void>;
  /**
   * The page called `update` (its settings are merged already): a ping, within Intercom's limit
   * (`UPDATE_LIMIT`); past it, one ping when the window has room again carries the latest settings.
   */
  updated(): void;
  /** Shows the message at once and sends it with a new client id; a pressed reply button goes with it. */
  send(text: string, button?: Pick<ReplyButton, "action" | "article_id">): void;
  /** Sends a failed message again, with the same client id. */
  retry(clientId: string): void;
  /**
   * Sends a collect-data form at once (not queued: the customer waits for the verdict). Problems
   * come back by field name so the form can show them next to what was typed.
   */
  submitForm(text: string, form: Record<string, string>): Promise<FormResult>;
  /** The Messenger opened: the realtime stream is wanted now. */
  opened(): void;
  /** Leaves the current conversation: the next message starts a new one. Ignored while a send is on its way. */
  newConversation(): void;
  /** This user's conversations, most recently active first (the messages space). */
  listConversations(): Promise<readonly ConversationSummary[]>;
  /** Makes `conversationId` the current conversation and loads its history. Ignored while a send is on its way. */
  openConversation(conversationId: string): void;
  /** The help center's articles matching `query` (in the Messenger's language where translated). */
  searchArticles(query: string): Promise<readonly ArticleSearchResult[]>;
  article(articleId: string): Promise<HelpArticle>;
  /**
   * `Intercom('trackEvent')`: checked with the protocol's rules (a warning names what is wrong),
   * then sent in order once a session of the user who tracked it is live; kept (in localStorage,
   * across reloads) while the server cannot be reached, and sent with a client id so it counts once.
   */
  trackEvent(name: unknown, metadata: unknown): void;
  /** Closes the stream and stops every retry; the session does nothing afterwards. */
  dispose(): void;
}

/** What became of a submitted form: sent, or a message per field ("" when it is about the whole form). */
export type FormResult = { ok: true } | { ok: false; problems: Record<string, string> };

export interface SessionOptions {
  /** The address the server baked into the loader; `api_base` in the settings may override it. */
  apiBase: string;
  appId: string;
  state: MessengerState;
  window: Window;
  visitorId: () => string;
  fetch?: typeof fetch;
  createEventSource?: EventSourceFactory;
  /** Wait before send retry `attempt` (0-based), in ms. */
  retryDelayMs?: (attempt: number) => number;
  streamSilenceMs?: number;
  streamReconnectDelayMs?: (attempt: number) => number;
}

/** `language_override` when it is a language tag, else the browser's language. */
function messengerLocale(values: Readonly<Record<string, unknown>>, win: Window): string | undefined {
  const tag = values["language_override"] ?? win.navigator.language;
  return typeof tag === "string" && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : undefined;
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, "network_error", String(error));
}

function bootErrorOf(error: ApiError): BootError {
  return { status: error.status, code: error.code, message: error.message };
}

function explain(error: ApiError, appId: string, apiBase: string): string {
  switch (error.code) {
    case "identity_verification_failed":
      return `identity verification failed: ${error.message}`;
    case "identity_verification_required":
      return "identity verification is required: send user_hash (or intercom_user_jwt) with user_id or email.";
    case "app_not_found":
      return `no app "${appId}" on ${apiBase}.`;
    case "network_error":
      return `${apiBase} could not be reached.`;
    default:
      return `${error.status} ${error.code}: ${error.message}`;
  }
}

/** Intercom's `update` limit: 20 pings per 30 minutes. */
export const UPDATE_LIMIT = { pings: 20, windowMs: 30 * 60_000 } as const;

export function createSession(options: SessionOptions): Session {
  const { state, appId } = options;
  const apiBase = resolveApiBase(state.settings.values.peek()["api_base"], options.apiBase);
  const { connection, conversation, outbox, panel, settings } = state;
  const win = options.window;
  const retryDelay = options.retryDelayMs ?? backoffDelay;
  const appPath = `${apiBase}/v1/apps/${encodeURIComponent(appId)}`;

  const http: HttpClient = createHttpClient({
    apiBase,
    appId,
    token: () => connection.session.peek()?.token ?? null,
    fetch: options.fetch,
  });

  let disposed = false;
  let pinging: Promise<void> | null = null;
  let pingAgain = false;
  let loggedFailure: string | null = null;
  const reportedProblems = new Set<string>();
  let historyLoaded = false;
  /** A conversation asked for (`showConversation`) before the session was live. */
  let wantedConversation: string | null = null;
  let cursor: string | null = null;
  let stream: StreamConnection | null = null;
  let flushing = false;
  let starting = false;
  let wake: (() => void) | null = null;

  let updatePings: number[] = [];
  let deferredPing: ReturnType<typeof setTimeout> | undefined;
  let sendingEvents = false;
  /** Whose events the live session may send (the identity its ping sent). */
  let liveOwner: string | null = null;
  let refreshedForEvents = false;

  const onOnline = () => {
    wake?.();
    void flushEvents();
  };
  win.addEventListener("online", onOnline);
  const events = createWaitingEvents(win, appId);
  /** Whose a message or event is by the settings now, not the live session's: an `update` to another user may still be pinging. */
  const settingsOwner = () => eventOwner(buildPingRequest(settings.values.peek(), options.visitorId(), { url: "", title: "" }).request);
  const unsent = keepUnsent(win, appId, outbox);
  unsent.claim(settingsOwner());

  function forgetConversation() {
    stream?.close();
    stream = null;
    cursor = null;
    historyLoaded = false;
    conversation.reset();
  }

  async function pingOnce(): Promise<void> {
    const built = buildPingRequest(settings.values.peek(), options.visitorId(), {
      url: win.location.href,
      title: win.document.title,
    });
    for (const problem of built.problems) {
      if (reportedProblems.has(problem)) continue;
      reportedProblems.add(problem);
      logWarning(problem);
    }

    let response: PingResponse;
    try {
      response = await http.ping(built.request);
    } catch (error) {
      if (disposed) return;
      const failure = asApiError(error);
      // A failed `update` ping over a flaky network keeps the working session.
      if (connection.status.peek() === "ready" && failure.retryable) return;
      forgetConversation();
      connection.failed(bootErrorOf(failure));
      const key = `${failure.status}:${failure.code}`;
      if (loggedFailure !== key) {
        loggedFailure = key;
        logError(`The Messenger could not start: ${explain(failure, appId, apiBase)}`);
      }
      return;
    }
    if (disposed) return;

    const previousUser = connection.session.peek()?.user.id;
    if (previousUser !== undefined && previousUser !== response.user.id) forgetConversation();
    loggedFailure = null;
    if (response.notice && !reportedProblems.has(response.notice.code)) {
      reportedProblems.add(response.notice.code);
      logWarning(response.notice.message);
    }
    unsent.claim((liveOwner = eventOwner(built.request)));
    connection.ready({
      token: response.session.token,
      expiresAt: response.session.expires_at,
      user: response.user,
      app: response.app,
    });
    cursor ??= response.stream_cursor;

    if (wantedConversation) {
      void loadHistory(wantedConversation);
      wantedConversation = null;
    }
    if (!historyLoaded) {
      historyLoaded = true;
      const open = response.conversations
        .filter((summary) => summary.status !== "resolved")
        .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at))[0];
      if (open && !conversation.conversation.peek()) {
        const { last_message: lastMessage, ...summary } = open;
        conversation.load(summary, lastMessage ? [lastMessage] : []);
        void loadHistory(open.id);
      }
    }
    if (conversation.conversation.peek() || panel.isOpen.peek()) openStream();
    void flush();
    void flushEvents();
  }

  function ping(): Promise<void> {
    if (disposed) return Promise.resolve();
    if (pinging) {
      pingAgain = true;
      return pinging;
    }
    pinging = (async () => {
      do {
        pingAgain = false;
        await pingOnce();
      } while (pingAgain && !disposed);
    })().finally(() => {
      pinging = null;
    });
    return pinging;
  }

  async function loadHistory(conversationId: string) {
    try {
      const loaded = await http.getConversation(conversationId);
      if (disposed) return;
      const current = conversation.conversation.peek();
      if (current && current.id !== conversationId) return;
      conversation.load(loaded.conversation, loaded.messages);
    } catch (error) {
      if (!disposed) logError("Could not load the conversation history:", error);
    }
  }

  /** A message from the server, by any route: shown once; a reply counts as unread. */
  function accept(message: Message) {
    const isNew = conversation.receive(message);
    if (message.client_id) outbox.settle(message.client_id);
    if (isNew && (message.author.type === "ai" || message.author.type === "agent")) {
      panel.countUnread();
    }
  }

  /**
   * Whether a reply in another of this user's conversations replaces the one shown: yes, unless
   * the customer is reading a conversation or a message of theirs is on its way.
   */
  function replyToShow(message: Message): boolean {
    const reading = panel.isOpen.peek() && panel.view.peek() === "conversation";
    return (message.author.type === "agent" || message.author.type === "ai") && !reading && !starting && !outbox.next();
  }

  function openStream() {
    if (stream || disposed || connection.status.peek() !== "ready") return;
    stream = connectStream({
      after: cursor,
      url: (after) => {
        const token = connection.session.peek()?.token;
        if (!token) return null;
        const query = new URLSearchParams({ token });
        if (after) query.set("after", after);
        return `${appPath}/stream?${query.toString()}`;
      },
      onFrame: (frame) => {
        if (disposed) return;
        const current = conversation.conversation.peek();
        if (frame.type === "conversation") {
          if (!current || current.id === frame.conversation.id) {
            conversation.setConversation(frame.conversation);
          }
          return;
        }
        const { message } = frame;
        if (current && current.id !== message.conversation_id) {
          if (!replyToShow(message)) return;
          // The team answered an earlier conversation: it becomes the one the Messenger shows
          // (and announces while closed), as the customer's latest news.
          conversation.reset();
        }
        accept(message);
        // A conversation we have not heard of yet (started in another tab): learn it.
        if ((!current || current.id !== message.conversation_id) && !starting) void loadHistory(message.conversation_id);
      },
      onStatus: (status) => connection.streamChanged(status),
      // The server refused the stream (an expired token, most likely): refresh the session
      // before the next attempt.
      onRefused: () => void ping(),
      createEventSource: options.createEventSource,
      silenceMs: options.streamSilenceMs,
      reconnectDelayMs: options.streamReconnectDelayMs,
    });
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  /** Where the customer is writing from (workflows may branch on it), and in which language the Messenger is (the AI's replies follow it when a message does not say). */
  function writingFrom(): { page_url?: string; locale?: string } {
    const href = win.location?.href;
    const locale = messengerLocale(settings.values.peek(), win);
    return { ...(href && href.length <= 2048 && { page_url: href }), ...(locale && { locale }) };
  }

  async function deliver(request: SendMessageRequest) {
    const current = conversation.conversation.peek();
    if (current) {
      const sent = await http.sendMessage(current.id, request);
      if (!disposed) accept(sent.message);
      return;
    }
    starting = true;
    try {
      const started = await http.startConversation(request);
      if (disposed) return;
      conversation.setConversation(started.conversation);
      accept(started.message);
      openStream();
    } finally {
      starting = false;
    }
  }

  /** Sends the outbox in order, one at a time: the first message starts the conversation. */
  async function flush(): Promise<void> {
    if (flushing || disposed) return;
    flushing = true;
    let attempt = 0;
    let refreshedFor: string | null = null;
    try {
      while (!disposed && connection.status.peek() === "ready") {
        const next = outbox.next();
        // Typed for another user than the live session's (an `update` still pinging): the ping claims it.
        if (next?.owner !== liveOwner) break;
        try {
          await deliver({
            client_id: next.clientId,
            text: next.text,
            ...writingFrom(),
            ...(next.action ? { action: next.action } : {}),
            ...(next.article_id ? { article_id: next.article_id } : {}),
          });
          outbox.settle(next.clientId);
          attempt = 0;
        } catch (error) {
          if (disposed) return;
          const failure = asApiError(error);
          if (failure.retryable) {
            // Same client id on every attempt: the server stores the message once.
            await pause(retryDelay(attempt++));
          } else if (
            // An expired session, or identity verification switched on since: a new ping says which.
            (failure.code === "unauthorized" || failure.code.startsWith("identity_verification")) &&
            refreshedFor !== next.clientId
          ) {
            refreshedFor = next.clientId;
            await ping();
          } else {
            outbox.markFailed(next.clientId);
            logError(`A message could not be sent (${failure.status} ${failure.code}): ${failure.message}`);
          }
        }
      }
    } finally {
      flushing = false;
    }
  }

  /** Sends waiting events in order; stops at the first the network refused (the next ping or `online` resumes). */
  async function flushEvents(): Promise<void> {
    if (sendingEvents || disposed) return;
    sendingEvents = true;
    try {
      for (let next = events.next(liveOwner); next && !disposed && connection.status.peek() === "ready"; next = events.next(liveOwner)) {
        try {
          await http.trackEvent(next);
          refreshedForEvents = false;
        } catch (error) {
          const failure = asApiError(error);
          if (failure.retryable) return;
          if (failure.code === "unauthorized" && !refreshedForEvents) {
            // An expired session: the next ping brings a new one and sends the rest.
            refreshedForEvents = true;
            void ping();
            return;
          }
          logError(`The event "${next.event_name}" was not recorded (${failure.status} ${failure.code}): ${failure.message}`);
        }
        events.remove(next.client_id);
      }
    } finally {
      sendingEvents = false;
    }
  }

  return {
    ping,
    updated() {
      const now = Date.now();
      updatePings = updatePings.filter((at) => now - at < UPDATE_LIMIT.windowMs);
      if (updatePings.length < UPDATE_LIMIT.pings) {
        updatePings.push(now);
        void ping();
      } else if (deferredPing === undefined) {
        deferredPing = setTimeout(() => {
          deferredPing = undefined;
          updatePings = [Date.now()];
          void ping();
        }, UPDATE_LIMIT.windowMs - (now - (updatePings[0] ?? now)));
      }
    },
    send(text, button) {
      const trimmed = text.trim();
      if (disposed || trimmed === "") return;
      if (trimmed.length > LIMITS.messageLength) {
        logWarning(`A message is limited to ${LIMITS.messageLength} characters; it was not sent.`);
        return;
      }
      outbox.enqueue({
        clientId: createClientId(),
        text: trimmed,
        owner: settingsOwner(),
        ...(button ? { action: button.action } : {}),
        ...(button?.article_id ? { article_id: button.article_id } : {}),
      });
      void flush();
    },
    async submitForm(text, form) {
      if (disposed) return { ok: false, problems: { "": "The Messenger was closed." } };
      try {
        await deliver({ client_id: createClientId(), text, form, ...writingFrom() });
        return { ok: true };
      } catch (error) {
        const failure = asApiError(error);
        const problems: Record<string, string> = {};
        for (const issue of failure.issues) {
          if (issue.path.startsWith("form.")) problems[issue.path.slice("form.".length)] = issue.message;
        }
        if (Object.keys(problems).length === 0) problems[""] = failure.retryable ? "Could not send. Please try again." : failure.message;
        return { ok: false, problems };
      }
    },
    retry(clientId) {
      if (disposed) return;
      outbox.markSending(clientId);
      void flush();
    },
    opened() {
      openStream();
    },
    newConversation() {
      if (disposed || starting || outbox.next()) return;
      conversation.reset();
    },
    async listConversations() {
      return (await http.listConversations()).conversations;
    },
    openConversation(conversationId) {
      // A message on its way belongs to the conversation it was written in.
      if (disposed || starting || outbox.next() || conversation.conversation.peek()?.id === conversationId) return;
      conversation.reset();
      // The conversation asked for, not the latest open one, is what the first ping loads.
      historyLoaded = true;
      if (connection.status.peek() === "ready") void loadHistory(conversationId);
      else wantedConversation = conversationId;
      openStream();
    },
    async searchArticles(query) {
      const trimmed = query.trim().slice(0, LIMITS.searchQueryLength);
      if (trimmed === "") return [];
      return (await http.searchArticles(trimmed, messengerLocale(settings.values.peek(), win))).articles;
    },
    async article(articleId) {
      return (await http.getArticle(articleId)).article;
    },
    trackEvent(name, metadata) {
      if (disposed) return;
      // When the page tracked it, not when the network let it through.
      const clientId = createClientId();
      const parsed = TrackEventRequest.safeParse({ client_id: clientId, event_name: name, created_at: Math.floor(Date.now() / 1000), metadata });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "event"}: ${issue.message}`);
        logWarning(`Intercom('trackEvent', ${JSON.stringify(String(name))}) was not recorded: ${problems.join("; ")}.`);
        return;
      }
      events.add(settingsOwner(), { ...parsed.data, client_id: clientId });
      void flushEvents();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearTimeout(deferredPing);
      unsent.stop();
      events.stop();
      win.removeEventListener("online", onOnline);
      stream?.close();
      stream = null;
      wake?.();
    },
  };
}
