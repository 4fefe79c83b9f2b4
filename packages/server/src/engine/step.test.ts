import { describe, expect, test } from "vitest";
import { DEFAULT_ENGINE_CONFIG, initialState } from "./defaults";
import { step } from "./step";
import { TEXT_LANGUAGES, textsFor } from "./texts";
import type { AiReply, ConversationState, Effect, EngineEvent } from "./types";
import { Workflow } from "../workflow";

const config = DEFAULT_ENGINE_CONFIG;
const en = textsFor("en");
const now = new Date("2026-11-23T10:00:00Z");
const citation = { title: "Returns and refunds", url: "https://help.example/returns" };
const answer: EngineEvent = {
  type: "ai.replied",
  questionMessageId: "m1",
  reply: { kind: "answer", text: "You can return items within 30 days.", citations: [citation], locale: "en" },
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
const press = (messageId: string, label: string, articleId: string): EngineEvent => ({
  type: "customer.message",
  messageId,
  text: label,
  action: "choose_article",
  articleId,
});
const aiReplied = (questionMessageId: string, reply: AiReply): EngineEvent => ({ type: "ai.replied", questionMessageId, reply });

const answered = () => after(ask("m1", "How do I return a jacket?"), answer);
const handedOff = () => after(ask("m1", "Can I bring my dog?"), {
  type: "ai.replied",
  questionMessageId: "m1",
  reply: { kind: "handoff", reason: "no_answer", locale: "en" },
});

const followedUp = () => after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "And for shoes?"));

