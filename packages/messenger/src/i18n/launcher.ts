/**
 * The launcher's strings, apart from the rest (./en.ts, ./screens.ts) because the launcher's
 * script is the one the host page waits for: it carries only these.
 */
export const launcherStrings = {
  openMessenger: "Open Messenger",
  closeMessenger: "Close Messenger",
  unreadMessages: (count: number): string => (count === 1 ? "1 unread message" : `${count} unread messages`),
} as const;
