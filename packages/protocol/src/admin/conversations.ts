import * as z from "zod/mini";
import { Citation, ConversationStatus, Message } from "../conversations";
import { TrackedEvent } from "../events";

/** One conversation in the console's list, with its customer and the Zendesk ticket it is mirrored to. */
export const ConversationOverview = z.object({
  id: z.string(),
  status: ConversationStatus,
  contact: z.object({ id: z.string(), name: z.nullable(z.string()), email: z.nullable(z.string()), user_id: z.nullable(z.string()), verified: z.boolean() }),
  tags: z.array(z.string()),
  ticket_id: z.nullable(z.number()),
  /** Where the ticket opens in Zendesk's agent workspace; null without a ticket or without Zendesk. */
  ticket_url: z.nullable(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  message_count: z.number(),
});
export type ConversationOverview = z.infer<typeof ConversationOverview>;

/** GET /admin/api/conversations?status=…&tag=…: most recently active first. */
export const ConversationOverviewsResponse = z.object({ conversations: z.array(ConversationOverview) });
export type ConversationOverviewsResponse = z.infer<typeof ConversationOverviewsResponse>;

/** Why a conversation left the AI agent. */
export const LeaveReason = z.enum(["no_answer", "asked_for_person", "account_specific", "no_reply", "follow_up_limit", "workflow"]);
export type LeaveReason = z.infer<typeof LeaveReason>;

/** A value of a Zendesk ticket field or of collected data. */
const FieldValue = z.union([z.string(), z.number(), z.boolean()]);
const SetField = z.object({ name: z.string(), value: FieldValue });

/**
 * What the AI agent and the workflow decided in one step of a conversation, as the owner reads it
 * in the console's transcript. The server stores it as JSON beside the messages and reads it back
 * with this schema: a row that no longer parses is left out of the transcript rather than breaking it.
 */
export const Decision = z.discriminatedUnion("kind", [
  /** The AI agent answered from the help center. */
  z.object({ kind: z.literal("answered"), confidence: z.nullable(z.number()), citations: z.array(Citation) }),
  /** The AI agent asked which article the customer meant. */
  z.object({ kind: z.literal("clarified"), confidence: z.nullable(z.number()), options: z.array(z.string()) }),
  /** A greeting, thanks or goodbye: answered without touching the ticket. */
  z.object({ kind: z.literal("small_talk") }),
  /** The customer pressed "That helped" under an answer: the resolution is confirmed. */
  z.object({ kind: z.literal("confirmed") }),
  /** The conversation left the AI step and the workflow goes on (to collect data, ask, then hand off). */
  z.object({ kind: z.literal("left_ai"), reason: LeaveReason }),
  /** The team took over: why, how (ticket or live chat), and the note the team reads. */
  z.object({ kind: z.literal("handed_off"), reason: LeaveReason, mode: z.enum(["ticket", "live"]), note: z.nullable(z.string()) }),
  /** A live hand-off that could not open a live chat (why): the team got the conversation as a ticket instead. */
  z.object({ kind: z.literal("live_unavailable"), reason: z.string() }),
  /** An internal note on the ticket (a workflow note step, or what the customer wrote on a solved ticket). */
  z.object({ kind: z.literal("note"), body: z.string() }),
  /** The AI summary step; `body` is the built-in summary (an LLM, when configured, may write its own). */
  z.object({ kind: z.literal("summary"), body: z.string() }),
  /** The classify step: ticket fields set by the rules, and those an LLM may still decide. */
  z.object({ kind: z.literal("classified"), fields: z.array(SetField), by_llm: z.array(z.string()) }),
  /** Collected data copied into ticket fields at the hand-off. */
  z.object({ kind: z.literal("ticket_fields"), fields: z.array(SetField) }),
  /** What the customer gave a data-collection step. */
  z.object({ kind: z.literal("collected"), values: z.record(z.string(), FieldValue) }),
  /** A tag step of the workflow. */
  z.object({ kind: z.literal("tagged"), add: z.array(z.string()), remove: z.array(z.string()) }),
  /** The team gave the conversation back to the AI agent. */
  z.object({ kind: z.literal("returned_to_ai"), reason: z.nullable(z.string()) }),
]);
export type Decision = z.infer<typeof Decision>;

/** A decision in the transcript, under the message it followed (null: before the first). */
export const StepDecision = z.object({ id: z.number(), after_message_id: z.nullable(z.string()), created_at: z.string(), decision: Decision });
export type StepDecision = z.infer<typeof StepDecision>;

/** How often the customer's pages tracked one event (Intercom('trackEvent')), first and last time. */
export const EventSummary = z.object({ event_name: z.string(), count: z.number(), first_at: z.string(), last_at: z.string() });
export type EventSummary = z.infer<typeof EventSummary>;

/** What the customer's pages tracked: a summary by name (latest first) and the latest events. */
export const CustomerEvents = z.object({ summary: z.array(EventSummary), recent: z.array(TrackedEvent) });
export type CustomerEvents = z.infer<typeof CustomerEvents>;

/** GET /admin/api/conversations/{id}: the whole transcript, what was decided along it, and what the customer did. */
export const Transcript = z.object({
  conversation: ConversationOverview,
  messages: z.array(Message),
  decisions: z.array(StepDecision),
  customer_events: CustomerEvents,
});
export type Transcript = z.infer<typeof Transcript>;