const orderOption = { articleId: "change-or-cancel-an-order", label: "Change or cancel an order" };
const passwordOption = { articleId: "reset-password", label: "Resetting your password" };
const clarify: AiReply = { kind: "clarify", text: "Which one do you mean?", options: [orderOption, passwordOption], locale: "en" };
/** A question answered, then an ambiguous one the AI asked about. */
const clarifying = () =>
  after(
    ask("m0", "Where is my parcel?"),
    aiReplied("m0", { kind: "answer", text: "Track it from your account.", citations: [citation], locale: "en" }),
    ask("m1", "How do I change it?"),
    aiReplied("m1", clarify),
  );

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
      rule: "first customer message: ticket created with the Messenger tags and assigned to the AI agent (fin-involved), then the AI is asked",
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
          assignee: "ai_agent",
        });
        expect(effects[1]).toEqual({ type: "ai.answer", questionMessageId: "m1", question: "How do I return a jacket?", history: [] });
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
            { label: en.thatHelped, action: "resolved" },
            { label: en.talkToPerson, action: "handoff" },
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
      rule: "no answer in the knowledge: hand-off, the AI unassigns itself, internal note, status open, fin-routed-to-team",
      from: () => after(ask("m1", "Can I bring my dog?")),
      event: { type: "ai.replied", questionMessageId: "m1", reply: { kind: "handoff", reason: "no_answer", locale: "en" } },
      phase: "team",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message.text).toBe(en.handoffNoAnswer);
        const change = update(effects);
        expect(change).toMatchObject({ status: "open", assignee: "nobody", comment: { public: false, author: "ai" } });
        expect(change?.type === "zendesk.ticket.update" && change.comment?.body).toContain("Can I bring my dog?");
        expect(tagEffect(effects)).toEqual({ type: "zendesk.tags", add: ["fin-routed-to-team"], remove: [] });
      },
    },
    {
      rule: "no answer, but an article may help: it is suggested (in the Messenger and on the ticket) before the hand-off",
      from: () => after(ask("m1", "Can I bring my bike?")),
      event: aiReplied("m1", { kind: "handoff", reason: "no_answer", suggestions: [citation], locale: "en" }),
      phase: "team",
      effects: ["message.send", "zendesk.ticket.update", "message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        const messages = effects.flatMap((effect) => (effect.type === "message.send" ? [effect.message] : []));
        expect(messages.map(({ text, citations }) => ({ text, citations }))).toEqual([
          { text: en.mayHelp, citations: [citation] },
          { text: en.handoffNoAnswer, citations: [] },
        ]);
        expect(effects[1]).toEqual({
          type: "zendesk.ticket.update",
          comment: { body: `${en.mayHelp}\n\nSources:\n- Returns and refunds: https://help.example/returns`, public: true, author: "ai" },
        });
        expect(effects.at(-1)).toMatchObject({ status: "open", assignee: "nobody", comment: { public: false, author: "ai" } });
      },
    },
    {
      rule: 'customer: "That helped": thanks; − fin-soft-resolution, + fin-hard-resolution; no comment',
      from: answered,
      event: ask("m2", en.thatHelped, "resolved"),
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
      event: ask("m2", en.talkToPerson, "handoff"),
      phase: "team",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        expect(update(effects)).toMatchObject({ status: "open", assignee: "nobody", comment: { public: false } });
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
      event: { type: "ai.replied", questionMessageId: "m1", reply: { kind: "handoff", reason: "asked_for_person", locale: "en" } },
      phase: "team",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message.text).toBe(en.handoffAsked);
      },
    },
    {
      rule: "follow-up question after an answer: held off the solved ticket until the AI replies; asked with the earlier question",
      from: answered,
      event: ask("m2", "And for shoes?"),
      phase: "ai",
      effects: ["ai.answer"],
      check: (effects) => {
        expect(effects[0]).toEqual({
          type: "ai.answer",
          questionMessageId: "m2",
          question: "And for shoes?",
          history: ["How do I return a jacket?"],
        });
      },
    },
    {
      rule: "follow-up answered: ticket reopened (resolution tags off, the customer's comment, open), then answered as above",
      from: followedUp,
      event: aiReplied("m2", { kind: "answer", text: "Shoes too, unworn.", citations: [citation], locale: "en" }),
      phase: "resolved",
      effects: ["zendesk.tags", "zendesk.ticket.update", "message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        expect(effects[0]).toEqual({ type: "zendesk.tags", add: [], remove: ["fin-resolved", "fin-soft-resolution"] });
        expect(effects[1]).toEqual({
          type: "zendesk.ticket.update",
          comment: { body: "And for shoes?", public: true, author: "customer" },
          status: "open",
        });
        expect(effects[3]).toEqual({ type: "zendesk.tags", add: ["fin-resolved", "fin-soft-resolution"], remove: [] });
        expect(effects[4]).toMatchObject({ status: "solved", comment: { public: true, author: "ai" } });
      },
    },
    {
      rule: "small talk after an answer (thanks): a reply and one internal note with both; no reopen, no tag change",
      from: () => after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "Thanks a lot!")),
      event: aiReplied("m2", { kind: "smalltalk", text: "You're welcome!", locale: "en" }),
      phase: "resolved",
      effects: ["message.send", "zendesk.ticket.update"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message).toMatchObject({ text: "You're welcome!", buttons: [], citations: [] });
        const note = update(effects);
        expect(note).toEqual({ type: "zendesk.ticket.update", comment: { body: expect.any(String), public: false, author: "ai" } });
        expect(note?.type === "zendesk.ticket.update" && note.status).toBeUndefined();
        expect(note?.type === "zendesk.ticket.update" && note.comment?.body).toMatch(/> Thanks a lot![\s\S]*> You're welcome!/);
      },
    },
    {
      rule: "small talk before any answer (hello): just the reply; the ticket stays as it is",
      from: () => after(ask("m1", "Hello there")),
      event: aiReplied("m1", { kind: "smalltalk", text: "Hi! What can I help you with?", locale: "en" }),
      phase: "ai",
      effects: ["message.send"],
    },
    {
      rule: "question is ambiguous: the clarifying question with one button per article and Talk to a person; public comment, pending; a durable 3-minute timer",
      from: () => after(ask("m1", "How do I change it?")),
      event: aiReplied("m1", clarify),
      phase: "ai",
      effects: ["message.send", "zendesk.ticket.update", "timer.schedule"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message).toMatchObject({
          author: { type: "ai" },
          text: "Which one do you mean?",
          buttons: [
            { label: "Change or cancel an order", action: "choose_article", article_id: "change-or-cancel-an-order" },
            { label: "Resetting your password", action: "choose_article", article_id: "reset-password" },
            { label: en.talkToPerson, action: "handoff" },
          ],
        });
        expect(update(effects)).toEqual({
          type: "zendesk.ticket.update",
          comment: {
            body: "Which one do you mean?\n\n- Change or cancel an order\n- Resetting your password",
            public: true,
            author: "ai",
          },
          status: "pending",
        });
        expect(tagEffect(effects)).toBeUndefined();
        expect(effects[2]).toEqual({ type: "timer.schedule", kind: "clarify", dueAt: "2026-11-23T10:03:00.000Z", since: now.toISOString() });
      },
    },
    {
      rule: "customer presses an offered article: the timer is cancelled and the original question is answered from that article",
      from: clarifying,
      event: press("m2", "Resetting your password", "reset-password"),
      phase: "ai",
      effects: ["timer.cancel", "zendesk.ticket.update", "ai.answer"],
      check: (effects) => {
        expect(update(effects)).toEqual({
          type: "zendesk.ticket.update",
          comment: { body: "Resetting your password", public: true, author: "customer" },
        });
        expect(effects[2]).toEqual({
          type: "ai.answer",
          questionMessageId: "m2",
          question: "How do I change it?",
          history: ["Where is my parcel?"],
          chosenArticleId: "reset-password",
        });
      },
    },
    {
      rule: "customer types instead of pressing: the timer is cancelled; the AI is asked with what was offered and the earlier questions",
      from: clarifying,
      event: ask("m2", "the password one"),
      phase: "ai",
      effects: ["timer.cancel", "zendesk.ticket.update", "ai.answer"],
      check: (effects) => {
        expect(effects[2]).toEqual({
          type: "ai.answer",
          questionMessageId: "m2",
          question: "the password one",
          history: ["Where is my parcel?", "How do I change it?"],
          offered: [orderOption, passwordOption],
        });
      },
    },
    {
      rule: 'customer presses "Talk to a person" on a clarifying question: the timer is cancelled; hand-off, status open',
      from: clarifying,
      event: ask("m2", en.talkToPerson, "handoff"),
      phase: "team",
      effects: ["timer.cancel", "message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        expect(update(effects)).toMatchObject({ status: "open", comment: { public: false } });
        expect(update(effects)?.type === "zendesk.ticket.update" && update(effects)?.comment?.body).toContain("How do I change it?");
      },
    },
    {
      rule: "no customer reply 3 min after a clarifying question: the timer fires and hands off (unassign, fin-routed-to-team, open)",
      from: clarifying,
      event: { type: "timer.fired", kind: "clarify", since: now.toISOString() },
      phase: "team",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message.text).toBe(en.handoffNoReply);
        // The resolution tags came off when the follow-up reopened the ticket.
        expect(tagEffect(effects)).toEqual({ type: "zendesk.tags", add: ["fin-routed-to-team"], remove: [] });
        const note = update(effects);
        expect(note).toMatchObject({ status: "open", assignee: "nobody", comment: { public: false } });
        expect(note?.type === "zendesk.ticket.update" && note.comment?.body).toMatch(/did not answer the AI agent's clarifying question[\s\S]*How do I change it\?/);
      },
    },
    {
      rule: "a timer for a clarifying question the customer already answered changes nothing",
      from: () => after(ask("m1", "How do I change it?"), aiReplied("m1", clarify), press("m2", "Resetting your password", "reset-password")),
      event: { type: "timer.fired", kind: "clarify", since: now.toISOString() },
      phase: "ai",
      effects: [],
    },
    {
      rule: "the customer goes quiet after an answer: no timer was set, so nothing more happens (soft resolution stands)",
      from: () => after(ask("m1", "How do I return a jacket?")),
      event: answer,
      phase: "resolved",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => expect(effects.some((effect) => effect.type === "timer.schedule")).toBe(false),
    },
    {
      rule: "only someone with account access can settle it: its own hand-off text and note",
      from: () => after(ask("m1", "Why was I charged twice?")),
      event: aiReplied("m1", { kind: "handoff", reason: "account_specific", locale: "en" }),
      phase: "team",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message.text).toBe(en.handoffAccountSpecific);
        expect(en.handoffAccountSpecific).toMatch(/^That needs someone who can look at your account, so I've passed it to the team/);
        const note = update(effects);
        expect(note).toMatchObject({ status: "open", comment: { public: false, author: "ai" } });
        expect(note?.type === "zendesk.ticket.update" && note.comment?.body).toMatch(/access to the customer's account[\s\S]*> Why was I charged twice\?/);
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
    {
      rule: "the team gives a live chat back (ticket solved): the AI takes the conversation again: told in the Messenger, assigned to the AI, − fin-routed-to-team, a note",
      from: handedOff,
      event: { type: "handoff.released", reason: "ticketClosed" },
      phase: "ai",
      effects: ["message.send", "zendesk.tags", "zendesk.ticket.update"],
      check: (effects) => {
        const message = sent(effects);
        expect(message?.type === "message.send" && message.message).toMatchObject({ author: { type: "ai" }, text: en.backWithAi });
        expect(tagEffect(effects)).toEqual({ type: "zendesk.tags", add: [], remove: ["fin-routed-to-team"] });
        expect(update(effects)).toMatchObject({ assignee: "ai_agent", comment: { public: false, author: "ai" } });
        expect(update(effects)?.type === "zendesk.ticket.update" && update(effects)?.comment?.body).toContain("ticketClosed");
      },
    },
    {
      rule: "a release of a conversation the team does not have (a repeated delivery) changes nothing",
      from: answered,
      event: { type: "handoff.released", reason: null },
      phase: "resolved",
      effects: [],
    },
  ];

  test.each(rows)("$rule", ({ from, event, phase, effects, check }) => {
    const result = step(from(), event, now, config);
    expect(result.state.phase).toBe(phase);
    expect(types(result.effects)).toEqual(effects);
    check?.(result.effects);
  });
});

