import { effect } from "@preact/signals-core";
import {
  appIdOf,
  readSettings,
  type IntercomSettings,
} from "./api/intercom-settings";
import { guard, logError } from "./api/log";
import { createMessengerState, disposeMessengerState, type MessengerState } from "./state/models";
import type { BootError } from "./state/connection";
import type { Session, SessionOptions } from "./state/session";
import { createClientId, createVisitorStore, type VisitorStore } from "./state/visitor-store";
import { mountMessenger, type MountedMessenger, type PanelModule } from "./ui/mount";
import type { MessengerActions } from "./ui/types";

/** What the server's loader passes to `start()`: its own public address and the app id. */
export interface MessengerConfig {
  apiBase: string;
  appId: string;
}

function settingOf(state: MessengerState, key: string): unknown {
  return state.settings.values.peek()[key];
}

export interface SessionModule {
  createSession(options: SessionOptions): Session;
}

/** Seams for tests and embedders; every one has a browser default. */
export interface MessengerOptions {
  window?: Window;
  loadSession?: () => Promise<SessionModule>;
  loadPanel?: () => Promise<PanelModule>;
  scheduleIdle?: (task: () => void) => () => void;
  /** Network seams passed to the session (fetch, EventSource, retry timings). */
  network?: Pick<
    SessionOptions,
    "fetch" | "createEventSource" | "retryDelayMs" | "streamSilenceMs" | "streamReconnectDelayMs"
  >;
}

/**
 * The Messenger behind `window.Intercom(…)`: one method per command. Nothing here throws:
 * failures go to the console with a "[Parley]" prefix.
 */
export interface Messenger {
  /** True from `boot` until `shutdown`. */
  readonly booted: boolean;
  boot(settings?: IntercomSettings | null): void;
  update(settings?: IntercomSettings | null): void;
  show(): void;
  hide(): void;
  shutdown(): void;
  onShow(listener: () => void): void;
  onHide(listener: () => void): void;
  /** Called at once with the current count, then on every change. */
  onUnreadCountChange(listener: (count: number) => void): void;
  /**
   * Called when the Messenger cannot start or stops working, with the server's reason (e.g.
   * `identity_verification_required`): Parley's addition, since Intercom fails silently.
   */
  onError(listener: (error: BootError) => void): void;
  getVisitorId(): string;
  /** Opens a space: home, messages, help (news, tasks and tickets have no space here: Home). */
  showSpace(space: string): void;
  showMessages(): void;
  /** Opens the conversation with `text` in the composer, for the customer to send. */
  showNewMessage(text?: string): void;
  /** Opens the conversation and sends `text` as the customer. */
  startConversation(text: string): void;
  showArticle(articleId: string): void;
  showConversation(conversationId: string): void;
  /** Runs `listener` once the session is live (at once if it is). */
  ready(listener: () => void): void;
  /** Called with the address when the customer gives their email in the Messenger. */
  onUserEmailSupplied(listener: (email: string) => void): void;
  /** Clicks on elements matching `custom_launcher_selector` open the Messenger again (after the page redrew them). */
  reattachActivator(): void;
  /** Records an event for this user on the server (checked there and in the session chunk). */
  trackEvent(name: unknown, metadata?: unknown): void;
  whoami(): { app_id: string; visitor_id: string; user_id: string | null; email: string | null; anonymous: boolean } | null;
}

/** Everything one boot owns; `shutdown` tears it down. */
interface Run {
  state: MessengerState;
  visitors: VisitorStore;
  ui: MountedMessenger;
  session: Session | null;
  /** The session once its chunk is in (null when it could not load). */
  sessionLoaded?: Promise<Session | null>;
  stopWatching: () => void;
  appId: string;
}

/** Calls made before boot wait (Intercom queues them too); a runaway page cannot grow this. */
const MAX_WAITING_CALLS = 100;

