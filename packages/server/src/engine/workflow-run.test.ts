import { describe, expect, test } from "vitest";
import { DEFAULT_ENGINE_CONFIG, initialState } from "./defaults";
import { step } from "./step";
import { textsFor } from "./texts";
import type { ConversationState, Effect, EngineConfig, EngineEvent } from "./types";
import { validWorkflow } from "../testing/workflow";

const en = textsFor("en");
const monday10Berlin = new Date("2026-11-30T09:00:00Z");
const sunday10Berlin = new Date("2026-11-29T09:00:00Z");

/** Order questions: collect the order number and email, classify, note, summarise, then the office-hours hand-off. */
const orders = validWorkflow({
  schema_version: 1,
  greeting: { text: "Hi!", buttons: [{ label: "Where is my order?", then: "order" }] },
  start: "answer",
  attributes: [
    { name: "order_number", type: "text", pattern: "[0-9]{4,8}", ticket_field: "order" },
    { name: "email", type: "email", user_field: "contact_email" },
    { name: "details", type: "text" },
  ],
  ticket_fields: [{ name: "order", id: 501 }, { name: "topic", id: 502 }],
  office_hours: { time_zone: "Europe/Berlin", weekly: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }] },
  steps: {
    answer: { type: "ai_answer", follow_ups: 1, then: "menu" },
    menu: { type: "buttons", text: "Is it about an order?", buttons: [{ label: "Yes", then: "order" }, { label: "No", then: "details" }] },
    details: { type: "collect_reply", text: "Tell us a little more.", attribute: "details", then: "classify" },
    order: {
      type: "collect_data",
      text: "What's your order number and email?",
      fields: [{ attribute: "order_number", label: "Order number" }, { attribute: "email", label: "Email" }],
      then: "classify",
    },
    classify: {
      type: "classify",
      rules: [
        { when: { kind: "message", contains_any: ["refund", "money back"] }, field: "topic", value: "refund" },
        { when: { kind: "attribute", attribute: "order_number", op: "is_set" }, field: "topic", value: "order" },
      ],
      then: "tag",
    },
    tag: { type: "tag", add: ["orders"], then: "note" },
    note: { type: "note", template: "Order {{order_number}}, reply to {{email}}", then: "summary" },
    summary: { type: "ai_summary", then: "route" },
    route: { type: "handoff", mode: "situation" },
  },
});
const config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, workflow: orders };

const ask = (messageId: string, text: string, extra: Partial<Extract<EngineEvent, { type: "customer.message" }>> = {}): EngineEvent => ({
  type: "customer.message",
  messageId,
  text,
  ...extra,
});
const noAnswer = (messageId: string): EngineEvent => ({ type: "ai.replied", questionMessageId: messageId, reply: { kind: "handoff", reason: "no_answer", locale: "en" } });
const answer = (messageId: string): EngineEvent => ({
  type: "ai.replied",
  questionMessageId: messageId,
  reply: { kind: "answer", text: "Here you go.", citations: [{ title: "Shipping", url: "https://help.example/shipping" }], locale: "en" },
});

function run(events: EngineEvent[], at: Date = monday10Berlin, from: ConversationState = initialState(7)) {
  let state = from;
  let effects: Effect[] = [];
  for (const event of events) ({ state, effects } = step(state, event, at, config));
  return { state, effects };
}
const messages = (effects: Effect[]) => effects.flatMap((effect) => (effect.type === "message.send" ? [effect.message] : []));
/** Internal notes in order; the AI summary as built in (an LLM, when configured, rewrites it in the outbox). */
const notes = (effects: Effect[]) =>
  effects.flatMap((effect) =>
    effect.type === "zendesk.ai_summary" ? [effect.builtIn] : effect.type === "zendesk.ticket.update" && effect.comment?.public === false ? [effect.comment.body] : [],
  );

test("the AI step comes first: the first message is answered as in the default workflow", () => {
  const { state, effects } = run([ask("m1", "Where is my parcel?")]);
  expect(effects.map((effect) => effect.type)).toEqual(["zendesk.ticket.create", "ai.answer"]);
  expect(state.workflow).toMatchObject({ version: 7, at: "answer" });
});

test("when the AI cannot help, the path goes on: reply buttons, each leading to its own path", () => {
  const { state, effects } = run([ask("m1", "Where is my parcel?"), noAnswer("m1")]);
  expect(messages(effects)).toEqual([
    expect.objectContaining({ text: "Is it about an order?", buttons: [{ label: "Yes", action: "choose_option" }, { label: "No", action: "choose_option" }] }),
  ]);
  expect(state).toMatchObject({ phase: "ai", workflow: { at: "menu", leaving: "no_answer" } });
  // Nothing is handed off yet: no tags, no status change.
  expect(effects.some((effect) => effect.type === "zendesk.tags")).toBe(false);
});

