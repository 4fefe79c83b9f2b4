import { describe, expect, test } from "vitest";
import { DEFAULT_ENGINE_CONFIG, initialState } from "./defaults";
import { step } from "./step";
import type { ConversationState, Effect, EngineEvent } from "./types";

const config = DEFAULT_ENGINE_CONFIG;
const now = new Date("2026-11-23T10:00:00Z");
const citation = { title: "Returns and refunds", url: "https://help.example/returns" };
const answer: EngineEvent = {
  type: "ai.replied",
  questionMessageId: "m1",
  reply: { kind: "answer", text: "You can return items within 30 days.", citations: [citation] },
};

/** Runs events from the start and returns the state after them. */
function after(...events: EngineEvent[]): ConversationState {
  return events.reduce((state, event) => step(state, event, now, config).state, initialState());
}

const ask = (messageId: string, text: string, action?: "resolved" | "handoff"): EngineEvent => ({
  type: "customer.message",
  messageId,
  text,
  action,
});

const answered = () => after(ask("m1", "How do I return a jacket?"), answer);
const handedOff = () => after(ask("m1", "Can I bring my dog?"), {
  type: "ai.replied",
  questionMessageId: "m1",
  reply: { kind: "handoff", reason: "no_answer" },
});

const types = (effects: Effect[]) => effects.map((effect) => effect.type);
const tagEffect = (effects: Effect[]) => effects.find((effect) => effect.type === "zendesk.tags");
const update = (effects: Effect[]) => effects.find((effect) => effect.type === "zendesk.ticket.update");
const sent = (effects: Effect[]) => effects.find((effect) => effect.type === "message.send");

// One row per lifecycle rule in DESIGN.md ("Lifecycle"), in its order.
describe("lifecycle", () => {
  const rows: {
    rule: string;
    from: () => ConversationState;
    event: EngineEvent;
    phase: ConversationState["phase"];
    effects: Effect["type"][];
    check?: (effects: Effect[]) => void;
  }[] = [
    {
      rule: "first customer message: ticket created with the Messenger tags, then the AI is asked",
      from: initialState,
      event: ask("m1", "How do I return a jacket?"),
      phase: "ai",
      effects: ["zendesk.ticket.create", "ai.answer"],
      check: (effects) => {
        expect(effects[0]).toEqual({
          type: "zendesk.ticket.create",
          subject: "Messenger: How do I return a jacket?",
          comment: { body: "How do I return a jacket?", public: true, author: "customer" },
          tags: ["intercom-messenger", "fin-involved"],
        });
        expect(effects[1]).toEqual({ type: "ai.answer", questionMessageId: "m1", question: "How do I return a jacket?" });
      },
    },
    {
      rule: "AI answers with sources: answer + sources + buttons; public comment, solved, fin-resolved + soft",
      from: () => after(ask("m1", "How do I return a jacket?")),
      event: answer,
      phase: "resolved",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message).toMatchObject({
          author: { type: "ai" },
          text: "You can return items within 30 days.",
          citations: [citation],
          buttons: [
            { label: config.texts.thatHelped, action: "resolved" },
            { label: config.texts.talkToPerson, action: "handoff" },
          ],
        });
        expect(update(effects)).toEqual({
          type: "zendesk.ticket.update",
          comment: {
            body: "You can return items within 30 days.\n\nSources:\n- Returns and refunds: https://help.example/returns",
            public: true,
            author: "ai",
          },
          status: "solved",
        });
        expect(tagEffect(effects)).toEqual({ type: "zendesk.tags", add: ["fin-resolved", "fin-soft-resolution"], remove: [] });
      },
    },
    {
      rule: "no answer in the knowledge: hand-off, internal note, status open, fin-routed-to-team",
      from: () => after(ask("m1", "Can I bring my dog?")),
      event: { type: "ai.replied", questionMessageId: "m1", reply: { kind: "handoff", reason: "no_answer" } },
      phase: "team",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message.text).toBe(config.texts.handoffNoAnswer);
        const change = update(effects);
        expect(change).toMatchObject({ status: "open", comment: { public: false, author: "ai" } });
        expect(change?.type === "zendesk.ticket.update" && change.comment?.body).toContain("Can I bring my dog?");
        expect(tagEffect(effects)).toEqual({ type: "zendesk.tags", add: ["fin-routed-to-team"], remove: [] });
      },
    },
    {
      rule: 'customer: "That helped": thanks; − fin-soft-resolution, + fin-hard-resolution; no comment',
      from: answered,
      event: ask("m2", config.texts.thatHelped, "resolved"),
      phase: "resolved",
      effects: ["message.send", "zendesk.tags"],
      check: (effects) => {
        expect(tagEffect(effects)).toEqual({ type: "zendesk.tags", add: ["fin-hard-resolution"], remove: ["fin-soft-resolution"] });
        expect(update(effects)).toBeUndefined();
      },
    },
    {
      rule: "customer asks for a person (button): hand-off, − fin-resolved/soft, + fin-routed-to-team, status open",
      from: answered,
      event: ask("m2", config.texts.talkToPerson, "handoff"),
      phase: "team",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        expect(update(effects)).toMatchObject({ status: "open", comment: { public: false } });
        expect(tagEffect(effects)).toEqual({
          type: "zendesk.tags",
          add: ["fin-routed-to-team"],
          remove: ["fin-resolved", "fin-soft-resolution"],
        });
      },
    },
    {
      rule: "customer asks for a person (words): the AI agent recognises it and hands off",
      from: () => after(ask("m1", "I want to talk to a human")),
      event: { type: "ai.replied", questionMessageId: "m1", reply: { kind: "handoff", reason: "asked_for_person" } },
      phase: "team",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message.text).toBe(config.texts.handoffAsked);
      },
    },
    {
      rule: "follow-up question after an answer: ticket reopened with the comment, resolution tags removed, AI asked",
      from: answered,
      event: ask("m2", "And for shoes?"),
      phase: "ai",
      effects: ["zendesk.tags", "zendesk.ticket.update", "ai.answer"],
      check: (effects) => {
        expect(update(effects)).toEqual({
          type: "zendesk.ticket.update",
          comment: { body: "And for shoes?", public: true, author: "customer" },
          status: "open",
        });
        expect(tagEffect(effects)).toEqual({ type: "zendesk.tags", add: [], remove: ["fin-resolved", "fin-soft-resolution"] });
      },
    },
    {
      rule: "agent public reply: shown as the agent's message; the AI stays out from then on",
      from: handedOff,
      event: { type: "agent.replied", text: "Hi! Dogs are welcome.", authorName: "Alex Agent", externalRef: "zendesk:comment:9" },
      phase: "team",
      effects: ["message.send"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message).toEqual({
          author: { type: "agent", name: "Alex Agent" },
          text: "Hi! Dogs are welcome.",
          citations: [],
          buttons: [],
          externalRef: "zendesk:comment:9",
        });
      },
    },
    {
      rule: "after hand-off, customer messages go to the ticket and the AI is not asked",
      from: handedOff,
      event: ask("m2", "It's a small dog"),
      phase: "team",
      effects: ["zendesk.ticket.update"],
      check: (effects) => {
        expect(update(effects)).toEqual({
          type: "zendesk.ticket.update",
          comment: { body: "It's a small dog", public: true, author: "customer" },
        });
      },
    },
  ];

  test.each(rows)("$rule", ({ from, event, phase, effects, check }) => {
    const result = step(from(), event, now, config);
    expect(result.state.phase).toBe(phase);
    expect(types(result.effects)).toEqual(effects);
    check?.(result.effects);
  });
});

