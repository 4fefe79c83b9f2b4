import { expect, test } from "vitest";
import { defaultWorkflow } from "./default-template";
import { handoffChoiceOf } from "./handoff-choice";
import { validateWorkflow } from "./validate";

test("the hand-off choice reads the workflow's hand-off steps: one mode, or none when its paths end with the AI's answers", () => {
  expect(handoffChoiceOf(defaultWorkflow({ greeting: "Hi", handoffMode: "live" })).mode).toBe("live");
  const aiOnly = validateWorkflow({ schema_version: 1, greeting: { text: "Hi" }, start: "answer", steps: { answer: { type: "ai_answer" } } });
  if (!aiOnly.ok) throw new Error(JSON.stringify(aiOnly.issues));
  expect(handoffChoiceOf(aiOnly.workflow).mode).toBe("none");
});