test("collect data: a form whose fields are named by their labels; its values go on the contact, the ticket and its notes", () => {
  const asked = run([ask("m1", "Where is my parcel?"), noAnswer("m1"), ask("m2", "Yes", { action: "choose_option" })]);
  expect(messages(asked.effects)[0]?.form).toEqual({
    fields: [
      { name: "order_number", label: "Order number", type: "text", required: true },
      { name: "email", label: "Email", type: "email", required: true },
    ],
    submit_label: "Submit",
  });
  expect(asked.state.workflow.at).toBe("order");

  const { state, effects } = run(
    [ask("m3", "Order number: 12345\nEmail: ada@example.com", { form: { order_number: "12345", email: "ada@example.com" } })],
    monday10Berlin,
    asked.state,
  );
  expect(effects).toContainEqual({ type: "contact.update", attributes: { order_number: "12345", email: "ada@example.com" } });
  // Classified: the first rule that holds per field, and the collected order number into its field.
  // An LLM, when configured, may pick the topic instead, among the values the rules give.
  expect(effects).toContainEqual({
    type: "zendesk.classify",
    builtIn: [{ id: 502, value: "order" }, { id: 501, value: "12345" }],
    fields: [{ id: 502, name: "topic", values: ["refund", "order"] }],
    collected: "- Order number: 12345\n- Email: ada@example.com",
  });
  const summaryStep = effects.find((effect) => effect.type === "zendesk.ai_summary");
  expect(summaryStep?.type === "zendesk.ai_summary" && summaryStep.collected).toBe("- Order number: 12345\n- Email: ada@example.com");
  expect(effects).toContainEqual({ type: "zendesk.tags", add: ["orders"], remove: [] });
  const [note, summary, handoff] = notes(effects);
  expect(note).toBe("Order 12345, reply to ada@example.com");
  expect(summary).toMatch(/^AI summary of the conversation:\n- The customer asked: "Where is my parcel\?"\n- The AI agent gave no answer\./);
  expect(summary).toContain("- Order number: 12345");
  expect(handoff).toContain("Collected data:\n- Order number: 12345\n- Email: ada@example.com");
  expect(effects).toContainEqual({ type: "zendesk.user.update", userFields: { contact_email: "ada@example.com" } });
  // The hand-off itself carries the collected values into their ticket fields too.
  expect(effects.at(-1)).toMatchObject({ type: "zendesk.ticket.update", status: "open", customFields: [{ id: 501, value: "12345" }] });
  expect(state).toMatchObject({ phase: "team", workflow: { collected: { order_number: "12345", email: "ada@example.com" } } });
});

test("a form with a wrong value does not move the conversation on (the service has already said why)", () => {
  const asked = run([ask("m1", "Where is my parcel?"), noAnswer("m1"), ask("m2", "Yes", { action: "choose_option" })]);
  const { state, effects } = run([ask("m3", "…", { form: { order_number: "12345", email: "ada@" } })], monday10Berlin, asked.state);
  expect(state.workflow.at).toBe("order");
  expect(effects.map((effect) => effect.type)).toEqual(["zendesk.ticket.update"]);
});

test("collect reply: the customer's next message is kept whole in the attribute", () => {
  const asked = run([ask("m1", "Where is my parcel?"), noAnswer("m1"), ask("m2", "no")]);
  expect(asked.state.workflow.at).toBe("details");
  const { state, effects } = run([ask("m3", "I want my money back for the tent")], monday10Berlin, asked.state);
  expect(effects).toContainEqual({ type: "contact.update", attributes: { details: "I want my money back for the tent" } });
  expect(state.phase).toBe("team");
});

describe("hand-off mode by situation: live within office hours, ticket outside; decided and recorded", () => {
  const through = (at: Date) => {
    const asked = run([ask("m1", "Where is my parcel?"), noAnswer("m1"), ask("m2", "Yes", { action: "choose_option" })], at);
    return run([ask("m3", "…", { form: { order_number: "12345", email: "ada@example.com" } })], at, asked.state);
  };
  test("Monday 10:00 in Berlin: live", () => {
    const { state, effects } = through(monday10Berlin);
    expect(state.workflow.handoffMode).toBe("live");
    expect(notes(effects).at(-1)).toContain("Hand-off mode: live chat (within office hours).");
  });
  test("Sunday: ticket, and the team's note says why", () => {
    const { state, effects } = through(sunday10Berlin);
    expect(state.workflow.handoffMode).toBe("ticket");
    expect(notes(effects).at(-1)).toContain("Hand-off mode: ticket (outside office hours).");
  });
});

test("every path ends as the seed's rule says: the AI unassigns itself, fin-routed-to-team, status open", () => {
  const asked = run([ask("m1", "Where is my parcel?"), noAnswer("m1"), ask("m2", "no")]);
  const { effects } = run([ask("m3", "It never arrived")], monday10Berlin, asked.state);
  expect(effects).toContainEqual({ type: "zendesk.tags", add: ["fin-routed-to-team"], remove: [] });
  expect(effects.at(-1)).toMatchObject({ type: "zendesk.ticket.update", status: "open", assignee: "nobody", comment: { public: false } });
  expect(messages(effects).at(-1)?.text).toBe(en.handoffNoAnswer);
});

