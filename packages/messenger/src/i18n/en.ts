import { launcherStrings } from "./launcher";

/**
 * Every string the Messenger shows or announces, in English. Accessible names used by tests
 * outside this package ("Open Messenger", "Messenger", "Message", "Send") live here too.
 */
export const en = {
  ...launcherStrings,
  messenger: "Messenger",
  conversation: "Conversation",
  close: "Close",
  newConversation: "New conversation",
  teamCanHelp: "The team can also help",
  teamWillReply: "The team will reply here",
  connecting: "Connecting…",
  message: "Message",
  messagePlaceholder: "Message…",
  send: "Send",
  aiAgent: "AI Agent",
  defaultTeamName: "Support team",
  sources: "Sources",
  sending: "Sending…",
  notDelivered: "Not delivered.",
  retry: "Retry",
  handoffNote: "You're through to the team. They'll reply here as soon as they can.",
  bootFailed: "We couldn't start the chat. Please refresh the page or try again later.",
} as const;

export type Strings = typeof en;
