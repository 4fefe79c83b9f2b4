import { expect, test } from "vitest";
import { parseTask } from "./tasks";

test("an AI question queued by an older version runs with no history", () => {
  expect(parseTask({ type: "ai.answer", questionMessageId: "msg_1", question: "Where is my order?" })).toEqual({
    type: "ai.answer",
    questionMessageId: "msg_1",
    question: "Where is my order?",
    history: [],
  });
});

test("an AI question keeps its chosen article and what was offered", () => {
  const task = {
    type: "ai.answer",
    questionMessageId: "msg_2",
    question: "How do I change it?",
    history: ["Where is my parcel?"],
    chosenArticleId: "reset-password",
    offered: [{ articleId: "reset-password", label: "Resetting your password" }],
  };
  expect(parseTask(task)).toEqual(task);
});
