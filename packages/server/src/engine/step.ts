import { HISTORY_LENGTH } from "./defaults";
import { textsFor } from "./texts";
import type {
  AiReply,
  ConversationState,
  Effect,
  EngineConfig,
  EngineEvent,
  OutgoingMessage,
  StepResult,
} from "./types";
import { collectFormData } from "../workflow";
import { aiMessage, customerComment, quote, reopen, sendMessage, tagChange, withSources } from "./effects";
import { currentAiStep, leaveAiStep, runFrom, stepAt } from "./workflow-run";

type CustomerMessage = Extract<EngineEvent, { type: "customer.message" }>;

/** How many cited articles a conversation remembers for its summary. */
const MAX_CITED = 5;

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
      return onCustomerMessage(withContact(state, event), event, now, config);
    case "ai.replied":
      return onAiReplied(state, event, now, config);
    case "agent.replied":
      return onAgentReplied(state, event, config);
    case "timer.fired":
      return onTimerFired(state, event, now, config);
    case "handoff.released":
      return onHandoffReleased(state, event, config);
  }
}

function withContact(state: ConversationState, event: CustomerMessage): ConversationState {
  if (!event.contact && !event.pageUrl) return state;
  return {
    ...state,
    workflow: { ...state.workflow, contact: event.contact ?? state.workflow.contact, pageUrl: event.pageUrl ?? state.workflow.pageUrl },
  };
}

