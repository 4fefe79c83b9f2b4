import type { Citation } from "@parley/protocol";
import { type ConditionContext, holds, isOpen, renderTemplate, type Step, type StepOf } from "../workflow";
import { aiMessage, quote, reopen, sendMessage, tagChange, withSources } from "./effects";
import { textsFor } from "./texts";
import type { ClassifiedField, ConversationState, Effect, EngineConfig, LeaveReason, OutgoingMessage, StepResult } from "./types";

/** More steps than this in one go means a loop the validator should have caught: hand off rather than spin. */
const MAX_STEPS_AT_ONCE = 64;

/** The step a conversation is waiting at; a conversation stored before workflows waits at the start. */
export function stepAt(state: ConversationState, config: EngineConfig): { id: string; step: Step } | null {
  const id = state.workflow.at ?? config.workflow.start;
  const step = config.workflow.steps[id];
  return step ? { id, step } : null;
}

/** The AI step the conversation is in, if it is in one. */
export function currentAiStep(state: ConversationState, config: EngineConfig): StepOf<"ai_answer"> | null {
  const at = stepAt(state, config);
  return at?.step.type === "ai_answer" ? at.step : null;
}

/**
 * The AI agent cannot or may not help any further (no answer, the customer asked for a person, a
 * clarifying question went unanswered, the follow-up limit): the workflow goes on along the AI
 * step's path to the team. Messages held on a solved ticket go on it first; then the articles
 * the AI agent suggests (it was not sure enough to answer from them), in the Messenger and on the ticket.
 */
export function leaveAiStep(
  state: ConversationState,
  reason: LeaveReason,
  now: Date,
  config: EngineConfig,
  options: { timerDone?: boolean; suggestions?: readonly Citation[] } = {},
): StepResult {
  const cancel: Effect[] = state.clarification && !options.timerDone ? [{ type: "timer.cancel", kind: "clarify" }] : [];
  const reopened = reopen(state, config);
  const leaving: ConversationState = {
    ...reopened.state,
    awaitingAnswerTo: null,
    clarification: null,
    workflow: { ...reopened.state.workflow, leaving: reason },
  };
  // An AI step with nothing after it ends its path: the missing step makes `runFrom` hand off as a
  // ticket, so a customer who asks for a person still reaches one.
  const aiStep = currentAiStep(state, config);
  const next = aiStep ? (aiStep.then ?? "") : firstHandoff(config);
  const run = runFrom(next, leaving, null, now, config);
  return { state: run.state, effects: [...cancel, ...reopened.effects, ...suggesting(options.suggestions ?? [], state, config), ...run.effects] };
}

/** The articles that may help while the team looks: a message in the customer's language, and the same on the ticket. */
function suggesting(suggestions: readonly Citation[], state: ConversationState, config: EngineConfig): Effect[] {
  if (suggestions.length === 0) return [];
  const text = textsFor(state.locale, config.workflow.texts).mayHelp;
  return [
    sendMessage({ ...aiMessage(text, config), citations: [...suggestions] }),
    { type: "zendesk.ticket.update", comment: { body: withSources(text, suggestions), public: true, author: "ai" } },
  ];
}

/**
 * Runs the workflow from a step until it must wait for the customer (an AI answer, buttons, a
 * form, a reply) or hands off. `question`, when given, is the AI question to ask on reaching an
 * AI step (the customer's first message).
 */
