import type { AgentReply, Answerer } from "../agent";

/** What the AI agent offers when a question could mean either of two demo articles. */
export const ORDER_OR_PASSWORD = [
  { articleId: "change-or-cancel-an-order", label: "Change or cancel an order" },
  { articleId: "reset-password", label: "Resetting your password" },
];

/** The AI agent asking which of the two the customer means (which sets the no-reply timer). */
export const CLARIFY_ORDER_OR_PASSWORD: AgentReply = {
  kind: "clarify",
  text: "Do you mean an order or your password?",
  options: ORDER_OR_PASSWORD,
  confidence: 0.4,
  locale: "en",
};

/** Clarifies "How do I change it…", and finds no answer to anything else (a hand-off). */
export const clarifiesChangeIt: Answerer = {
  async answer(request) {
    return request.question.startsWith("How do I change it") ? CLARIFY_ORDER_OR_PASSWORD : { kind: "handoff", reason: "no_answer", locale: "en" };
  },
};