function onCustomerMessage(state: ConversationState, event: CustomerMessage, now: Date, config: EngineConfig): StepResult {
  const { tags } = config;
  const waiting = state.ticketRequested ? stepAt(state, config) : null;

  if (event.action === "handoff" && state.ticketRequested && state.phase !== "team" && (waiting === null || waiting.step.type === "ai_answer")) {
    return leaveAiStep(state, "asked_for_person", now, config);
  }
  if (waiting && state.phase !== "team" && waiting.step.type !== "ai_answer" && waiting.step.type !== "handoff") {
    return onWorkflowInput(state, event, waiting.id, now, config);
  }
  if (event.action === "resolved" && state.phase === "resolved") {
    // Deliberately not mirrored as a comment: a requester's comment would reopen the solved ticket.
    const change = tagChange(state.tags, [tags.hardResolution], [tags.softResolution]);
    return {
      state: { ...state, tags: change.tags },
      effects: [sendMessage(aiMessage(textsFor(state.locale, config.workflow.texts).gladItHelped, config)), ...change.effects],
    };
  }

  const comment = customerComment(event.text);
  const { clarification } = state;
  const chosen =
    event.action === "choose_article" && state.phase === "ai"
      ? clarification?.options.find((option) => option.articleId === event.articleId)
      : undefined;
  // Any reply to a clarifying question stops its "no reply, hand off" timer.
  const cancelTimer: Effect[] = clarification ? [{ type: "timer.cancel", kind: "clarify" }] : [];
  if (clarification && chosen) {
    // The button names an article, not a question: the question is still the one that needed clarifying.
    return {
      state: { ...state, awaitingAnswerTo: event.messageId, clarification: null },
      effects: [
        ...cancelTimer,
        { type: "zendesk.ticket.update", comment },
        {
          type: "ai.answer",
          questionMessageId: event.messageId,
          question: clarification.question,
          history: state.earlierQuestions,
          chosenArticleId: chosen.articleId,
          ...(event.locale !== undefined && { locale: event.locale }),
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
    ...(event.locale !== undefined && { locale: event.locale }),
  };
  const asked = { awaitingAnswerTo: event.messageId, lastQuestion: event.text, earlierQuestions: history, clarification: null };

  if (!state.ticketRequested) {
    // The AI agent takes the conversation: the ticket is created assigned to it, then the workflow
    // runs from its start (or from the greeting button the customer pressed).
    const initialTags = [tags.messenger, tags.aiInvolved];
    const create: Effect = { type: "zendesk.ticket.create", subject: subjectOf(event.text), comment, tags: initialTags, assignee: "ai_agent" };
    const greetingChoice = config.workflow.greeting.buttons.find((button) => sameLabel(button.label, event.text));
    const started: ConversationState = { ...state, ...asked, phase: "ai", ticketRequested: true, tags: initialTags };
    const run = greetingChoice
      ? runFrom(greetingChoice.then, { ...started, awaitingAnswerTo: null }, null, now, config)
      : runFrom(config.workflow.start, started, askAi, now, config);
    return { state: run.state, effects: [create, ...run.effects] };
  }
  if (state.phase === "team") {
    return { state, effects: [{ type: "zendesk.ticket.update", comment }] };
  }
  if (state.phase === "resolved" || state.held.length > 0) {
    // The ticket is solved: a "thanks!" must not reopen it. Hold the message until the AI agent's
    // reply shows whether it is small talk (an internal note) or a follow-up (reopen, then as usual).
    return { state: { ...state, ...asked, phase: "ai", held: [...state.held, event.text] }, effects: [askAi] };
  }
  return { state: { ...state, ...asked, phase: "ai" }, effects: [...cancelTimer, { type: "zendesk.ticket.update", comment }, askAi] };
}

/** The customer answers a workflow step: presses one of its buttons, sends its form, or replies. */
function onWorkflowInput(state: ConversationState, event: CustomerMessage, at: string, now: Date, config: EngineConfig): StepResult {
  const step = config.workflow.steps[at];
  const mirrored: Effect = { type: "zendesk.ticket.update", comment: customerComment(event.text) };
  const proceed = (next: string, collected: Record<string, string | number | boolean>): StepResult => {
    const kept: Effect[] = Object.keys(collected).length > 0 ? [{ type: "contact.update", attributes: collected }] : [];
    const moved: ConversationState = {
      ...state,
      awaitingAnswerTo: null,
      workflow: { ...state.workflow, collected: { ...state.workflow.collected, ...collected } },
    };
    const run = runFrom(next, moved, null, now, config);
    return { state: run.state, effects: [mirrored, ...kept, ...run.effects] };
  };
  switch (step?.type) {
    case "buttons": {
      const chosen = step.buttons.find((button) => sameLabel(button.label, event.text));
      return chosen ? proceed(chosen.then, {}) : { state, effects: [mirrored] };
    }
    case "collect_reply":
      return proceed(step.then, { [step.attribute]: event.text });
    case "collect_data": {
      // Only the form moves the conversation on; the service has already turned wrong values away.
      if (!event.form) return { state, effects: [mirrored] };
      const result = collectFormData(step, config.workflow.attributes, event.form);
      return result.ok ? proceed(step.then, result.values) : { state, effects: [mirrored] };
    }
    default:
      return { state, effects: [mirrored] };
  }
}

/** A button's label, pressed or typed: case and surrounding spaces do not matter. */
function sameLabel(label: string, text: string): boolean {
  return label.trim().toLowerCase() === text.trim().toLowerCase();
}

function onTimerFired(
  state: ConversationState,
  event: Extract<EngineEvent, { type: "timer.fired" }>,
  now: Date,
  config: EngineConfig,
): StepResult {
  // Only the timer of the clarifying question still open counts: one the customer answered, or one
  // for an earlier question, changes nothing (it may fire late, after a restart).
  if (state.phase !== "ai" || state.clarification === null || state.clarification.since !== event.since) {
    return { state, effects: [] };
  }
  return leaveAiStep({ ...state, clarification: null }, "no_reply", now, config, { timerDone: true });
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

  if (reply.kind === "handoff") return leaveAiStep(replied, reply.reason, now, config, { suggestions: reply.suggestions ?? [] });
  // The AI step's follow-up limit: past it, the next question goes to the team instead.
  const limit = currentAiStep(replied, config)?.follow_ups;
  if (limit !== undefined && replied.workflow.answers >= 1 + limit) return leaveAiStep(replied, "follow_up_limit", now, config);

  const reopened = reopen(replied, config);
  const result = reply.kind === "clarify" ? clarify(reopened.state, reply, now, config) : answer(reopened.state, reply, config);
  return { state: result.state, effects: [...reopened.effects, ...result.effects] };
}

function answer(state: ConversationState, reply: Extract<AiReply, { kind: "answer" }>, config: EngineConfig): StepResult {
  const { tags } = config;
  const texts = textsFor(state.locale, config.workflow.texts);
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
    state: {
      ...state,
      phase: "resolved",
      tags: change.tags,
      workflow: {
        ...state.workflow,
        answers: state.workflow.answers + 1,
        cited: [...new Set([...state.workflow.cited, ...reply.citations.map((citation) => citation.title)])].slice(-MAX_CITED),
      },
    },
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
  const texts = textsFor(state.locale, config.workflow.texts);
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
      {
        type: "timer.schedule",
        kind: "clarify",
        dueAt: new Date(now.getTime() + config.clarifyTimeoutSeconds * 1000).toISOString(),
        since: now.toISOString(),
      },
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
      ...(state.clarification ? [{ type: "timer.cancel", kind: "clarify" } as const] : []),
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

/**
 * The team gave the conversation back: the AI agent takes it again, as it did at the start (the
 * ticket is assigned to it, `fin-routed-to-team` comes off, a note says why) and waits at the
 * workflow's AI step for the customer's next question. A release of a conversation the team does
 * not have (a repeated delivery) changes nothing.
 */
function onHandoffReleased(state: ConversationState, event: Extract<EngineEvent, { type: "handoff.released" }>, config: EngineConfig): StepResult {
  if (state.phase !== "team") return { state, effects: [] };
  const change = tagChange(state.tags, [config.tags.aiInvolved], [config.tags.routedToTeam]);
  const aiStep = Object.entries(config.workflow.steps).find(([, candidate]) => candidate.type === "ai_answer")?.[0] ?? config.workflow.start;
  const why = event.reason ? ` (Zendesk: ${event.reason})` : "";
  return {
    state: {
      ...state,
      phase: "ai",
      awaitingAnswerTo: null,
      tags: change.tags,
      workflow: { ...state.workflow, at: aiStep, leaving: null },
    },
    effects: [
      sendMessage(aiMessage(textsFor(state.locale, config.workflow.texts).backWithAi, config)),
      ...change.effects,
      {
        type: "zendesk.ticket.update",
        comment: { body: `The team handed the conversation back to the AI agent${why}: it answers the customer's next questions.`, public: false, author: "ai" },
        assignee: "ai_agent",
      },
    ],
  };
}

const SUBJECT_LENGTH = 80;

function subjectOf(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  const short = line.length > SUBJECT_LENGTH ? `${line.slice(0, SUBJECT_LENGTH - 1).trimEnd()}…` : line;
  return `Messenger: ${short}`;
}

// Comments and notes below are for the Zendesk agents, so they stay in English whatever the customer speaks.

function withOptions(text: string, options: { label: string }[]): string {
  if (options.length === 0) return text;
  return `${text}\n\n${options.map((option) => `- ${option.label}`).join("\n")}`;
}

function smallTalkNote(held: string[], reply: string): string {
  return [
    "The customer wrote after the ticket was solved:",
    held.map(quote).join("\n\n"),
    "The AI agent replied (small talk, so the ticket stays solved):",
    quote(reply),
  ].join("\n\n");
}