test("after the team gives the conversation back, the AI answers the next question, and can hand off again", () => {
  const released = after(
    ask("m1", "Can I bring my dog?"),
    aiReplied("m1", { kind: "handoff", reason: "no_answer", locale: "en" }),
    { type: "agent.replied", text: "Dogs are welcome.", authorName: "Alex", externalRef: "zendesk:message:1" },
    { type: "handoff.released", reason: "ticketClosed" },
  );
  const question = step(released, ask("m2", "How do I return a jacket?"), now, config);
  expect(types(question.effects)).toEqual(["zendesk.ticket.update", "ai.answer"]);
  const answeredAgain = step(question.state, { ...answer, questionMessageId: "m2" }, now, config);
  expect(answeredAgain.state.phase).toBe("resolved");
  expect(answeredAgain.state.tags).toEqual(["intercom-messenger", "fin-involved", "fin-resolved", "fin-soft-resolution"]);
  const again = step(answeredAgain.state, ask("m3", en.talkToPerson, "handoff"), now, config);
  expect(again.state.phase).toBe("team");
  expect(tagEffect(again.effects)).toEqual({ type: "zendesk.tags", add: ["fin-routed-to-team"], remove: ["fin-resolved", "fin-soft-resolution"] });
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
  const handoff = step(first.state, { type: "ai.replied", questionMessageId: "m1", reply: { kind: "handoff", reason: "no_answer", locale: "en" } }, now, renamed);
  expect(tagEffect(handoff.effects)).toEqual({ type: "zendesk.tags", add: ["to-humans"], remove: [] });
});

