import { expect, test } from "vitest";
import { initialState } from "../engine";
import { type ConversationRow, stateOf } from "./conversations";

const row = (state: unknown): ConversationRow => ({
  id: "conv_1",
  app_id: "demo",
  contact_id: "contact_1",
  status: "resolved",
  version: 3,
  state: JSON.stringify(state),
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
});

test("a conversation stored before clarifying questions, small talk and workflows loads with nothing open or held, on the default workflow", () => {
  const older = { phase: "resolved", ticketRequested: true, tags: ["intercom-messenger"], awaitingAnswerTo: null, lastQuestion: "How do I return a jacket?" };
  expect(stateOf(row(older))).toEqual({
    ...older,
    earlierQuestions: [],
    clarification: null,
    held: [],
    locale: null,
    workflow: { version: 0, at: null, collected: {}, answers: 0, cited: [], leaving: null, handoffMode: null, contact: null, pageUrl: null },
  });
});

test("a state round-trips through its row unchanged", () => {
  const state = {
    ...initialState(),
    phase: "ai" as const,
    lastQuestion: "How do I change it?",
    earlierQuestions: ["Where is my parcel?"],
    clarification: { question: "How do I change it?", options: [{ articleId: "reset-password", label: "Resetting your password" }], since: "2026-01-01T00:00:00.000Z" },
    held: ["thanks"],
    locale: "fr",
  };
  expect(stateOf(row(state))).toEqual(state);
});
