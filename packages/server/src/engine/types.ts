import type { Citation, MessageForm, ReplyAction, ReplyButton, TagNames } from "@parley/protocol";
// The AI agent's contract names these; the engine speaks of the same things.
import type { ClarifyOption, HandoffReason } from "../agent/types";
import type { AttributeValue, ContactFacts, Workflow } from "../workflow";

export type { ClarifyOption, HandoffReason, MessageForm };

/**
 * Why the AI agent leaves a conversation to the team: its own reasons, or the workflow's (a
 * clarifying question left unanswered, the follow-up limit reached, a path the customer chose).
 */
export type LeaveReason = HandoffReason | "no_reply" | "follow_up_limit" | "workflow";

/** Where a conversation is in its workflow: the version it started on and what it has collected. */
export interface WorkflowProgress {
  /** The workflow version the conversation started on: it finishes on it, whatever is set live meanwhile. */
  version: number;
  /** The step waiting for the customer (an AI answer, buttons, a form, a reply); null before the first message. */
  at: string | null;
  /** What the workflow collected, by attribute name. */
  collected: Record<string, AttributeValue>;
  /** AI answers given in this conversation, for the AI step's follow-up limit. */
  answers: number;
  /** The titles of the articles the AI answered from, oldest first (for the summary note). */
  cited: string[];
  /** Why the conversation left the AI step, while the workflow runs towards its hand-off. */
  leaving: LeaveReason | null;
  /** The hand-off mode decided at the end of the path (`situation` resolved to live or ticket). */
  handoffMode: "ticket" | "live" | null;
  /** What the host page told us about the customer, as of their latest message: conditions read it. */
  contact: ContactFacts | null;
  /** The page the customer wrote their latest message on. */
  pageUrl: string | null;
}

/**
 * Where a conversation stands:
 * - `new`: no customer message yet.
 * - `ai`: the AI agent is looking after it (a question may be waiting for its answer, or a
 *   clarifying question for the customer's choice).
 * - `resolved`: the AI answered and the ticket is solved; the customer may still confirm, follow up
 *   or ask for a person.
 * - `team`: handed off; humans answer in Zendesk and the AI stays quiet.
 */
export type Phase = "new" | "ai" | "resolved" | "team";

export interface ConversationState {
  phase: Phase;
  /** Whether the Zendesk ticket mirroring this conversation has been asked for. */
  ticketRequested: boolean;
  /** The tags Parley has put on the ticket, so changes become minimal add/remove calls. */
  tags: string[];
  /** The customer message the AI agent is answering; answers to older questions are dropped. */
  awaitingAnswerTo: string | null;
  /** The customer's latest question, for the hand-off note and as the next question's history. */
  lastQuestion: string | null;
  /** The customer's questions before `lastQuestion`, oldest first (at most `HISTORY_LENGTH`): follow-ups need them. */
  earlierQuestions: string[];
  /** The clarifying question the customer has not answered yet, if any. */
  clarification: Clarification | null;
  /**
   * Customer messages that came after the ticket was solved and are not on it yet: they reopen it
   * only if the AI agent's reply is more than small talk.
   */
  held: string[];
  /** The language of the AI agent's latest reply: the engine's own texts follow it. */
  locale: string | null;
  workflow: WorkflowProgress;
}

/** A clarifying question the AI agent asked, waiting for the customer's choice. */
export interface Clarification {
  /** What the customer asked that needed clarifying: a chosen article answers this question. */
  question: string;
  options: ClarifyOption[];
  /** When it was asked (ISO 8601): the 3-minute "no reply, hand off" timer starts here. */
  since: string;
}

/** What the AI agent concluded about a question (the server maps the agent's AgentReply to it). */
export type AiReply =
  /** `confidence` (0 to 1, the AI agent's) is kept for the owner's transcript; the engine does not read it. */
  | { kind: "answer"; text: string; citations: Citation[]; locale: string; confidence?: number }
  /** `text` may be empty: the engine then leads in with its own "Which of these do you mean?". */
  | { kind: "clarify"; text: string; options: ClarifyOption[]; locale: string; confidence?: number }
  /** A greeting, thanks or goodbye: a short reply, never a hand-off or a ticket change. */
  | { kind: "smalltalk"; text: string; locale: string }
  /** `suggestions`: articles that may help while the team looks at the question (shown before the hand-off). */
  | { kind: "handoff"; reason: HandoffReason; suggestions?: Citation[]; locale: string };

export type EngineEvent =
  | {
      type: "customer.message";
      messageId: string;
      text: string;
      /** The reply button pressed, if the customer pressed one rather than typing. */
      action?: ReplyAction | undefined;
      /** With `choose_article`: the article the pressed button offered. */
      articleId?: string | undefined;
      /** A collect-data form's values by attribute, as typed (the service has checked them already). */
      form?: Record<string, string> | undefined;
      /** What the host page says about the customer now. */
      contact?: ContactFacts | undefined;
      /** The page the customer is on. */
      pageUrl?: string | undefined;
      /** The Messenger's language. */
      locale?: string | undefined;
    }
  | { type: "ai.replied"; questionMessageId: string; reply: AiReply }
  /** A durable timer came due; `since` says which clarifying question it was set for. */
  | { type: "timer.fired"; kind: TimerKind; since: string }
  | { type: "agent.replied"; text: string; authorName: string; externalRef: string }
  /**
   * The team gave the conversation back (Zendesk's agent workspace released control of the live
   * chat: ticket solved or closed). `reason` is Zendesk's, when it gives one (e.g. `ticketClosed`).
   */
  | { type: "handoff.released"; reason: string | null };