export function runFrom(from: string, start: ConversationState, question: Effect | null, now: Date, config: EngineConfig): StepResult {
  const { workflow } = config;
  const effects: Effect[] = [];
  let state = start;
  let id = from;
  const waitAt = (extra: Partial<ConversationState> = {}): StepResult => ({
    state: { ...state, phase: "ai", awaitingAnswerTo: null, ...extra, workflow: { ...state.workflow, at: id } },
    effects,
  });

  for (let count = 0; count < MAX_STEPS_AT_ONCE; count++) {
    const step = workflow.steps[id];
    if (!step) break;
    switch (step.type) {
      case "ai_answer":
        if (question) {
          effects.push(question);
          return { state: { ...state, phase: "ai", workflow: { ...state.workflow, at: id, leaving: null } }, effects };
        }
        return waitAt({ workflow: { ...state.workflow, leaving: null } });
      case "message":
        effects.push(sendMessage(aiMessage(step.text, config)));
        id = step.then;
        continue;
      case "buttons":
        effects.push(
          sendMessage({ ...aiMessage(step.text, config), buttons: step.buttons.map((button) => ({ label: button.label, action: "choose_option" as const })) }),
        );
        return waitAt();
      case "collect_data":
        effects.push(sendMessage({ ...aiMessage(step.text, config), form: formOf(step, config) }));
        return waitAt();
      case "collect_reply":
        effects.push(sendMessage(aiMessage(step.text, config)));
        return waitAt();
      case "branch":
        id = step.branches.find((branch) => holds(branch.when, contextOf(state, now, config)))?.then ?? step.otherwise;
        continue;
      case "note":
        effects.push(privateNote(renderTemplate(step.template, contextOf(state, now, config))));
        id = step.then;
        continue;
      case "ai_summary":
        effects.push({ type: "zendesk.ai_summary", builtIn: summaryNote(state, config), collected: collectedLines(state, config) });
        id = step.then;
        continue;
      case "classify": {
        const builtIn = classify(step, state, now, config);
        const fields = classifiedFields(step, config);
        if (builtIn.length > 0 || fields.length > 0) effects.push({ type: "zendesk.classify", fields, builtIn, collected: collectedLines(state, config) });
        id = step.then;
        continue;
      }
      case "tag": {
        const change = tagChange(state.tags, step.add, step.remove);
        state = { ...state, tags: change.tags };
        effects.push(...change.effects);
        id = step.then;
        continue;
      }
      case "handoff": {
        const result = handOff({ ...state, workflow: { ...state.workflow, at: id } }, step, now, config);
        return { state: result.state, effects: [...effects, ...result.effects] };
      }
    }
  }
  // A missing step or an endless loop: the team takes over, so no customer is ever stranded.
  const result = handOff({ ...state, workflow: { ...state.workflow, at: id } }, { type: "handoff", mode: "ticket" }, now, config);
  return { state: result.state, effects: [...effects, ...result.effects] };
}

/**
 * The end of every path but "That helped": the AI agent unassigns itself, the resolution tags
 * come off and `fin-routed-to-team` goes on, an internal note tells the team why (with what was
 * collected), and the ticket is opened. The mode (ticket or live; `situation` by office hours) is
 * decided here and recorded; carrying a live chat over is the transport's job.
 */
function handOff(state: ConversationState, step: StepOf<"handoff">, now: Date, config: EngineConfig): StepResult {
  const { tags, workflow } = config;
  const texts = textsFor(state.locale, config.workflow.texts);
  const reason = state.workflow.leaving ?? "workflow";
  const mode = step.mode === "situation" ? (workflow.office_hours && isOpen(workflow.office_hours, now) ? "live" : "ticket") : step.mode;
  const reopened = reopen(state, config);
  const change = tagChange(reopened.state.tags, [tags.routedToTeam], [tags.aiResolved, tags.softResolution, tags.hardResolution]);
  const fields = collectedFields(state, config);
  const said: Record<LeaveReason, string> = {
    no_answer: texts.handoffNoAnswer,
    asked_for_person: texts.handoffAsked,
    account_specific: texts.handoffAccountSpecific,
    no_reply: texts.handoffNoReply,
    follow_up_limit: texts.handoffWorkflow,
    workflow: texts.handoffWorkflow,
  };
  return {
    state: {
      ...reopened.state,
      phase: "team",
      awaitingAnswerTo: null,
      clarification: null,
      tags: change.tags,
      workflow: { ...reopened.state.workflow, leaving: null, handoffMode: mode },
    },
    effects: [
      ...reopened.effects,
      sendMessage(aiMessage(step.text ?? said[reason], config)),
      ...userFieldsOf(state, config),
      ...change.effects,
      {
        type: "zendesk.ticket.update",
        comment: { body: handoffNote(reason, state, mode, config, step.mode === "situation"), public: false, author: "ai" },
        status: "open",
        assignee: "nobody",
        ...(fields.length > 0 && { customFields: fields }),
      },
    ],
  };
}

