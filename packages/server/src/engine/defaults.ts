import { DEFAULT_TAGS } from "@parley/protocol";
import type { ConversationState, EngineConfig, EngineTexts } from "./types";

export const DEFAULT_TEXTS: EngineTexts = {
  thatHelped: "That helped",
  talkToPerson: "Talk to a person",
  gladItHelped: "Great, glad that helped! Ask away if anything else comes up.",
  handoffNoAnswer:
    "I couldn't find an answer to that in our help center, so I've passed your question to the team. They'll reply here, and by email if you've left.",
  handoffAsked: "Sure, I've passed this to the team. They'll reply here, and by email if you've left.",
  aiAuthorName: "AI Agent",
};

export const DEFAULT_ENGINE_CONFIG: EngineConfig = { tags: { ...DEFAULT_TAGS }, texts: DEFAULT_TEXTS };

export function initialState(): ConversationState {
  return { phase: "new", ticketRequested: false, tags: [], awaitingAnswerTo: null, lastQuestion: null };
}