export function createMessenger(config: MessengerConfig, options: MessengerOptions = {}): Messenger {
  const win = options.window ?? window;
  const loadSession = options.loadSession ?? (() => import("./state/session"));
  const loadPanel = options.loadPanel ?? (() => import("./ui/panel/panel"));

  const showListeners = new Set<() => void>();
  const hideListeners = new Set<() => void>();
  const unreadListeners = new Set<(count: number) => void>();
  const errorListeners = new Set<(error: BootError) => void>();
  const readyListeners = new Set<() => void>();
  const emailListeners = new Set<(email: string) => void>();
  // The callbacks a shutdown carried over, by kind: pages that register once keep them across
  // log-outs, but a page that registers again after the shutdown (as Intercom, which forgets
  // them, needs: react-use-intercom does on every boot) replaces them instead of doubling them.
  let carried = new Set<unknown>();
  function register<F>(listeners: Set<F>, listener: F) {
    if (carried.delete(listeners)) listeners.clear();
    listeners.add(listener);
  }
  let waiting: Array<() => void> = [];
  let run: Run | null = null;
  let preBootVisitors: VisitorStore | null = null;

  function hostSettings(): IntercomSettings | null {
    return readSettings((win as Window & { intercomSettings?: unknown }).intercomSettings);
  }

  function visitorStore(): VisitorStore {
    if (run) return run.visitors;
    preBootVisitors ??= createVisitorStore(win, appIdOf(hostSettings()) ?? config.appId);
    return preBootVisitors;
  }

  function notify<A extends unknown[]>(listeners: Set<(...args: A) => void>, ...args: A) {
    for (const listener of [...listeners]) guard("callback", () => listener(...args));
  }

  function whenBooted(call: () => void) {
    if (run) call();
    else if (waiting.length < MAX_WAITING_CALLS) waiting.push(call);
  }

  /** "Send us a message": the current conversation, or a fresh one when it is resolved. */
  function composeIn(active: Run) {
    if (active.state.conversation.conversation.peek()?.status === "resolved") active.session?.newConversation();
    active.state.panel.navigate("conversation");
  }

  function openConversation(active: Run, id: string) {
    active.session?.openConversation(id);
    active.state.panel.navigate("conversation");
  }

  function withSession<T>(state: MessengerState, use: (session: Session) => Promise<T>): Promise<T> {
    const session = run?.state === state ? run.session : null;
    return session ? use(session) : Promise.reject(new Error("The Messenger is not connected."));
  }

  function actionsFor(state: MessengerState): MessengerActions {
    // Only the boot that drew the UI may act on it (a click can race a shutdown).
    const act = (what: string, fn: (active: Run) => void) =>
      guard(what, () => {
        if (run?.state === state) fn(run);
      });
    return {
      toggle: () => act("toggle", (active) => active.state.panel.toggle()),
      close: () => act("close", (active) => active.state.panel.hide()),
      send: (text) => act("send", (active) => active.session?.send(text)),
      pressButton: (button) =>
        act("reply", (active) => active.session?.send(button.label, button)),
      retry: (clientId) => act("retry", (active) => active.session?.retry(clientId)),
      submitForm: async (text, form) =>
        run?.state === state && run.session ? run.session.submitForm(text, form) : { ok: false, problems: { "": "The Messenger is not connected." } },
      newConversation: () => act("newConversation", (active) => active.session?.newConversation()),
      navigate: (view, articleId) =>
        act("navigate", (active) => active.state.panel.navigate(view, articleId ?? null)),
      composeMessage: () => act("showConversation", composeIn),
      listConversations: () => withSession(state, (session) => session.listConversations()),
      openConversation: (id) => act("openConversation", (active) => openConversation(active, id)),
      searchArticles: (query) => withSession(state, (session) => session.searchArticles(query)),
      article: (id) => withSession(state, (session) => session.article(id)),
    };
  }

  function boot(settings: IntercomSettings) {
    if (run) {
      run.state.settings.replace(settings);
      void run.session?.ping();
      return;
    }
    const appId = appIdOf(settings) ?? config.appId;
    const visitors = createVisitorStore(win, appId);
    preBootVisitors = null;

    const state = createMessengerState();
    state.settings.replace(settings);
    state.connection.booting();
    const ui = mountMessenger(win.document, {
      state,
      actions: actionsFor(state),
      loadPanel,
      scheduleIdle: options.scheduleIdle,
    });

    const self: Run = { state, visitors, ui, session: null, stopWatching: () => {}, appId };
    run = self;

    let wasOpen = false;
    let lastCount = 0;
    const stopOpenWatch = effect(() => {
      const open = state.panel.isOpen.value;
      if (open === wasOpen) return;
      wasOpen = open;
      if (open) self.session?.opened();
      notify(open ? showListeners : hideListeners);
    });
    const stopUnreadWatch = effect(() => {
      const count = state.panel.unreadCount.value;
      if (count === lastCount) return;
      lastCount = count;
      notify(unreadListeners, count);
    });
    const stopErrorWatch = effect(() => {
      const error = state.connection.bootError.value;
      if (error) notify(errorListeners, { ...error });
    });
    let knownEmail: string | null | undefined;
    const stopSessionWatch = effect(() => {
      const session = state.connection.session.value;
      if (!session) return;
      notify(readyListeners);
      readyListeners.clear();
      // An email the server learned from the customer (not one the page gave us).
      const email = session.user.email;
      if (knownEmail === null && email && email !== settingOf(state, "email")) notify(emailListeners, email);
      knownEmail = email;
    });
    const onActivatorClick = (event: Event) => {
      const selector = settingOf(state, "custom_launcher_selector");
      const target = event.target as Element | null;
      if (typeof selector !== "string" || !target?.closest) return;
      const activator = guard("custom_launcher_selector", () => target.closest(selector));
      if (activator) state.panel.show();
    };
    win.document.addEventListener("click", onActivatorClick);
    self.stopWatching = () => {
      stopOpenWatch();
      stopUnreadWatch();
      stopSessionWatch();
      stopErrorWatch();
      win.document.removeEventListener("click", onActivatorClick);
    };

    self.sessionLoaded = loadSession()
      .then((module) => {
        if (run !== self) return null;
        self.session = module.createSession({
          // The session resolves `api_base` against this (its code is not needed for the launcher).
          apiBase: config.apiBase,
          appId,
          state,
          window: win,
          visitorId: () => visitors.visitorId(),
          ...options.network,
        });
        void self.session.ping();
        if (state.panel.isOpen.peek()) self.session.opened();
        return self.session;
      })
      .catch((error: unknown) => {
        if (run === self) {
          state.connection.failed({ status: 0, code: "load_failed", message: String(error) });
          logError("The Messenger could not load:", error);
        }
        return null;
      });

    const calls = waiting;
    waiting = [];
    for (const call of calls) guard("queued call", call);
  }

  function update(settings?: IntercomSettings | null) {
    const given = settings === undefined || settings === null ? null : readSettings(settings);
    if (!run) {
      // Intercom treats an update that carries app_id before boot as the boot.
      if (given && appIdOf(given)) boot(given);
      else whenBooted(() => update(settings));
      return;
    }
    // No argument: re-read window.intercomSettings, as Intercom does.
    const changes = given ?? hostSettings();
    if (changes) run.state.settings.merge(changes);
    // Before the session is in, the merged settings go with its first ping.
    run.session?.updated();
  }

  function onRun(what: string, fn: (active: Run) => void) {
    whenBooted(() => guard(what, () => run && fn(run)));
  }

  return {
    get booted() {
      return run !== null;
    },
    boot(settings) {
      boot(readSettings(settings) ?? {});
    },
    update,
    show() {
      whenBooted(() => run?.state.panel.show());
    },
    hide() {
      whenBooted(() => run?.state.panel.hide());
    },
    shutdown() {
      // Registered callbacks stay for the next boot, until registered again (see `carried`).
      carried = new Set<unknown>([showListeners, hideListeners, unreadListeners, errorListeners, emailListeners]);
      waiting = [];
      const ended = run;
      run = null;
      if (!ended) {
        visitorStore().clear();
        preBootVisitors = null;
        return;
      }
      ended.stopWatching();
      ended.session?.dispose();
      ended.ui.unmount();
      ended.visitors.clear();
      disposeMessengerState(ended.state);
    },
    onShow(listener) {
      register(showListeners, listener);
    },
    onHide(listener) {
      register(hideListeners, listener);
    },
    onUnreadCountChange(listener) {
      register(unreadListeners, listener);
      const count = run?.state.panel.unreadCount.peek() ?? 0;
      guard("callback", () => listener(count));
    },
    onError(listener) {
      register(errorListeners, listener);
      const error = run?.state.connection.bootError.peek();
      if (error) guard("callback", () => listener({ ...error }));
    },
    getVisitorId() {
      return visitorStore().visitorId();
    },
    showSpace(space) {
      onRun("showSpace", (active) =>
        active.state.panel.navigate(space === "help" || space === "messages" ? space : "home"),
      );
    },
    showMessages() {
      onRun("showMessages", (active) => active.state.panel.navigate("messages"));
    },
    showNewMessage(text) {
      onRun("showNewMessage", (active) => {
        composeIn(active);
        active.state.panel.setDraft(text ?? "");
      });
    },
    startConversation(text) {
      onRun("startConversation", (active) => {
        composeIn(active);
        // Before the session chunk is in, the message waits in line; the first ping sends it.
        if (active.session) active.session.send(text);
        else active.state.outbox.enqueue({ clientId: createClientId(), text });
      });
    },
    showArticle(articleId) {
      onRun("showArticle", (active) => active.state.panel.navigate("help", articleId));
    },
    showConversation(conversationId) {
      // The conversation's history comes with the session: wait for its chunk.
      onRun("showConversation", (active) => void active.sessionLoaded?.then(() => run === active && openConversation(active, conversationId)));
    },
    ready(listener) {
      if (run?.state.connection.session.peek()) guard("callback", listener);
      else readyListeners.add(listener);
    },
    onUserEmailSupplied(listener) {
      register(emailListeners, listener);
    },
    reattachActivator() {
      // Clicks are caught on the document, so redrawn activators work without rebinding.
    },
    trackEvent(name, metadata) {
      onRun("trackEvent", (active) => void active.sessionLoaded?.then((session) => session?.trackEvent(name, metadata)));
    },
    whoami() {
      if (!run) return null;
      const user = run.state.connection.session.peek()?.user;
      return {
        app_id: run.appId,
        visitor_id: run.visitors.visitorId(),
        user_id: user?.user_id ?? null,
        email: user?.email ?? null,
        anonymous: user?.anonymous ?? true,
      };
    },
  };
}
