import { HISTORY_LENGTH } from "./defaults";
import { textsFor } from "./texts";
import type {
  AiReply,
  ConversationState,
  Effect,
  EngineConfig,
  EngineEvent,
  HandoffReason,
  OutgoingMessage,
  StepResult,
  TicketComment,
} from "./types";

type CustomerMessage = Extract<EngineEvent, { type: "customer.message" }>;

/**
 * The conversation engine: a pure reducer. Given where a conversation stands and what just happened,
 * it returns where the conversation stands now and what must be done about it. No I/O happens here:
 * the caller stores the new state together with the effects, then performs them in order.
 *
 * Tag changes come before the ticket update they belong to: Zendesk triggers fire on the status
 * change and route on the tags, so the tags must already be there.
 */
export function step(state: ConversationState, event: EngineEvent, now: Date, config: EngineConfig): StepResult {
  switch (event.type) {
    case "customer.message":
      return onCustomerMessage(state, event, config);
    case "ai.replied":
      return onAiReplied(state, event, now, config);
    case "agent.replied":
      return onAgentReplied(state, event, config);
  }
}

function onCustomerMessage(state: ConversationState, event: CustomerMessage, config: EngineConfig): StepResult {
  const { tags } = config;

  if (event.action === "handoff" && state.ticketRequested && state.phase !== "team") {
    return handOff(state, "asked_for_person", config);
  }
  if (event.action === "resolved" && state.phase === "resolved") {
    // Deliberately not mirrored as a comment: a requester's comment would reopen the solved ticket.
    const change = tagChange(state.tags, [tags.hardResolution], [tags.softResolution]);
    return {
      state: { ...state, tags: change.tags },
      effects: [sendMessage(aiMessage(textsFor(state.locale).gladItHelped, config)), ...change.effects],
    };
  }

  const comment = customerComment(event.text);
  const { clarification } = state;
  const chosen =
    event.action === "choose_article" && state.phase === "ai"
      ? clarification?.options.find((option) => option.articleId === event.articleId)
      : undefined;
  if (clarification && chosen) {
    // The button names an article, not a question: the question is still the one that needed clarifying.
    return {
      state: { ...state, awaitingAnswerTo: event.messageId, clarification: null },
      effects: [
        { type: "zendesk.ticket.update", comment },
        {
          type: "ai.answer",
          questionMessageId: event.messageId,
          question: clarification.question,
          history: state.earlierQuestions,
          chosenArticleId: chosen.articleId,
        },
      ],
    };
  }

  // Anything else, including a button pressed after it stopped applying, counts as what it says.
  const history = [...state.earlierQuestions, ...(state.lastQuestion === null ? [] : [state.lastQuestion])].slice(-HISTORY_LENGTH);
  const askAi: Effect = {
    type: "ai.answer",
    questionMessageId: event.messageId,
    question: event.text,
    history,
    // Typed instead of pressing a button: it may still name one of the offered articles in words.
    ...(clarification && clarification.options.length > 0 && { offered: clarification.options }),
  };
  const asked = { awaitingAnswerTo: event.messageId, lastQuestion: event.text, earlierQuestions: history, clarification: null };

  if (!state.ticketRequested) {
    const initialTags = [tags.messenger, tags.aiInvolved];
    return {
      state: { ...state, ...asked, phase: "ai", ticketRequested: true, tags: initialTags },
      effects: [{ type: "zendesk.ticket.create", subject: subjectOf(event.text), comment, tags: initialTags }, askAi],
    };
  }
  if (state.phase === "team") {
    return { state, effects: [{ type: "zendesk.ticket.update", comment }] };
  }
  if (state.phase === "resolved" || state.held.length > 0) {
    // The ticket is solved: a "thanks!" must not reopen it. Hold the message until the AI agent's
    // reply shows whether it is small talk (an internal note) or a follow-up (reopen, then as usual).
    return { state: { ...state, ...asked, phase: "ai", held: [...state.held, event.text] }, effects: [askAi] };
  }
  return { state: { ...state, ...asked, phase: "ai" }, effects: [{ type: "zendesk.ticket.update", comment }, askAi] };
}

