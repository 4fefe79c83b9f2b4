import { createMessenger, type Messenger, type MessengerConfig } from "./app";
import { installIntercom } from "./api/install";
import { logError } from "./api/log";
import { quietObjectPrototype } from "./host/builtins";

export type { MessengerConfig } from "./app";

const STARTED = Symbol.for("parley.messenger");

/** What the first start left on the page: its Messenger, and the `window.Intercom` it installed last. */
interface Started {
  messenger: Messenger;
  intercom: unknown;
}

/**
 * Starts the Messenger on this page: installs the real `window.Intercom` (replaying what the
 * snippet queued, booting from `window.intercomSettings`) and draws the launcher. The server's
 * `/widget/{app_id}` script calls it; calling it again does nothing while `window.Intercom` is
 * still ours. A page that deleted it and put a new stub there (react-intercom does on unmount,
 * then adds Intercom's script again on the next mount, where Intercom starts again) gets the same
 * Messenger installed over that stub, its queue replayed.
 */
export function start(config: MessengerConfig): void {
  try {
    const host = window as Window & { [STARTED]?: Started; Intercom?: unknown };
    const started = host[STARTED];
    if (started && host.Intercom === started.intercom) return;
    // Before the first schema loads: see quietObjectPrototype.
    quietObjectPrototype(window);
    const messenger = started?.messenger ?? createMessenger(config, { window });
    host[STARTED] = { messenger, intercom: installIntercom(window, messenger) };
  } catch (error) {
    logError("The Messenger could not start:", error);
  }
}