test("an answer to an older question is dropped when a newer one is waiting", () => {
  const state = after(ask("m1", "How do I return a jacket?"), ask("m2", "Actually, how long is shipping?"));
  const result = step(state, answer, now, config);
  expect(result.effects).toEqual([]);
  expect(result.state).toEqual(state);
});

test("an AI answer arriving after an agent stepped in is dropped", () => {
  const state = after(ask("m1", "Where is my order?"), {
    type: "agent.replied",
    text: "Let me check.",
    authorName: "Alex",
    externalRef: "zendesk:comment:1",
  });
  const result = step(state, { ...answer, questionMessageId: "m1" }, now, config);
  expect(result.effects).toEqual([]);
});

test("the ticket tags follow every change exactly", () => {
  expect(answered().tags).toEqual(["intercom-messenger", "fin-involved", "fin-resolved", "fin-soft-resolution"]);
  expect(after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "ok", "resolved")).tags).toEqual([
    "intercom-messenger",
    "fin-involved",
    "fin-resolved",
    "fin-hard-resolution",
  ]);
  expect(after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "person", "handoff")).tags).toEqual([
    "intercom-messenger",
    "fin-involved",
    "fin-routed-to-team",
  ]);
});

test('"That helped" pressed twice changes the tags only once', () => {
  const once = after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "That helped", "resolved"));
  const twice = step(once, ask("m3", "That helped", "resolved"), now, config);
  expect(tagEffect(twice.effects)).toBeUndefined();
});

test("a hand-off button pressed when the team already has the conversation is just a message", () => {
  const result = step(handedOff(), ask("m2", "Talk to a person", "handoff"), now, config);
  expect(types(result.effects)).toEqual(["zendesk.ticket.update"]);
});

test("renamed tags are used everywhere", () => {
  const renamed = { ...config, tags: { ...config.tags, messenger: "parley", routedToTeam: "to-humans" } };
  const first = step(initialState(), ask("m1", "Can I bring my dog?"), now, renamed);
  expect(first.effects[0]).toMatchObject({ tags: ["parley", "fin-involved"] });
  const handoff = step(first.state, { type: "ai.replied", questionMessageId: "m1", reply: { kind: "handoff", reason: "no_answer" } }, now, renamed);
  expect(tagEffect(handoff.effects)).toEqual({ type: "zendesk.tags", add: ["to-humans"], remove: [] });
});

test("a long first message makes a short one-line subject", () => {
  const text = `My order\n\nnumber 1234 ${"is late ".repeat(20)}`;
  const created = step(initialState(), ask("m1", text), now, config).effects[0];
  expect(created?.type === "zendesk.ticket.create" && created.subject).toMatch(/^Messenger: My order number 1234 is late .*…$/);
  expect(created?.type === "zendesk.ticket.create" && created.subject.length).toBeLessThanOrEqual("Messenger: ".length + 80);
});
