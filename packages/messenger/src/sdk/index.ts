/**
 * The npm SDK: `Intercom({ app_id, api_base, … })` and one typed function per command, the same
 * names `@intercom/messenger-js-sdk` exports, over the same `window.Intercom` the snippet uses.
 * Safe to import on a server: nothing touches `window` until a function runs in a browser, and
 * on a server every function does nothing.
 */
import type { EventMetadata, IntercomSettings, MessengerSpace, ParleyProps, Whoami } from "./types";

export type { EventMetadata, IntercomCompany, IntercomSettings, MessengerSpace, ParleyProps, Whoami } from "./types";

type Stub = ((...args: unknown[]) => unknown) & { q?: unknown[]; c?: (args: unknown) => void };
// Only what the SDK touches, not `Window &`: @intercom/messenger-js-sdk declares its own global
// `window.Intercom` and `window.intercomSettings`, and a project may have both installed.
type HostWindow = { document: Document; Intercom?: Stub; intercomSettings?: IntercomSettings };

const SCRIPT_MARK = "data-parley-sdk";
let booted: string | null = null;

function host(): HostWindow | null {
  return typeof window === "undefined" || typeof document === "undefined" ? null : (window as HostWindow);
}

/** The real `window.Intercom`, or a stub that queues calls until the Messenger's script replays them. */
function intercom(win: HostWindow): Stub {
  if (typeof win.Intercom === "function") return win.Intercom;
  const stub: Stub = function () {
    // eslint-disable-next-line prefer-rest-params -- the widget replays `arguments` objects, as from Intercom's snippet
    stub.c?.(arguments);
  };
  stub.q = [];
  stub.c = (args) => stub.q?.push(args);
  win.Intercom = stub;
  return stub;
}

function call(command: string, ...args: unknown[]): unknown {
  const win = host();
  return win ? intercom(win)(command, ...args) : undefined;
}

/** Where the Messenger's loader is: `widget_url`, else on `api_base` unless that is still Intercom's. */
function scriptUrl(props: ParleyProps): string | null {
  if (props.widget_url) return props.widget_url;
  let base: URL;
  try {
    base = new URL(props.api_base ?? "");
  } catch {
    return null;
  }
  if (/(^|\.)(intercom\.io|intercom-messenger\.com)$/.test(base.hostname)) return null;
  return `${base.href.replace(/\/+$/, "")}/widget/${encodeURIComponent(String(props.app_id))}`;
}

/**
 * Loads and boots the Messenger (once: later calls with changed settings are an `update`, so a
 * component may call it on every render).
 */
export function Intercom(props: ParleyProps): void {
  const win = host();
  if (!win) return;
  const { widget_url: _widgetUrl, ...settings } = props;
  const key = JSON.stringify(settings);
  if (booted !== null) {
    if (key !== booted) update(settings);
    booted = key;
    return;
  }
  const src = scriptUrl(props);
  if (!src) {
    console.warn("[Parley] Intercom({ … }) needs api_base (your Parley server) or widget_url.");
    return;
  }
  booted = key;
  win.intercomSettings = settings;
  intercom(win);
  if (!win.document.querySelector(`script[${SCRIPT_MARK}]`)) {
    const script = win.document.createElement("script");
    script.async = true;
    script.src = src;
    script.setAttribute(SCRIPT_MARK, "");
    win.document.head.append(script);
  }
  boot(settings);
}

export default Intercom;

export const boot = (settings?: IntercomSettings): void => void call("boot", settings);
export const update = (settings?: IntercomSettings): void => void call("update", settings);
/** Clears this user's conversations and identity from the browser (call it on logout). */
export const shutdown = (): void => {
  // The next Intercom({ … }) boots again.
  booted = null;
  void call("shutdown");
};
export const show = (): void => void call("show");
export const hide = (): void => void call("hide");
export const showSpace = (space: MessengerSpace): void => void call("showSpace", space);
export const showMessages = (): void => void call("showMessages");
/** Opens the conversation with `prefilledContent` in the composer (the customer sends it). */
export const showNewMessage = (prefilledContent?: string): void => void call("showNewMessage", prefilledContent);
/** Opens the conversation and sends `message` as the customer. */
export const startConversation = (message: string): void => void call("startConversation", message);
export const showArticle = (articleId: string | number): void => void call("showArticle", articleId);
export const showConversation = (conversationId: string | number): void => void call("showConversation", conversationId);
export const onShow = (callback: () => void): void => void call("onShow", callback);
export const onHide = (callback: () => void): void => void call("onHide", callback);
/** Called at once with the current count, then on every change. */
export const onUnreadCountChange = (callback: (unreadCount: number) => void): void => void call("onUnreadCountChange", callback);
export const onUserEmailSupplied = (callback: (email: string) => void): void => void call("onUserEmailSupplied", callback);
export const ready = (callback: () => void): void => void call("ready", callback);
export const hideNotifications = (hidden: boolean): void => void call("hideNotifications", hidden);
export const trackEvent = (event: string, metadata?: EventMetadata): void => void call("trackEvent", event, metadata);
/** This browser's anonymous visitor id; undefined until the Messenger's script has loaded (or on a server). */
export const getVisitorId = (): string | undefined => {
  const id = call("getVisitorId");
  return typeof id === "string" ? id : undefined;
};
export const whoami = (): Whoami | null => (call("whoami") as Whoami | null | undefined) ?? null;
/** Intercom features Parley has no counterpart for: accepted, with a console warning. */
export const startTour = (tourId: string | number): void => void call("startTour", tourId);
export const showNews = (newsItemId: string | number): void => void call("showNews", newsItemId);
export const startSurvey = (surveyId: string | number): void => void call("startSurvey", surveyId);
export const startChecklist = (checklistId: string | number): void => void call("startChecklist", checklistId);
export const showTicket = (ticketId: string | number): void => void call("showTicket", ticketId);
