import type { Decision } from "@parley/protocol";
import { expect, test } from "vitest";
import { type ConversationState, DEFAULT_ENGINE_CONFIG, type EngineConfig, type EngineEvent, initialState, step } from "../engine";
import { decisionsOf } from "./decisions";
import { validWorkflow } from "../testing/workflow";

/** After the AI: ask for the order number, classify, tag, note, summarise, hand off as a ticket. */
const orders = validWorkflow({
  schema_version: 1,
  greeting: { text: "Hi!" },
  start: "answer",
  attributes: [{ name: "order_number", type: "text", ticket_field: "order" }],
  ticket_fields: [
    { name: "order", id: 501 },
    { name: "topic", id: 502, options: ["refund", "order"] },
  ],
  steps: {
    answer: { type: "ai_answer", follow_ups: 0, then: "order" },
    order: { type: "collect_data", text: "Your order number?", fields: [{ attribute: "order_number", label: "Order number" }], then: "classify" },
    classify: { type: "classify", rules: [{ when: { kind: "attribute", attribute: "order_number", op: "is_set" }, field: "topic", value: "order" }], then: "tag" },
    tag: { type: "tag", add: ["orders"], then: "note" },
    note: { type: "note", template: "Order {{order_number}}", then: "summary" },
    summary: { type: "ai_summary", then: "route" },
    route: { type: "handoff", mode: "ticket" },
  },
});
const config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, workflow: orders };
const now = new Date("2026-11-30T09:00:00Z");

/** Runs the events through the engine, returning each step's decisions. */
function run(events: EngineEvent[], workflowConfig: EngineConfig = config): { state: ConversationState; decided: Decision[][] } {
  let state = initialState(1);
  const decided: Decision[][] = [];
  for (const event of events) {
    const before = state;
    const result = step(before, event, now, workflowConfig);
    decided.push(decisionsOf({ event, before, after: result.state, effects: result.effects, workflow: workflowConfig.workflow }));
    state = result.state;
  }
  return { state, decided };
}

const ask = (messageId: string, text: string, extra: Partial<Extract<EngineEvent, { type: "customer.message" }>> = {}): EngineEvent => ({
  type: "customer.message",
  messageId,
  text,
  ...extra,
});
const answer = (questionMessageId: string, confidence: number): EngineEvent => ({
  type: "ai.replied",
  questionMessageId,
  reply: { kind: "answer", text: "We accept cards.", citations: [{ title: "Payment methods", url: "https://help.example/pay" }], locale: "en", confidence },
});

test("an answer is recorded with its confidence and cited article; a stale reply records nothing", () => {
  const { decided } = run([ask("m1", "How can I pay?"), answer("m1", 0.82), answer("m1", 0.9)]);
  expect(decided[0]).toEqual([]);
  expect(decided[1]).toEqual([{ kind: "answered", confidence: 0.82, citations: [{ title: "Payment methods", url: "https://help.example/pay" }] }]);
  expect(decided[2]).toEqual([]);
});

test("a clarifying question is recorded with the options the customer was offered", () => {
  const options = [
    { articleId: "a", label: "Reset your password" },
    { articleId: "b", label: "Change your email" },
  ];
  const { decided } = run([ask("m1", "account"), { type: "ai.replied", questionMessageId: "m1", reply: { kind: "clarify", text: "", options, locale: "en", confidence: 0.4 } }]);
  expect(decided[1]).toEqual([{ kind: "clarified", confidence: 0.4, options: ["Reset your password", "Change your email"] }]);
});

test("asking for a person leaves the AI; the workflow's doings up to the hand-off are each recorded, and the hand-off keeps the reason", () => {
  const { decided, state } = run([
    ask("m1", "How can I pay?"),
    answer("m1", 0.7),
    ask("m2", "Talk to a person", { action: "handoff" }),
    ask("m3", "4417", { form: { order_number: "4417" } }),
  ]);
  expect(decided[2]).toEqual([{ kind: "left_ai", reason: "asked_for_person" }]);
  expect(state.phase).toBe("team");
  const kinds = decided[3]?.map((decision) => decision.kind);
  expect(kinds).toEqual(["collected", "classified", "tagged", "note", "summary", "handed_off", "ticket_fields"]);
  expect(decided[3]).toContainEqual({ kind: "collected", values: { order_number: "4417" } });
  expect(decided[3]).toContainEqual({ kind: "classified", fields: [{ name: "topic", value: "order" }, { name: "order", value: "4417" }], by_llm: ["topic"] });
  expect(decided[3]).toContainEqual({ kind: "tagged", add: ["orders"], remove: [] });
  expect(decided[3]).toContainEqual({ kind: "note", body: "Order 4417" });
  expect(decided[3]).toContainEqual({ kind: "ticket_fields", fields: [{ name: "order", value: "4417" }] });
  const handedOff = decided[3]?.find((decision) => decision.kind === "handed_off");
  expect(handedOff).toMatchObject({ reason: "asked_for_person", mode: "ticket" });
  expect(handedOff?.kind === "handed_off" && handedOff.note).toContain("The customer asked for a person");
});

test("the AI agent's own hand-off reasons reach the record: account-specific, and the follow-up limit", () => {
  const direct: EngineConfig = { ...DEFAULT_ENGINE_CONFIG };
  const account = run([ask("m1", "Where is my refund?"), { type: "ai.replied", questionMessageId: "m1", reply: { kind: "handoff", reason: "account_specific", locale: "en" } }], direct);
  expect(account.decided[1]).toEqual([expect.objectContaining({ kind: "handed_off", reason: "account_specific", mode: "ticket" })]);

  const limited = run([ask("m1", "How can I pay?"), answer("m1", 0.7), ask("m2", "And in euros?"), answer("m2", 0.7)]);
  expect(limited.decided[3]).toEqual([{ kind: "left_ai", reason: "follow_up_limit" }]);
});

test("the team giving the conversation back is recorded with Zendesk's reason", () => {
  const direct: EngineConfig = { ...DEFAULT_ENGINE_CONFIG };
  const { decided } = run(
    [
      ask("m1", "Where is my refund?"),
      { type: "ai.replied", questionMessageId: "m1", reply: { kind: "handoff", reason: "no_answer", locale: "en" } },
      { type: "handoff.released", reason: "ticketClosed" },
    ],
    direct,
  );
  expect(decided[2]).toEqual([{ kind: "returned_to_ai", reason: "ticketClosed" }]);
});

test('"That helped" is recorded as the customer confirming the answer', () => {
  const { decided } = run([ask("m1", "How can I pay?"), answer("m1", 0.82), ask("m2", "That helped", { action: "resolved" })]);
  expect(decided[2]).toEqual([{ kind: "confirmed" }]);
});