test("a greeting button starts the conversation on its own path", () => {
  const { state, effects } = run([ask("m1", "Where is my order?", { action: "choose_option" })]);
  expect(effects[0]).toMatchObject({ type: "zendesk.ticket.create", assignee: "ai_agent" });
  expect(effects.some((effect) => effect.type === "ai.answer")).toBe(false);
  expect(state.workflow.at).toBe("order");
});

test("the AI step's follow-up limit: after one follow-up, the next question goes to the team", () => {
  const twice = run([ask("m1", "Where is my parcel?"), answer("m1"), ask("m2", "And to Berlin?"), answer("m2")]);
  expect(twice.state.phase).toBe("resolved");
  const { state, effects } = run([ask("m3", "And to Paris?"), answer("m3")], monday10Berlin, twice.state);
  expect(state).toMatchObject({ phase: "ai", workflow: { at: "menu", leaving: "follow_up_limit" } });
  expect(messages(effects).map((message) => message.text)).toEqual(["Is it about an order?"]);
});

test("the summary says what the AI answered from", () => {
  const summaryOnly = validWorkflow({
    schema_version: 1,
    greeting: { text: "Hi" },
    start: "answer",
    steps: { answer: { type: "ai_answer", then: "summary" }, summary: { type: "ai_summary", then: "team" }, team: { type: "handoff", mode: "ticket" } },
  });
  const withSummary: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, workflow: summaryOnly };
  let state = initialState(2);
  let effects: Effect[] = [];
  for (const event of [ask("m1", "Where is my parcel?"), answer("m1"), ask("m2", "Talk to a person", { action: "handoff" })]) {
    ({ state, effects } = step(state, event, monday10Berlin, withSummary));
  }
  expect(notes(effects)[0]).toBe(
    [
      "AI summary of the conversation:",
      '- The customer asked: "Where is my parcel?"',
      '- The AI agent answered once from the help center, citing "Shipping".',
      "- The customer asked for a person; the AI agent handed the conversation to the team.",
    ].join("\n"),
  );
});

test('"Talk to a person" leaves the AI step along its path', () => {
  const { state } = run([ask("m1", "Where is my parcel?"), answer("m1"), ask("m2", "Talk to a person", { action: "handoff" })]);
  expect(state.workflow).toMatchObject({ at: "menu", leaving: "asked_for_person" });
});

test("a conversation finishes on the workflow version it started on: the state carries the version, the caller passes that workflow", () => {
  const state = initialState(3);
  expect(state.workflow.version).toBe(3);
  expect(step(state, ask("m1", "hello"), monday10Berlin, config).state.workflow.version).toBe(3);
});

test("branches see the page the customer writes from, their language and their contact attributes", () => {
  const workflow = validWorkflow({
    schema_version: 1,
    greeting: { text: "Hi" },
    start: "route",
    steps: {
      route: {
        type: "branch",
        branches: [
          { when: { kind: "page_url", contains: "/checkout" }, then: "checkout" },
          { when: { kind: "attribute", attribute: "custom.plan", op: "equals", value: "pro" }, then: "pro" },
        ],
        otherwise: "answer",
      },
      checkout: { type: "handoff", mode: "live", text: "Let's get you through checkout." },
      pro: { type: "handoff", mode: "ticket", text: "Pro support will write back." },
      answer: { type: "ai_answer", then: "ticket" },
      ticket: { type: "handoff", mode: "ticket" },
    },
  });
  const first = (extra: Partial<Extract<EngineEvent, { type: "customer.message" }>>) =>
    step(initialState(1), ask("m1", "Help", extra), monday10Berlin, { ...DEFAULT_ENGINE_CONFIG, workflow });
  const contact = { email: null, name: null, userId: "u1", custom: { plan: "Pro" }, company: {} };
  expect(messages(first({ pageUrl: "https://shop.example/checkout?step=2" }).effects)[0]?.text).toBe("Let's get you through checkout.");
  expect(messages(first({ pageUrl: "https://shop.example/", contact }).effects)[0]?.text).toBe("Pro support will write back.");
  expect(first({ pageUrl: "https://shop.example/" }).effects.map((effect) => effect.type)).toEqual(["zendesk.ticket.create", "ai.answer"]);
});

test("a workflow without a hand-off ends with the AI's answers; a customer who asks for a person still reaches the team, as a ticket", () => {
  const aiOnly: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, workflow: validWorkflow({ schema_version: 1, greeting: { text: "Hi" }, start: "answer", steps: { answer: { type: "ai_answer" } } }) };
  let state = initialState(4);
  let effects: Effect[] = [];
  for (const event of [ask("m1", "Where is my parcel?"), answer("m1"), ask("m2", "Talk to a person", { action: "handoff" })]) {
    ({ state, effects } = step(state, event, monday10Berlin, aiOnly));
  }
  expect(state.phase).toBe("team");
  expect(state.workflow.handoffMode).toBe("ticket");
  expect(messages(effects).map((message) => message.text)).toEqual([en.handoffAsked]);
  expect(notes(effects)[0]).toMatch(/^The customer asked for a person/);
  expect(effects).toContainEqual(expect.objectContaining({ type: "zendesk.ticket.update", status: "open", assignee: "nobody" }));
});