test("a long first message makes a short one-line subject", () => {
  const text = `My order\n\nnumber 1234 ${"is late ".repeat(20)}`;
  const created = step(initialState(), ask("m1", text), now, config).effects[0];
  expect(created?.type === "zendesk.ticket.create" && created.subject).toMatch(/^Messenger: My order number 1234 is late .*…$/);
  expect(created?.type === "zendesk.ticket.create" && created.subject.length).toBeLessThanOrEqual("Messenger: ".length + 80);
});

describe("clarifying questions", () => {
  test("the open clarification is remembered: the question, its options, and since when (for the reply timer)", () => {
    expect(clarifying().clarification).toEqual({
      question: "How do I change it?",
      options: [orderOption, passwordOption],
      since: now.toISOString(),
    });
  });

  test("a clarifying question without text of its own gets the lead-in, in the reply's language", () => {
    const result = step(after(ask("m1", "Comment le changer ?")), aiReplied("m1", { ...clarify, text: " ", locale: "fr" }), now, config);
    const message = sent(result.effects);
    expect(message?.type === "message.send" && message.message.text).toBe(textsFor("fr").clarifyLeadIn);
    expect(message?.type === "message.send" && message.message.buttons.at(-1)).toEqual({ label: "Parler à une personne", action: "handoff" });
  });

  test("pressing an article answers the question once: the clarification is closed", () => {
    const pressed = step(clarifying(), press("m2", "Resetting your password", "reset-password"), now, config).state;
    expect(pressed.clarification).toBeNull();
    expect(pressed.awaitingAnswerTo).toBe("m2");
    expect(pressed.lastQuestion).toBe("How do I change it?");
  });

  test("an article button that no open clarification offered counts as what it says", () => {
    const result = step(after(ask("m1", "Where is my parcel?")), press("m2", "Returns and refunds", "returns-and-refunds"), now, config);
    expect(result.effects.at(-1)).toEqual({
      type: "ai.answer",
      questionMessageId: "m2",
      question: "Returns and refunds",
      history: ["Where is my parcel?"],
    });
  });

  test("a follow-up on a solved ticket that needs clarifying reopens it, then waits on the customer (pending)", () => {
    const result = step(followedUp(), aiReplied("m2", clarify), now, config);
    expect(types(result.effects)).toEqual(["zendesk.tags", "zendesk.ticket.update", "message.send", "zendesk.ticket.update", "timer.schedule"]);
    expect(result.effects[1]).toMatchObject({ status: "open", comment: { body: "And for shoes?", author: "customer" } });
    expect(result.effects[3]).toMatchObject({ status: "pending", comment: { public: true, author: "ai" } });
    expect(result.state.clarification?.question).toBe("And for shoes?");
  });
});

