import type { Messenger } from "../app";
import { readSettings } from "./intercom-settings";
import { guard, logWarning } from "./log";

/** `window.Intercom`: one variadic function, plus Intercom's `booted` flag. */
export interface IntercomFunction {
  (command: string, ...args: unknown[]): unknown;
  readonly booted: boolean;
}

/**
 * Commands of Intercom's API that Parley does not carry out yet: they warn once each instead
 * of looking unknown.
 */
const NOT_YET = new Set([
  "ready",
  "showSpace",
  "showMessages",
  "showNewMessage",
  "startConversation",
  "hideNotifications",
  "onUserEmailSupplied",
  "trackEvent",
  "startTour",
  "showArticle",
  "showNews",
  "startSurvey",
  "startChecklist",
  "showTicket",
  "showConversation",
  "whoami",
  "setAuthTokens",
  "onActivatorClick",
]);

function callback(command: string, value: unknown): ((...args: never[]) => unknown) | null {
  if (typeof value === "function") return value as (...args: never[]) => unknown;
  logWarning(`Intercom('${command}', fn) needs a function.`);
  return null;
}

/**
 * Builds the real `window.Intercom` over a Messenger. It never throws into the host page:
 * bad arguments and unknown commands warn, failures are logged.
 */
export function createIntercomFunction(messenger: Messenger): IntercomFunction {
  const warned = new Set<string>();

  function dispatch(command: unknown, args: unknown[]): unknown {
    switch (command) {
      case "boot":
        messenger.boot(readSettings(args[0]));
        return undefined;
      case "update":
        messenger.update(args[0] === undefined ? undefined : readSettings(args[0]));
        return undefined;
      case "show":
        messenger.show();
        return undefined;
      case "hide":
        messenger.hide();
        return undefined;
      case "shutdown":
        messenger.shutdown();
        return undefined;
      case "getVisitorId":
        return messenger.getVisitorId();
      case "onShow":
      case "onHide": {
        const fn = callback(command, args[0]);
        if (fn) messenger[command](() => fn());
        return undefined;
      }
      case "onUnreadCountChange": {
        const fn = callback(command, args[0]);
        if (fn) messenger.onUnreadCountChange((count) => (fn as (count: number) => unknown)(count));
        return undefined;
      }
      case "onError": {
        const fn = callback(command, args[0]);
        if (fn) messenger.onError((error) => (fn as (error: unknown) => unknown)(error));
        return undefined;
      }
      // Loaders send it before `update` when the widget is already on the page.
      case "reattach_activator":
        return undefined;
      default: {
        const name = typeof command === "string" ? command : String(command);
        if (!warned.has(name)) {
          warned.add(name);
          logWarning(
            NOT_YET.has(name)
              ? `Intercom('${name}') is not supported by Parley yet; the call was ignored.`
              : `Unknown command Intercom('${name}'); the call was ignored.`,
          );
        }
        return undefined;
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
