import type { Messenger } from "../app";
import { createIntercomFunction, type IntercomFunction } from "./commands";
import { appIdOf, readSettings } from "./intercom-settings";

type IntercomWindow = Window & { Intercom?: unknown; intercomSettings?: unknown };

/**
 * The calls a loader stub queued before our script ran, oldest first, as arrays. Snippets
 * queue `arguments` objects in `.q`; the npm SDK does too (its `.loaderQueue` is the function
 * that pushes onto `.q`, but take it as well should some loader make it an array).
 */
export function readQueuedCalls(stub: unknown): unknown[][] {
  if (typeof stub !== "function" && (typeof stub !== "object" || stub === null)) return [];
  const { q, loaderQueue } = stub as { q?: unknown; loaderQueue?: unknown };
  const calls: unknown[][] = [];
  const queues = loaderQueue === q ? [q] : [q, loaderQueue];
  for (const queue of queues) {
    if (!Array.isArray(queue)) continue;
    for (const entry of queue) {
      if (typeof entry === "object" && entry !== null && "length" in entry) {
        calls.push(Array.prototype.slice.call(entry as ArrayLike<unknown>));
      }
    }
  }
  return calls;
}

function startsMessenger(call: unknown[]): boolean {
  return call[0] === "boot" || (call[0] === "update" && appIdOf(readSettings(call[1])) !== null);
}

/**
 * Replaces the loader stub on `window.Intercom` with the real function, boots from
 * `window.intercomSettings` when it has an `app_id` (snippets never call boot), then replays
 * the queued calls in order.
 */
export function installIntercom(win: Window, messenger: Messenger): IntercomFunction {
  const host = win as IntercomWindow;
  const queued = readQueuedCalls(host.Intercom);
  const intercom = createIntercomFunction(messenger);
  host.Intercom = intercom;

  const settings = readSettings(host.intercomSettings);
  if (settings && appIdOf(settings) && !queued.some(startsMessenger)) intercom("boot", settings);
  for (const call of queued) {
    const [command, ...args] = call;
    intercom(command as string, ...args);
  }
  return intercom;
}
