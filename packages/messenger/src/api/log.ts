/** Console output of the widget: always prefixed, never thrown into the host page. */
const PREFIX = "[Parley]";

export function logError(message: string, error?: unknown): void {
  if (error === undefined) console.error(`${PREFIX} ${message}`);
  else console.error(`${PREFIX} ${message}`, error);
}

export function logWarning(message: string): void {
  console.warn(`${PREFIX} ${message}`);
}

/**
 * Runs `fn`, reporting instead of throwing. Host callbacks and commands go through here so a
 * bug on either side never breaks the other.
 */
export function guard<T>(what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    // `what` is terse (a command or action name): the launcher's script carries every one of them.
    logError(`Messenger ${what} failed:`, error);
    return undefined;
  }
}
