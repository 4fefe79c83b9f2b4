import { createMessenger, type MessengerConfig } from "./app";
import { installIntercom } from "./api/install";
import { logError } from "./api/log";
import { quietObjectPrototype } from "./host/builtins";

export type { MessengerConfig } from "./app";

const STARTED = Symbol.for("parley.messenger");

/**
 * Starts the Messenger on this page: installs the real `window.Intercom` (replaying what the
 * snippet queued, booting from `window.intercomSettings`) and draws the launcher. The server's
 * `/widget/{app_id}` script calls it; calling it again does nothing.
 */
export function start(config: MessengerConfig): void {
  try {
    const host = window as Window & { [STARTED]?: true };
    if (host[STARTED]) return;
    host[STARTED] = true;
    // Before the first schema loads: see quietObjectPrototype.
    quietObjectPrototype(window);
    installIntercom(window, createMessenger(config, { window }));
  } catch (error) {
    logError("The Messenger could not start:", error);
  }
}