/** Collected attributes that the workflow copies into the requester's Zendesk user fields. */
function userFieldsOf(state: ConversationState, config: EngineConfig): Effect[] {
  const userFields: Record<string, string | number | boolean> = {};
  for (const attribute of config.workflow.attributes) {
    const value = state.workflow.collected[attribute.name];
    if (attribute.user_field !== undefined && value !== undefined) userFields[attribute.user_field] = value;
  }
  return Object.keys(userFields).length > 0 ? [{ type: "zendesk.user.update", userFields }] : [];
}

/** Collected attributes that the workflow copies into Zendesk ticket fields. */
function collectedFields(state: ConversationState, config: EngineConfig): { id: number; value: string | number | boolean }[] {
  const idOf = new Map(config.workflow.ticket_fields.map((field) => [field.name, field.id]));
  return config.workflow.attributes.flatMap((attribute) => {
    const id = attribute.ticket_field === undefined ? undefined : idOf.get(attribute.ticket_field);
    const value = state.workflow.collected[attribute.name];
    return id === undefined || value === undefined ? [] : [{ id, value }];
  });
}

function firstHandoff(config: EngineConfig): string {
  return Object.entries(config.workflow.steps).find(([, step]) => step.type === "handoff")?.[0] ?? "";
}

function privateNote(body: string): Effect {
  return { type: "zendesk.ticket.update", comment: { body, public: false, author: "ai" } };
}

function contextOf(state: ConversationState, now: Date, config: EngineConfig): ConditionContext {
  return {
    collected: state.workflow.collected,
    contact: state.workflow.contact,
    pageUrl: state.workflow.pageUrl,
    language: state.locale,
    channel: "messenger",
    lastMessage: state.lastQuestion,
    now,
    officeHours: config.workflow.office_hours,
  };
}

function formOf(step: StepOf<"collect_data">, config: EngineConfig): NonNullable<OutgoingMessage["form"]> {
  return {
    fields: step.fields.map((field) => {
      const attribute = config.workflow.attributes.find((candidate) => candidate.name === field.attribute);
      return {
        name: field.attribute,
        label: field.label,
        type: attribute?.type ?? "text",
        required: field.required,
        ...(attribute?.options && { options: attribute.options }),
      };
    }),
    submit_label: step.submit_label,
  };
}

/**
 * The built-in classifier: deterministic rules over what the conversation knows. For each ticket
 * field the first rule that holds sets it; collected attributes with a ticket field go along.
 */
export function classify(step: StepOf<"classify">, state: ConversationState, now: Date, config: EngineConfig): { id: number; value: string | number | boolean }[] {
  const context = contextOf(state, now, config);
  const idOf = new Map(config.workflow.ticket_fields.map((field) => [field.name, field.id]));
  const chosen = new Map<number, string | number | boolean>();
  for (const rule of step.rules) {
    const id = idOf.get(rule.field);
    if (id === undefined || chosen.has(id) || !holds(rule.when, context)) continue;
    chosen.set(id, rule.value);
  }
  for (const attribute of config.workflow.attributes) {
    const id = attribute.ticket_field === undefined ? undefined : idOf.get(attribute.ticket_field);
    const value = state.workflow.collected[attribute.name];
    if (id !== undefined && value !== undefined && !chosen.has(id)) chosen.set(id, value);
  }
  return [...chosen].map(([id, value]) => ({ id, value }));
}