function onAiReplied(
  state: ConversationState,
  event: Extract<EngineEvent, { type: "ai.replied" }>,
  now: Date,
  config: EngineConfig,
): StepResult {
  // The customer asked something newer, was handed off, or an agent stepped in: this answer is stale.
  if (state.phase !== "ai" || state.awaitingAnswerTo !== event.questionMessageId) {
    return { state, effects: [] };
  }
  const { reply } = event;
  // From here on the engine's own texts (buttons, hand-offs) are in the reply's language.
  const replied: ConversationState = { ...state, awaitingAnswerTo: null, locale: reply.locale };
  if (reply.kind === "smalltalk") return smallTalk(replied, reply, config);

  const reopened = reopen(replied, config);
  const result =
    reply.kind === "handoff"
      ? handOff(reopened.state, reply.reason, config)
      : reply.kind === "clarify"
        ? clarify(reopened.state, reply, now, config)
        : answer(reopened.state, reply, config);
  return { state: result.state, effects: [...reopened.effects, ...result.effects] };
}

function answer(state: ConversationState, reply: Extract<AiReply, { kind: "answer" }>, config: EngineConfig): StepResult {
  const { tags } = config;
  const texts = textsFor(state.locale);
  const change = tagChange(state.tags, [tags.aiResolved, tags.softResolution], []);
  const message: OutgoingMessage = {
    ...aiMessage(reply.text, config),
    citations: reply.citations,
    buttons: [
      { label: texts.thatHelped, action: "resolved" },
      { label: texts.talkToPerson, action: "handoff" },
    ],
  };
  return {
    state: { ...state, phase: "resolved", tags: change.tags },
    effects: [
      sendMessage(message),
      ...change.effects,
      {
        type: "zendesk.ticket.update",
        comment: { body: withSources(reply.text, reply.citations), public: true, author: "ai" },
        status: "solved",
      },
    ],
  };
}

/** Asks which article the customer means: one button per article, and a way to a person. */
function clarify(
  state: ConversationState,
  reply: Extract<AiReply, { kind: "clarify" }>,
  now: Date,
  config: EngineConfig,
): StepResult {
  const texts = textsFor(state.locale);
  const text = reply.text.trim() === "" ? texts.clarifyLeadIn : reply.text;
  const message: OutgoingMessage = {
    ...aiMessage(text, config),
    buttons: [
      ...reply.options.map((option) => ({ label: option.label, action: "choose_article" as const, article_id: option.articleId })),
      { label: texts.talkToPerson, action: "handoff" },
    ],
  };
  return {
    // `since` is where the "no reply within 3 minutes, hand off" timer starts.
    state: { ...state, clarification: { question: state.lastQuestion ?? "", options: reply.options, since: now.toISOString() } },
    effects: [
      sendMessage(message),
      // Pending: Zendesk's word for "waiting on the requester".
      { type: "zendesk.ticket.update", comment: { body: withOptions(text, reply.options), public: true, author: "ai" }, status: "pending" },
    ],
  };
}

/** A greeting, thanks or goodbye: answered, and the ticket's status and tags stay as they are. */
function smallTalk(state: ConversationState, reply: Extract<AiReply, { kind: "smalltalk" }>, config: EngineConfig): StepResult {
  const message = sendMessage(aiMessage(reply.text, config));
  // Small talk is no question: neither context for the next one nor the hand-off note's last question.
  const questions = { lastQuestion: state.earlierQuestions.at(-1) ?? null, earlierQuestions: state.earlierQuestions.slice(0, -1) };
  if (state.held.length === 0) return { state: { ...state, ...questions }, effects: [message] };
  // The ticket was solved: an internal note keeps the exchange on it, and a private comment does not reopen it.
  return {
    state: { ...state, ...questions, phase: "resolved", held: [] },
    effects: [
      message,
      { type: "zendesk.ticket.update", comment: { body: smallTalkNote(state.held, reply.text), public: false, author: "ai" } },
    ],
  };
}

function onAgentReplied(
  state: ConversationState,
  event: Extract<EngineEvent, { type: "agent.replied" }>,
  config: EngineConfig,
): StepResult {
  // A person has taken over: from now on the AI agent stays quiet in this conversation. What the
  // customer wrote on the solved ticket meanwhile goes on it now, since the team is looking.
  const reopened = reopen(state, config);
  return {
    state: { ...reopened.state, phase: "team", awaitingAnswerTo: null, clarification: null },
    effects: [
      sendMessage({
        author: { type: "agent", name: event.authorName },
        text: event.text,
        citations: [],
        buttons: [],
        externalRef: event.externalRef,
      }),
      ...reopened.effects,
    ],
  };
}

