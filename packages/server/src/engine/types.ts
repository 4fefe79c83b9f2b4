import type { Citation, ReplyAction, ReplyButton, TagNames } from "@parley/protocol";

/**
 * Where a conversation stands:
 * - `new`: no customer message yet.
 * - `ai`: the AI agent is looking after it (a question may be waiting for its answer).
 * - `resolved`: the AI answered; the customer may still confirm, follow up or ask for a person.
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
  /** The customer's latest question, for the hand-off note. */
  lastQuestion: string | null;
}

/** What the AI agent concluded about a question (the agent module produces it). */
export type AiReply =
  | { kind: "answer"; text: string; citations: Citation[] }
  | { kind: "handoff"; reason: "no_answer" | "asked_for_person" };

export type EngineEvent =
  | { type: "customer.message"; messageId: string; text: string; action?: ReplyAction | undefined }
  | { type: "ai.replied"; questionMessageId: string; reply: AiReply }
  | { type: "agent.replied"; text: string; authorName: string; externalRef: string };

/** A message for the customer, stored with the new state in the same transaction. */
export interface OutgoingMessage {
  author: { type: "ai" | "agent" | "system"; name: string | null };
  text: string;
  citations: Citation[];
  buttons: ReplyButton[];
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
  | { type: "ai.answer"; questionMessageId: string; question: string }
  | { type: "zendesk.ticket.create"; subject: string; comment: TicketComment; tags: string[] }
  | { type: "zendesk.ticket.update"; comment?: TicketComment; status?: ZendeskTicketStatus }
  | { type: "zendesk.tags"; add: string[]; remove: string[] };

export interface EngineTexts {
  thatHelped: string;
  talkToPerson: string;
  gladItHelped: string;
  handoffNoAnswer: string;
  handoffAsked: string;
  aiAuthorName: string;
}

export interface EngineConfig {
  tags: TagNames;
  texts: EngineTexts;
}

export interface StepResult {
  state: ConversationState;
  effects: Effect[];
}