/** A message for the customer, stored with the new state in the same transaction. */
export interface OutgoingMessage {
  author: { type: "ai" | "agent" | "system"; name: string | null };
  text: string;
  citations: Citation[];
  buttons: ReplyButton[];
  /** A collect-data step's form, shown under the message. */
  form?: MessageForm;
  /** Identity of the message outside Parley (e.g. a Zendesk comment), so it is never stored twice. */
  externalRef?: string;
}

/** A comment on the Zendesk ticket: as the customer (the requester) or as Parley's API user. */
export interface TicketComment {
  body: string;
  public: boolean;
  author: "customer" | "ai";
}

export type ZendeskTicketStatus = "new" | "open" | "pending" | "hold" | "solved";

export type Effect =
  | { type: "message.send"; message: OutgoingMessage }
  | {
      type: "ai.answer";
      questionMessageId: string;
      /** The question to answer: what the customer wrote, or the question a chosen article answers. */
      question: string;
      /** The customer's questions before this one in the conversation, oldest first (at most `HISTORY_LENGTH`). */
      history: string[];
      /** The customer picked this article from a clarifying question: answer `question` from it. */
      chosenArticleId?: string;
      /** The customer typed instead of pressing a button: these are what the clarifying question offered. */
      offered?: ClarifyOption[];
      /** The Messenger's language: the reply's when the question does not say. */
      locale?: string;
    }
  /** `assignee: "ai_agent"`: the AI agent takes the ticket (its Zendesk user becomes the assignee). */
  | { type: "zendesk.ticket.create"; subject: string; comment: TicketComment; tags: string[]; assignee?: "ai_agent" }
  | {
      type: "zendesk.ticket.update";
      comment?: TicketComment;
      status?: ZendeskTicketStatus;
      /** `nobody`: the AI agent unassigns itself, so the team's routing picks the ticket up. */
      assignee?: "ai_agent" | "nobody";
      /** Zendesk custom ticket fields, by field id. */
      customFields?: { id: number; value: AttributeValue }[];
    }
  | { type: "zendesk.tags"; add: string[]; remove: string[] }
  /**
   * The AI summary, as an internal note. `builtIn` is the deterministic summary; with an LLM
   * configured the model writes it from the conversation instead, and `builtIn` stands whenever it
   * cannot. `collected` (what the workflow collected, one "- Label: value" line each) goes under
   * the model's summary as it is: facts the customer typed, not the model's words.
   */
  | { type: "zendesk.ai_summary"; builtIn: string; collected: string }
  /**
   * Zendesk custom ticket fields classified. `builtIn`: the rules' values (and collected data);
   * with an LLM configured, the model first picks each of `fields` among its `values`, reading the
   * conversation and `collected` (as for the summary).
   */
  | { type: "zendesk.classify"; fields: ClassifiedField[]; builtIn: { id: number; value: AttributeValue }[]; collected: string }
  /** Collected values for the requester's Zendesk user fields, by field key. */
  | { type: "zendesk.user.update"; userFields: Record<string, AttributeValue> }
  /** Collected data kept on the contact (stored with the state, in the same transaction). */
  | { type: "contact.update"; attributes: Record<string, AttributeValue> }
  /** A durable timer, stored with the state: it survives a restart and fires once, as a `timer.fired` event. */
  | { type: "timer.schedule"; kind: TimerKind; dueAt: string; since: string }
  | { type: "timer.cancel"; kind: TimerKind };

export type TimerKind = "clarify";

/** A ticket field a classify step lets the LLM decide, with the only values it may take. */
export interface ClassifiedField {
  id: number;
  name: string;
  description?: string;
  values: AttributeValue[];
}


/** What the engine itself says to customers, in one language (see `textsFor`). */
export interface CustomerTexts {
  thatHelped: string;
  talkToPerson: string;
  gladItHelped: string;
  handoffNoAnswer: string;
  handoffAsked: string;
  handoffAccountSpecific: string;
  /** Opens a clarifying question when the AI agent's reply has no text of its own. */
  clarifyLeadIn: string;
  /** Leads in the article the AI agent suggests when it hands off, not sure enough to answer from it. */
  mayHelp: string;
  /** A clarifying question went unanswered. */
  handoffNoReply: string;
  /** A workflow path (or the follow-up limit) led to the team. */
  handoffWorkflow: string;
  /** The team handed the conversation back: the AI agent answers again. */
  backWithAi: string;
}

export interface EngineConfig {
  tags: TagNames;
  /** The name the AI agent's messages carry. */
  aiAuthorName: string;
  /** The workflow version this conversation runs on (the caller looks it up by `state.workflow.version`). */
  workflow: Workflow;
  /** How long a clarifying question waits for the customer before the conversation goes to the team. */
  clarifyTimeoutSeconds: number;
}

export interface StepResult {
  state: ConversationState;
  effects: Effect[];
}