function handOff(state: ConversationState, reason: HandoffReason, config: EngineConfig): StepResult {
  const { tags } = config;
  const texts = textsFor(state.locale);
  const reopened = reopen(state, config);
  const change = tagChange(
    reopened.state.tags,
    [tags.routedToTeam],
    [tags.aiResolved, tags.softResolution, tags.hardResolution],
  );
  const said: Record<HandoffReason, string> = {
    no_answer: texts.handoffNoAnswer,
    asked_for_person: texts.handoffAsked,
    account_specific: texts.handoffAccountSpecific,
  };
  return {
    state: { ...reopened.state, phase: "team", awaitingAnswerTo: null, clarification: null, tags: change.tags },
    effects: [
      ...reopened.effects,
      sendMessage(aiMessage(said[reason], config)),
      ...change.effects,
      { type: "zendesk.ticket.update", comment: { body: handoffNote(reason, state.lastQuestion), public: false, author: "ai" }, status: "open" },
    ],
  };
}

/**
 * Puts the messages held on a solved ticket on it as the customer's, reopening it as a follow-up
 * question does: resolution tags off, then the comments with status open.
 */
function reopen(state: ConversationState, config: EngineConfig): StepResult {
  const [first, ...rest] = state.held;
  if (first === undefined) return { state, effects: [] };
  const { tags } = config;
  const change = tagChange(state.tags, [], [tags.aiResolved, tags.softResolution, tags.hardResolution]);
  return {
    state: { ...state, held: [], tags: change.tags },
    effects: [
      ...change.effects,
      { type: "zendesk.ticket.update", comment: customerComment(first), status: "open" },
      ...rest.map((text): Effect => ({ type: "zendesk.ticket.update", comment: customerComment(text) })),
    ],
  };
}

function sendMessage(message: OutgoingMessage): Effect {
  return { type: "message.send", message };
}

function aiMessage(text: string, config: EngineConfig): OutgoingMessage {
  return { author: { type: "ai", name: config.aiAuthorName }, text, citations: [], buttons: [] };
}

function customerComment(body: string): TicketComment {
  return { body, public: true, author: "customer" };
}

/** The smallest tag change that gets from `current` to `current + add - remove`. */
function tagChange(current: string[], add: string[], remove: string[]): { tags: string[]; effects: Effect[] } {
  const adding = add.filter((tag) => !current.includes(tag));
  const removing = remove.filter((tag) => current.includes(tag));
  if (adding.length === 0 && removing.length === 0) return { tags: current, effects: [] };
  return {
    tags: [...current.filter((tag) => !removing.includes(tag)), ...adding],
    effects: [{ type: "zendesk.tags", add: adding, remove: removing }],
  };
}

const SUBJECT_LENGTH = 80;

function subjectOf(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  const short = line.length > SUBJECT_LENGTH ? `${line.slice(0, SUBJECT_LENGTH - 1).trimEnd()}…` : line;
  return `Messenger: ${short}`;
}

// Comments and notes below are for the Zendesk agents, so they stay in English whatever the customer speaks.

function withSources(text: string, citations: { title: string; url: string }[]): string {
  if (citations.length === 0) return text;
  return `${text}\n\nSources:\n${citations.map((c) => `- ${c.title}: ${c.url}`).join("\n")}`;
}

function withOptions(text: string, options: { label: string }[]): string {
  if (options.length === 0) return text;
  return `${text}\n\n${options.map((option) => `- ${option.label}`).join("\n")}`;
}

function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

const HANDOFF_WHY: Record<HandoffReason, string> = {
  no_answer: "The AI agent found no answer in the help center and handed the conversation to the team.",
  asked_for_person: "The customer asked for a person; the AI agent handed the conversation to the team.",
  account_specific:
    "Only someone with access to the customer's account, order or billing can settle this; the AI agent handed the conversation to the team.",
};

function handoffNote(reason: HandoffReason, lastQuestion: string | null): string {
  const why = HANDOFF_WHY[reason];
  return lastQuestion ? `${why}\n\nLast question from the customer:\n${quote(lastQuestion)}` : why;
}

function smallTalkNote(held: string[], reply: string): string {
  return [
    "The customer wrote after the ticket was solved:",
    held.map(quote).join("\n\n"),
    "The AI agent replied (small talk, so the ticket stays solved):",
    quote(reply),
  ].join("\n\n");
}
