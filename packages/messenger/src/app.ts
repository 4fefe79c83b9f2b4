import { effect } from "@preact/signals";
import {
  appIdOf,
  readSettings,
  resolveApiBase,
  type IntercomSettings,
} from "./api/intercom-settings";
import { guard, logError } from "./api/log";
import { createMessengerState, disposeMessengerState, type MessengerState } from "./state/models";
import type { BootError } from "./state/connection";
import type { Session, SessionOptions } from "./state/session";
import { createVisitorStore, type VisitorStore } from "./state/visitor-store";
import { mountMessenger, type MountedMessenger, type PanelModule } from "./ui/mount";
import type { MessengerActions } from "./ui/types";

/** What the server's loader passes to `start()`: its own public address and the app id. */
export interface MessengerConfig {
  apiBase: string;
  appId: string;
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
}

/** Everything one boot owns; `shutdown` tears it down. */
interface Run {
  state: MessengerState;
  visitors: VisitorStore;
  ui: MountedMessenger;
  session: Session | null;
  stopWatching: () => void;
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
    for (const listener of [...listeners]) guard("A Messenger callback", () => listener(...args));
  }

  function whenBooted(call: () => void) {
    if (run) call();
    else if (waiting.length < MAX_WAITING_CALLS) waiting.push(call);
  }

  function actionsFor(state: MessengerState): MessengerActions {
    // Only the boot that drew the UI may act on it (a click can race a shutdown).
    const act = (what: string, fn: (active: Run) => void) =>
      guard(what, () => {
        if (run?.state === state) fn(run);
      });
    return {
      toggle: () => act("Opening the Messenger", (active) => active.state.panel.toggle()),
      close: () => act("Closing the Messenger", (active) => active.state.panel.hide()),
      send: (text) => act("Sending a message", (active) => active.session?.send(text)),
      pressButton: (button) =>
        act("Sending a reply", (active) => active.session?.send(button.label, button)),
      retry: (clientId) => act("Retrying a message", (active) => active.session?.retry(clientId)),
      submitForm: async (text, form) =>
        run?.state === state && run.session ? run.session.submitForm(text, form) : { ok: false, problems: { "": "The Messenger is not connected." } },
      newConversation: () => act("Starting a new conversation", (active) => active.session?.newConversation()),
    };
  }

  function boot(settings: IntercomSettings) {
    if (run) {
      run.state.settings.replace(settings);
      void run.session?.ping();
      return;
    }
    const appId = appIdOf(settings) ?? config.appId;
    const apiBase = resolveApiBase(settings["api_base"], config.apiBase);
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

    const self: Run = { state, visitors, ui, session: null, stopWatching: () => {} };
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
    self.stopWatching = () => {
      stopOpenWatch();
      stopUnreadWatch();
      stopErrorWatch();
    };

    loadSession()
      .then((module) => {
        if (run !== self) return;
        self.session = module.createSession({
          apiBase,
          appId,
          state,
          window: win,
          visitorId: () => visitors.visitorId(),
          ...options.network,
        });
        void self.session.ping();
        if (state.panel.isOpen.peek()) self.session.opened();
      })
      .catch((error: unknown) => {
        if (run !== self) return;
        state.connection.failed({ status: 0, code: "load_failed", message: String(error) });
        logError("The Messenger could not load:", error);
      });

    const calls = waiting;
    waiting = [];
    for (const call of calls) guard("A queued Messenger call", call);
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
    void run.session?.ping();
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
      waiting = [];
      const ended = run;
      run = null;
      showListeners.clear();
      hideListeners.clear();
      unreadListeners.clear();
      errorListeners.clear();
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
      showListeners.add(listener);
    },
    onHide(listener) {
      hideListeners.add(listener);
    },
    onUnreadCountChange(listener) {
      unreadListeners.add(listener);
      const count = run?.state.panel.unreadCount.peek() ?? 0;
      guard("A Messenger callback", () => listener(count));
    },
    onError(listener) {
      errorListeners.add(listener);
      const error = run?.state.connection.bootError.peek();
      if (error) guard("A Messenger callback", () => listener({ ...error }));
    },
    getVisitorId() {
      return visitorStore().visitorId();
    },
  };
}