/**
 * The fields a classify step lets an LLM decide, each with the values it may take: the ticket
 * field's options, else the values its rules give. Fields filled from collected data are facts and
 * are not offered.
 */
export function classifiedFields(step: StepOf<"classify">, config: EngineConfig): ClassifiedField[] {
  const names = [...new Set([...step.rules.map((rule) => rule.field), ...step.fields])];
  return names.flatMap((name) => {
    const field = config.workflow.ticket_fields.find((candidate) => candidate.name === name);
    if (!field) return [];
    const values = field.options ?? [...new Set(step.rules.filter((rule) => rule.field === name).map((rule) => rule.value))];
    return values.length === 0 ? [] : [{ id: field.id, name, ...(field.description && { description: field.description }), values }];
  });
}

// Notes below are for the Zendesk agents, so they stay in English whatever the customer speaks.

const LEAVE_WHY: Record<LeaveReason, string> = {
  no_answer: "The AI agent found no answer in the help center and handed the conversation to the team.",
  asked_for_person: "The customer asked for a person; the AI agent handed the conversation to the team.",
  account_specific:
    "Only someone with access to the customer's account, order or billing can settle this; the AI agent handed the conversation to the team.",
  no_reply: "The customer did not answer the AI agent's clarifying question in time; the AI agent handed the conversation to the team.",
  follow_up_limit: "The customer asked more follow-up questions than the workflow lets the AI agent answer; it handed the conversation to the team.",
  workflow: "The workflow handed the conversation to the team.",
};

export function handoffNote(reason: LeaveReason, state: ConversationState, mode: "ticket" | "live", config: EngineConfig, byOfficeHours = false): string {
  const parts = [LEAVE_WHY[reason]];
  if (state.lastQuestion) parts.push(`Last question from the customer:\n${quote(state.lastQuestion)}`);
  const collected = collectedLines(state, config);
  if (collected) parts.push(`Collected data:\n${collected}`);
  if (byOfficeHours) parts.push(mode === "live" ? "Hand-off mode: live chat (within office hours)." : "Hand-off mode: ticket (outside office hours).");
  else if (mode === "live") parts.push("Hand-off mode: live chat.");
  return parts.join("\n\n");
}

/**
 * The built-in AI summary: what the customer asked, how the AI agent got on, and what was
 * collected. Deterministic, from the conversation's own record.
 */
export function summaryNote(state: ConversationState, config: EngineConfig): string {
  const questions = [...state.earlierQuestions, ...(state.lastQuestion ? [state.lastQuestion] : [])];
  const lines = ["AI summary of the conversation:"];
  if (questions.length === 0) lines.push("- The customer has not asked a question.");
  else if (questions.length === 1) lines.push(`- The customer asked: "${questions[0]}"`);
  else lines.push(`- The customer asked, in order: ${questions.map((question) => `"${question}"`).join("; ")}`);
  const answers = state.workflow.answers;
  const from = state.workflow.cited.length > 0 ? `, citing ${state.workflow.cited.map((title) => `"${title}"`).join(", ")}` : "";
  lines.push(answers === 0 ? "- The AI agent gave no answer." : `- The AI agent answered ${answers === 1 ? "once" : `${answers} times`} from the help center${from}.`);
  if (state.workflow.leaving) lines.push(`- ${LEAVE_WHY[state.workflow.leaving]}`);
  const collected = collectedLines(state, config);
  if (collected) lines.push("- Collected:", collected.replace(/^/gm, "  "));
  return lines.join("\n");
}

/** "Order number: 4417" lines, named by the labels the customer saw. */
export function collectedLines(state: ConversationState, config: EngineConfig): string {
  const labels = new Map<string, string>();
  for (const step of Object.values(config.workflow.steps)) {
    if (step.type === "collect_data") for (const field of step.fields) labels.set(field.attribute, field.label);
  }
  return Object.entries(state.workflow.collected)
    .map(([name, value]) => `- ${labels.get(name) ?? name}: ${String(value)}`)
    .join("\n");
}
