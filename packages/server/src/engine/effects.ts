import type { ConversationState, Effect, EngineConfig, OutgoingMessage, StepResult, TicketComment } from "./types";

// Small builders of effects that the reducer and the workflow runner share.

/**
 * Puts the messages held on a solved ticket on it as the customer's, reopening it as a follow-up
 * question does: resolution tags off, then the comments with status open.
 */
export function reopen(state: ConversationState, config: EngineConfig): StepResult {
  const [first, ...rest] = state.held;
  if (first === undefined) return { state, effects: [] };
  const { tags } = config;
  const change = tagChange(state.tags, [], [tags.aiResolved, tags.softResolution, tags.hardResolution]);
  return {
    state: { ...state, held: [], tags: change.tags },
    effects: [
      ...change.effects,
      { type: "zendesk.ticket.update", comment: customerComment(first), status: "open" },
      ...rest.map((text): Effect => ({ type: "zendesk.ticket.update", comment: customerComment(text) })),
    ],
  };
}

export function sendMessage(message: OutgoingMessage): Effect {
  return { type: "message.send", message };
}

export function aiMessage(text: string, config: EngineConfig): OutgoingMessage {
  return { author: { type: "ai", name: config.aiAuthorName }, text, citations: [], buttons: [] };
}

/** A comment's text with the articles it drew on, for the Zendesk agents (in English, as all notes are). */
export function withSources(text: string, citations: readonly { title: string; url: string }[]): string {
  if (citations.length === 0) return text;
  return `${text}\n\nSources:\n${citations.map((c) => `- ${c.title}: ${c.url}`).join("\n")}`;
}

export function customerComment(body: string): TicketComment {
  return { body, public: true, author: "customer" };
}

/** The smallest tag change that gets from `current` to `current + add - remove`. */
export function tagChange(current: string[], add: string[], remove: string[]): { tags: string[]; effects: Effect[] } {
  const adding = add.filter((tag) => !current.includes(tag));
  const removing = remove.filter((tag) => current.includes(tag));
  if (adding.length === 0 && removing.length === 0) return { tags: current, effects: [] };
  return {
    tags: [...current.filter((tag) => !removing.includes(tag)), ...adding],
    effects: [{ type: "zendesk.tags", add: adding, remove: removing }],
  };
}

export function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}
