import type {
  ConversationState,
  Effect,
  EngineConfig,
  EngineEvent,
  OutgoingMessage,
  StepResult,
  TicketComment,
} from "./types";

/**
 * The conversation engine: a pure reducer. Given where a conversation stands and what just happened,
 * it returns where the conversation stands now and what must be done about it. No I/O happens here:
 * the caller stores the new state together with the effects, then performs them in order.
 *
 * Tag changes come before the ticket update they belong to: Zendesk triggers fire on the status
 * change and route on the tags, so the tags must already be there.
 */
export function step(state: ConversationState, event: EngineEvent, _now: Date, config: EngineConfig): StepResult {
  switch (event.type) {
    case "customer.message":
      return onCustomerMessage(state, event, config);
    case "ai.replied":
      return onAiReplied(state, event, config);
    case "agent.replied":
      return onAgentReplied(state, event);
  }
}

function onCustomerMessage(
  state: ConversationState,
  event: Extract<EngineEvent, { type: "customer.message" }>,
  config: EngineConfig,
): StepResult {
  const { tags, texts } = config;

  if (event.action === "handoff" && state.ticketRequested && state.phase !== "team") {
    return handOff(state, "asked_for_person", config);
  }
  if (event.action === "resolved" && state.phase === "resolved") {
    // Deliberately not mirrored as a comment: a requester's comment would reopen the solved ticket.
    const change = tagChange(state.tags, [tags.hardResolution], [tags.softResolution]);
    return {
      state: { ...state, tags: change.tags },
      effects: [sendMessage(aiMessage(texts.gladItHelped, config)), ...change.effects],
    };
  }

  // Anything else, including a button pressed after it stopped applying, counts as what it says.
  const comment: TicketComment = { body: event.text, public: true, author: "customer" };
  const askAi: Effect = { type: "ai.answer", questionMessageId: event.messageId, question: event.text };
  const asked = { awaitingAnswerTo: event.messageId, lastQuestion: event.text };

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
  if (state.phase === "resolved") {
    // A follow-up question: the ticket is no longer resolved, and the AI agent tries again.
    const change = tagChange(state.tags, [], [tags.aiResolved, tags.softResolution, tags.hardResolution]);
    return {
      state: { ...state, ...asked, phase: "ai", tags: change.tags },
      effects: [...change.effects, { type: "zendesk.ticket.update", comment, status: "open" }, askAi],
    };
  }
  return { state: { ...state, ...asked, phase: "ai" }, effects: [{ type: "zendesk.ticket.update", comment }, askAi] };
}

function onAiReplied(
  state: ConversationState,
  event: Extract<EngineEvent, { type: "ai.replied" }>,
  config: EngineConfig,
): StepResult {
  // The customer asked something newer, was handed off, or an agent stepped in: this answer is stale.
  if (state.phase !== "ai" || state.awaitingAnswerTo !== event.questionMessageId) {
    return { state, effects: [] };
  }
  const { reply } = event;
  if (reply.kind === "handoff") {
    return handOff(state, reply.reason, config);
  }
  const { tags, texts } = config;
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
    state: { ...state, phase: "resolved", awaitingAnswerTo: null, tags: change.tags },
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

function onAgentReplied(state: ConversationState, event: Extract<EngineEvent, { type: "agent.replied" }>): StepResult {
  // A person has taken over: from now on the AI agent stays quiet in this conversation.
  return {
    state: { ...state, phase: "team", awaitingAnswerTo: null },
    effects: [
      sendMessage({
        author: { type: "agent", name: event.authorName },
        text: event.text,
        citations: [],
        buttons: [],
        externalRef: event.externalRef,
      }),
    ],
  };
}

function handOff(
  state: ConversationState,
  reason: "no_answer" | "asked_for_person",
  config: EngineConfig,
): StepResult {
  const { tags, texts } = config;
  const change = tagChange(
    state.tags,
    [tags.routedToTeam],
    [tags.aiResolved, tags.softResolution, tags.hardResolution],
  );
  return {
    state: { ...state, phase: "team", awaitingAnswerTo: null, tags: change.tags },
    effects: [
      sendMessage(aiMessage(reason === "no_answer" ? texts.handoffNoAnswer : texts.handoffAsked, config)),
      ...change.effects,
      { type: "zendesk.ticket.update", comment: { body: handoffNote(reason, state.lastQuestion), public: false, author: "ai" }, status: "open" },
    ],
  };
}

function sendMessage(message: OutgoingMessage): Effect {
  return { type: "message.send", message };
}

function aiMessage(text: string, config: EngineConfig): OutgoingMessage {
  return { author: { type: "ai", name: config.texts.aiAuthorName }, text, citations: [], buttons: [] };
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

function withSources(text: string, citations: { title: string; url: string }[]): string {
  if (citations.length === 0) return text;
  return `${text}\n\nSources:\n${citations.map((c) => `- ${c.title}: ${c.url}`).join("\n")}`;
}

function handoffNote(reason: "no_answer" | "asked_for_person", lastQuestion: string | null): string {
  const why =
    reason === "no_answer"
      ? "The AI agent found no answer in the help center and handed the conversation to the team."
      : "The customer asked for a person; the AI agent handed the conversation to the team.";
  return lastQuestion ? `${why}\n\nLast question from the customer:\n> ${lastQuestion}` : why;
}
