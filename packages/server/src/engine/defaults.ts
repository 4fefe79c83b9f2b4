import { DEFAULT_TAGS } from "@parley/protocol";
import { defaultWorkflow } from "../workflow";
import type { ConversationState, EngineConfig } from "./types";

/** How long a clarifying question waits for the customer before the team takes over (PARLEY_CLARIFY_TIMEOUT_SECONDS). */
export const DEFAULT_CLARIFY_TIMEOUT_SECONDS = 180;

/** The greeting of the default workflow when nothing else is configured. */
export const DEFAULT_GREETING = "Hi there! Ask me anything. I answer from our help center, and the team is here if you need them.";

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  tags: { ...DEFAULT_TAGS },
  aiAuthorName: "AI Agent",
  workflow: defaultWorkflow({ greeting: DEFAULT_GREETING }),
  clarifyTimeoutSeconds: DEFAULT_CLARIFY_TIMEOUT_SECONDS,
};

/** How many of the customer's earlier questions go with each new one to the AI agent. */
export const HISTORY_LENGTH = 3;

/** The version a conversation runs when none is recorded: the built-in default workflow. */
export const DEFAULT_WORKFLOW_VERSION = 0;

export function initialState(workflowVersion: number = DEFAULT_WORKFLOW_VERSION): ConversationState {
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
    workflow: { version: workflowVersion, at: null, collected: {}, answers: 0, cited: [], leaving: null, handoffMode: null, contact: null, pageUrl: null },
  };
}
