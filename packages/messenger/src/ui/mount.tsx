import { computed, effect, signal, type ReadonlySignal } from "@preact/signals-core";
import { Component, render, type ComponentType } from "preact";
import type { Appearance } from "../api/intercom-settings";
import { logError } from "../api/log";
import type { MessengerState } from "../state/models";
import { Launcher } from "./launcher";
import { addStyles, launcherStyles } from "./styles";
import type { MessengerActions, PanelProps } from "./types";

/** The performance mark set once the launcher is in the page. */
export const LAUNCHER_MARK = "parley:launcher";

/** What the lazily loaded panel chunk (`./panel/panel`) provides. */
export interface PanelModule {
  Panel: ComponentType<PanelProps>;
  panelStyles: string;
}

export interface MountOptions {
  state: MessengerState;
  actions: MessengerActions;
  loadPanel: () => Promise<PanelModule>;
  /** Runs a task when the page is idle; returns a cancel function. */
  scheduleIdle?: (task: () => void) => () => void;
}

export interface MountedMessenger {
  /** The element appended to <html> (see mountMessenger); the Messenger lives in its open shadow root. */
  readonly host: HTMLElement;
  unmount(): void;
}

/** requestIdleCallback where there is one (not in Safari), else a short timeout. */
export function whenIdle(win: Window, task: () => void): () => void {
  if (typeof win.requestIdleCallback === "function") {
    const id = win.requestIdleCallback(task, { timeout: 5_000 });
    return () => win.cancelIdleCallback(id);
  }
  const id = win.setTimeout(task, 1_500);
  return () => win.clearTimeout(id);
}

/** What the entry draws, read from the models' signals. */
interface View {
  appearance: Appearance;
  open: boolean;
  unread: number;
  Panel: ComponentType<PanelProps> | null;
}

interface ViewProps extends PanelProps {
  view: ReadonlySignal<View>;
  onIntent(): void;
}

/**
 * The launcher, and the panel once its chunk is in. The entry leaves out @preact/signals' Preact
 * integration (and preact/hooks, which it needs): the panel chunk brings both, and they would
 * cost 1.9 KB of the entry's budget. So this component follows its signals itself, through `view`,
 * and redraws through Preact's own render queue, as the integration does; the launcher gets
 * plain props.
 */
class MessengerView extends Component<ViewProps> {
  private unsubscribe = () => {};

  override componentDidMount() {
    let drawn = this.props.view.peek();
    this.unsubscribe = this.props.view.subscribe((next) => {
      if (next === drawn) return;
      drawn = next;
      this.forceUpdate();
    });
  }

  override componentWillUnmount() {
    this.unsubscribe();
  }

  override render({ state, actions, view, onIntent }: ViewProps) {
    const { appearance, open, unread, Panel } = view.peek();
    return (
      <div
        class={`parley parley--${appearance.alignment}`}
        style={{
          "--parley-color": appearance.color,
          "--parley-bg": appearance.background,
          "--parley-z": String(appearance.zIndex),
          "--parley-bottom": `${appearance.verticalPadding}px`,
          "--parley-side": `${appearance.horizontalPadding}px`,
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape" && state.panel.isOpen.peek()) {
            event.stopPropagation();
            actions.close();
          }
        }}
      >
        {Panel ? <Panel state={state} actions={actions} /> : null}
        {appearance.hideLauncher ? null : (
          <Launcher open={open} unread={unread} onToggle={actions.toggle} onIntent={onIntent} />
        )}
      </div>
    );
  }
}

/**
 * Draws the Messenger into an open shadow root on a host element: the launcher at once, the panel
 * chunk when the Messenger opens (or the pointer heads for the launcher, or the page is idle).
 * The host goes after <body>, as the last child of <html>: a transform, filter or will-change on
 * <body> makes it the box that position: fixed is measured from, and a launcher inside a long
 * page's <body> would sit at the page's foot, not the window's.
 */
export function mountMessenger(doc: Document, options: MountOptions): MountedMessenger {
  const host = doc.createElement("div");
  host.id = "parley-messenger";
  host.setAttribute("data-parley-messenger", "");
  const root = host.attachShadow({ mode: "open" });
  const container = doc.createElement("div");
  container.className = "parley-root";
  root.append(container);
  addStyles(root, launcherStyles, container);
  doc.documentElement.append(host);

  const panel = signal<ComponentType<PanelProps> | null>(null);
  let loading: Promise<void> | null = null;
  let mounted = true;

  function loadPanel() {
    loading ??= options
      .loadPanel()
      .then((module) => {
        if (!mounted) return;
        addStyles(root, module.panelStyles, container);
        panel.value = module.Panel;
      })
      .catch((error: unknown) => {
        loading = null;
        logError("Could not load the Messenger panel:", error);
      });
  }

  const stopWatching = effect(() => {
    if (options.state.panel.isOpen.value) loadPanel();
  });
  const cancelIdle = (options.scheduleIdle ?? ((task) => whenIdle(doc.defaultView ?? window, task)))(
    loadPanel,
  );

  const { settings, panel: panelState } = options.state;
  const view = computed<View>(() => ({
    appearance: settings.appearance.value,
    open: panelState.isOpen.value,
    unread: panelState.unreadCount.value,
    Panel: panel.value,
  }));
  render(
    <MessengerView state={options.state} actions={options.actions} view={view} onIntent={loadPanel} />,
    container,
  );
  // For `npm run bench:widget` and anyone profiling a host page: when the launcher was drawn.
  globalThis.performance?.mark?.(LAUNCHER_MARK);

  return {
    host,
    unmount() {
      if (!mounted) return;
      mounted = false;
      stopWatching();
      cancelIdle();
      render(null, container);
      host.remove();
    },
  };
}
