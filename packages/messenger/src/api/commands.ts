import type { Messenger } from "../app";
import { readSettings } from "./intercom-settings";
import { guard, logWarning } from "./log";

/** `window.Intercom`: one variadic function, plus Intercom's `booted` flag. */
export interface IntercomFunction {
  (command: string, ...args: unknown[]): unknown;
  readonly booted: boolean;
}

/**
 * Intercom features Parley has no counterpart for (product tours, news, surveys, checklists,
 * tickets): accepted with a warning, once each, so pages written for Intercom keep working.
 */
const NO_COUNTERPART = new Set(["startTour", "showNews", "startSurvey", "startChecklist", "showTicket", "onActivatorClick"]);

/** The function given to a callback command; none given is quietly nothing (react-use-intercom passes its optional props as they are). */
function callback(command: string, value: unknown): ((...args: never[]) => unknown) | null {
  if (typeof value === "function") return value as (...args: never[]) => unknown;
  if (value !== undefined) logWarning(`Intercom('${command}', fn) needs a function.`);
  return null;
}

/** Intercom ids may be numbers or strings; null when neither. */
function idOf(command: string, value: unknown): string | null {
  if ((typeof value === "string" && value.trim() !== "") || (typeof value === "number" && Number.isFinite(value))) {
    return String(value).trim();
  }
  logWarning(`Intercom('${command}', id) needs an id.`);
  return null;
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * Builds the real `window.Intercom` over a Messenger. It never throws into the host page:
 * bad arguments and unknown commands warn, failures are logged.
 */
export function createIntercomFunction(messenger: Messenger): IntercomFunction {
  const warned = new Set<string>();
  const warnOnce = (key: string, message: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    logWarning(message);
  };

  function dispatch(command: unknown, args: unknown[]): unknown {
    const [first, second] = args;
    switch (command) {
      case "boot":
        return messenger.boot(readSettings(first));
      case "update":
        return messenger.update(first === undefined ? undefined : readSettings(first));
      case "show":
      case "hide":
      case "shutdown":
      case "showMessages":
      case "reattach_activator":
        return command === "reattach_activator" ? messenger.reattachActivator() : messenger[command]();
      case "getVisitorId":
        return messenger.getVisitorId();
      case "whoami":
        return messenger.whoami();
      case "showSpace":
        if (first !== "home" && first !== "messages" && first !== "help") {
          warnOnce(`showSpace:${String(first)}`, `Intercom('showSpace', '${String(first)}'): showing Home (Parley has home, messages and help).`);
        }
        return messenger.showSpace(String(first));
      case "showNewMessage":
        return messenger.showNewMessage(textOf(first));
      case "startConversation": {
        const text = textOf(first)?.trim();
        if (text) return messenger.startConversation(text);
        return logWarning("Intercom('startConversation', text) needs a text.");
      }
      case "showArticle":
      case "showConversation": {
        const id = idOf(command, first);
        return id === null ? undefined : messenger[command](id);
      }
      case "onShow":
      case "onHide":
      case "ready": {
        const fn = callback(command, first);
        return fn ? messenger[command](() => fn()) : undefined;
      }
      case "onUnreadCountChange": {
        const fn = callback(command, first) as ((count: number) => unknown) | null;
        return fn ? messenger.onUnreadCountChange((count) => fn(count)) : undefined;
      }
      case "onError": {
        const fn = callback(command, first);
        if (fn) messenger.onError((error) => (fn as (error: unknown) => unknown)(error));
        return undefined;
      }
      case "onUserEmailSupplied": {
        const fn = callback(command, first) as ((email: string) => unknown) | null;
        return fn ? messenger.onUserEmailSupplied((email) => fn(email)) : undefined;
      }
      case "hideNotifications":
        return messenger.update({ hide_notifications: first !== false });
      case "trackEvent":
        return messenger.trackEvent(first, second);
      // Tokens for Intercom's data connectors: Parley has none to pass them to.
      case "setAuthTokens":
        return undefined;
      default: {
        const name = typeof command === "string" ? command : String(command);
        return warnOnce(
          name,
          NO_COUNTERPART.has(name)
            ? `Intercom('${name}') has no counterpart in Parley; the call was ignored.`
            : `Unknown command Intercom('${name}'); the call was ignored.`,
        );
      }
    }
  }

  const intercom = function Intercom(command: string, ...args: unknown[]): unknown {
    return guard(`Intercom('${String(command)}')`, () => dispatch(command, args));
  };
  Object.defineProperty(intercom, "booted", {
    enumerable: true,
    get: () => messenger.booted,
  });
  return intercom as IntercomFunction;
}
