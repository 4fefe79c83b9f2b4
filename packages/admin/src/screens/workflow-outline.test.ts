import { expect, test } from "vitest";
import { setIn, typedValue } from "./workflow-form";
import { describeCondition, describeStep, stepOrder } from "./workflow-outline";

test("branch conditions read in words, combined ones too", () => {
  expect(describeCondition({ kind: "attribute", attribute: "plan", op: "equals", value: "pro" })).toBe("plan is “pro”");
  expect(describeCondition({ kind: "attribute", attribute: "order_number", op: "is_set" })).toBe("order_number is set");
  expect(describeCondition({ kind: "office_hours", open: false })).toBe("outside office hours");
  expect(describeCondition({ kind: "any", of: [{ kind: "page_url", contains: "/pricing" }, { kind: "language", in: ["fr", "de"] }] })).toBe(
    "(the page address contains “/pricing”) or (the language is fr or de)",
  );
  expect(describeCondition({ kind: "not", condition: { kind: "message", contains_any: ["refund", "money back"] } })).toBe(
    "not (the message mentions “refund” or “money back”)",
  );
});

test("steps name their conditions, ticket attributes and hand-off mode; an AI step with nothing after it says what happens", () => {
  expect(describeStep({ type: "branch", branches: [{ when: { kind: "attribute", attribute: "plan", op: "equals", value: "pro" }, then: "vip" }], otherwise: "answer" })).toBe(
    "branches: if plan is “pro” → vip; otherwise → answer",
  );
  expect(describeStep({ type: "classify", rules: [{ when: { kind: "message", contains_any: ["refund"] }, field: "topic", value: "refund" }], fields: ["priority"] })).toBe(
    "sets ticket attributes: topic = “refund” if the message mentions “refund”; priority decided by the LLM",
  );
  expect(describeStep({ type: "handoff", mode: "situation" })).toBe("hands off to the team live within office hours, as a ticket outside them");
  expect(describeStep({ type: "ai_answer" })).toMatch(/nothing after it: a customer who asks for a person gets a Zendesk ticket/);
});

test("steps are read from the start along each path, then the greeting's paths, then steps no path reaches", () => {
  const workflow = {
    start: "answer",
    greeting: { text: "Hi", buttons: [{ label: "Orders", then: "order" }] },
    steps: { orphan: { type: "note" }, order: { type: "message", then: "handoff" }, handoff: { type: "handoff" }, answer: { type: "ai_answer", then: "handoff" } },
  };
  expect(stepOrder(workflow)).toEqual(["answer", "handoff", "order", "orphan"]);
});

test("a form edit changes one place in a copy of the draft; undefined removes a key or a list item", () => {
  const draft = { steps: { menu: { buttons: [{ label: "A" }, { label: "B" }] }, answer: { then: "handoff" } } };
  const edited = setIn(draft, ["steps", "menu", "buttons", 1, "label"], "Billing");
  expect(edited).toEqual({ steps: { menu: { buttons: [{ label: "A" }, { label: "Billing" }] }, answer: { then: "handoff" } } });
  expect(draft.steps.menu.buttons[1]?.label).toBe("B");
  expect(setIn(draft, ["steps", "menu", "buttons", 0], undefined)).toMatchObject({ steps: { menu: { buttons: [{ label: "B" }] } } });
  expect(setIn(draft, ["steps", "answer", "then"], undefined)).toMatchObject({ steps: { answer: {} } });
});

test("typed values: numbers and booleans where the field takes them, text otherwise", () => {
  expect(typedValue("3", "number")).toBe(3);
  expect(typedValue("three", "number")).toBe("three");
  expect(typedValue("true", "any")).toBe(true);
  expect(typedValue("4417", "text")).toBe("4417");
});
