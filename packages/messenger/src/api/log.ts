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
    logError(`${what} failed:`, error);
    return undefined;
  }
}
