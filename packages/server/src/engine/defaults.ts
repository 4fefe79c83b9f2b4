import { DEFAULT_TAGS } from "@parley/protocol";
import type { ConversationState, EngineConfig } from "./types";

export const DEFAULT_ENGINE_CONFIG: EngineConfig = { tags: { ...DEFAULT_TAGS }, aiAuthorName: "AI Agent" };

/** How many of the customer's earlier questions go with each new one to the AI agent. */
export const HISTORY_LENGTH = 3;

export function initialState(): ConversationState {
  return {
    phase: "new",
    ticketRequested: false,
    tags: [],
    awaitingAnswerTo: null,
    lastQuestion: null,
    earlierQuestions: [],
    clarification: null,
    held: [],
    locale: null,
  };
}