describe("small talk never reopens a solved ticket", () => {
  test("after small talk the conversation is resolved again and the tags are as they were", () => {
    const before = answered();
    const state = after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "thanks!"), aiReplied("m2", { kind: "smalltalk", text: "Anytime!", locale: "en" }));
    expect(state.phase).toBe("resolved");
    expect(state.tags).toEqual(before.tags);
    expect(state.held).toEqual([]);
  });

  test("two messages held before the reply go in the one note", () => {
    const state = after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "thanks!"), ask("m3", "bye"));
    const result = step(state, aiReplied("m3", { kind: "smalltalk", text: "Bye for now!", locale: "en" }), now, config);
    expect(types(result.effects)).toEqual(["message.send", "zendesk.ticket.update"]);
    expect(update(result.effects)?.type === "zendesk.ticket.update" && update(result.effects)?.comment?.body).toMatch(
      /> thanks![\s\S]*> bye[\s\S]*> Bye for now!/,
    );
  });

  test("a follow-up that turns out to be a question after two held messages reopens with both, in order", () => {
    const state = after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "ok"), ask("m3", "and shoes?"));
    const result = step(state, aiReplied("m3", { kind: "handoff", reason: "no_answer", locale: "en" }), now, config);
    const comments = result.effects.flatMap((effect) =>
      effect.type === "zendesk.ticket.update" && effect.comment?.author === "customer" ? [effect.comment.body] : [],
    );
    expect(comments).toEqual(["ok", "and shoes?"]);
    expect(result.effects[1]).toMatchObject({ status: "open" });
    expect(result.state.phase).toBe("team");
  });

  test("an article suggested with the hand-off goes on the reopened ticket after the held messages", () => {
    const state = after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "and shoes?"));
    const result = step(state, aiReplied("m2", { kind: "handoff", reason: "no_answer", suggestions: [citation], locale: "fr" }), now, config);
    const comments = result.effects.flatMap((effect) => (effect.type === "zendesk.ticket.update" && effect.comment ? [effect.comment.body] : []));
    expect(comments.slice(0, 2)).toEqual(["and shoes?", expect.stringMatching(/^Voici l'article le plus proche/)]);
    const messages = result.effects.flatMap((effect) => (effect.type === "message.send" ? [effect.message.text] : []));
    expect(messages).toEqual([textsFor("fr").mayHelp, textsFor("fr").handoffNoAnswer]);
  });

  test('"Talk to a person" pressed while a message is held puts the message on the ticket first', () => {
    const state = after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "hmm"));
    const result = step(state, ask("m3", en.talkToPerson, "handoff"), now, config);
    expect(result.effects[1]).toEqual({ type: "zendesk.ticket.update", comment: { body: "hmm", public: true, author: "customer" }, status: "open" });
    expect(result.state).toMatchObject({ phase: "team", held: [] });
  });

  test("an agent replying while a message is held gets the message on the ticket too", () => {
    const state = after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "one more thing"));
    const result = step(state, { type: "agent.replied", text: "Yes?", authorName: "Alex", externalRef: "zendesk:comment:5" }, now, config);
    expect(types(result.effects)).toEqual(["message.send", "zendesk.tags", "zendesk.ticket.update"]);
    expect(update(result.effects)).toMatchObject({ comment: { body: "one more thing", author: "customer" }, status: "open" });
    expect(result.state).toMatchObject({ phase: "team", held: [] });
  });
});

describe("history", () => {
  test("each question goes to the AI with at most the three before it, oldest first", () => {
    const state = after(ask("m1", "q1"), ask("m2", "q2"), ask("m3", "q3"), ask("m4", "q4"));
    expect(step(state, ask("m5", "q5"), now, config).effects).toContainEqual({
      type: "ai.answer",
      questionMessageId: "m5",
      question: "q5",
      history: ["q2", "q3", "q4"],
    });
  });

  test("small talk is not remembered as a question", () => {
    const state = after(ask("m1", "How do I return a jacket?"), answer, ask("m2", "thanks!"), aiReplied("m2", { kind: "smalltalk", text: "Anytime!", locale: "en" }));
    expect(state.lastQuestion).toBe("How do I return a jacket?");
    expect(step(state, ask("m3", "and for shoes?"), now, config).effects).toContainEqual(
      expect.objectContaining({ type: "ai.answer", history: ["How do I return a jacket?"] }),
    );
  });
});

describe("languages", () => {
  test("an answer's buttons are in the reply's language, and so is what follows them", () => {
    const french = after(ask("m1", "Comment retourner une veste ?"), aiReplied("m1", { kind: "answer", text: "Sous 30 jours.", citations: [], locale: "fr-CA" }));
    expect(french.locale).toBe("fr-CA");
    const handoff = step(french, ask("m2", "Parler à une personne", "handoff"), now, config);
    const message = sent(handoff.effects);
    expect(message?.type === "message.send" && message.message.text).toBe(textsFor("fr").handoffAsked);
    const thanks = step(french, ask("m2", "Ça m'a aidé", "resolved"), now, config);
    const glad = sent(thanks.effects);
    expect(glad?.type === "message.send" && glad.message.text).toMatch(/^Parfait/);
  });

  test.each(["de", "es", "pt", "it", "nl"])("a hand-off in %s is said in it", (locale) => {
    const result = step(after(ask("m1", "?")), aiReplied("m1", { kind: "handoff", reason: "no_answer", locale }), now, config);
    const message = sent(result.effects);
    expect(message?.type === "message.send" && message.message.text).toBe(textsFor(locale).handoffNoAnswer);
    expect(textsFor(locale).handoffNoAnswer).not.toBe(en.handoffNoAnswer);
  });

  test.each([
    ["fr-CA", "fr"],
    ["pt_BR", "pt"],
    ["DE", "de"],
    ["sv", "en"],
    ["", "en"],
    [null, "en"],
    ["constructor", "en"],
  ])("texts for %s are the %s ones", (locale, language) => {
    expect(textsFor(locale)).toEqual(textsFor(language));
  });

  test("every language has every text, translated", () => {
    expect([...TEXT_LANGUAGES].sort()).toEqual(["de", "en", "es", "fr", "it", "nl", "pt"]);
    for (const language of TEXT_LANGUAGES.filter((language) => language !== "en")) {
      const texts = textsFor(language);
      for (const [key, text] of Object.entries(en)) {
        expect(texts[key as keyof typeof texts], `${language}.${key}`).not.toBe(text);
        expect(texts[key as keyof typeof texts].length, `${language}.${key}`).toBeGreaterThan(3);
      }
    }
  });
});

describe("the owner's own words", () => {
  const owned = {
    ...config,
    workflow: Workflow.parse({
      ...config.workflow,
      texts: { en: { gladItHelped: "Happy trails! We're here if you need us." }, "pt-BR": { thatHelped: "Resolveu" } },
    }),
  };

  test("replace Parley's text in that language, and only that text", () => {
    const state = answered();
    const { effects } = step(state, ask("m2", en.thatHelped, "resolved"), now, owned);
    const message = sent(effects);
    expect(message?.type === "message.send" && message.message.text).toBe("Happy trails! We're here if you need us.");
    expect(textsFor("en-GB", owned.workflow.texts)).toEqual({ ...en, gladItHelped: "Happy trails! We're here if you need us." });
    expect(textsFor("fr", owned.workflow.texts)).toEqual(textsFor("fr"));
    expect(textsFor("pt_BR", owned.workflow.texts)).toEqual({ ...textsFor("pt"), thatHelped: "Resolveu" });
  });

  test("an unknown text or a bad language tag is refused by name", () => {
    const bad = (texts: unknown) => Workflow.safeParse({ ...config.workflow, texts }).error?.issues.map((issue) => issue.path.join("."));
    expect(bad({ en: { goodbye: "Bye" } })).toEqual(["texts.en"]);
    expect(bad({ "not a tag": { thatHelped: "Yes" } })).toEqual(["texts.not a tag"]);
    expect(bad({ en: { thatHelped: "" } })).toEqual(["texts.en.thatHelped"]);
  });
});
