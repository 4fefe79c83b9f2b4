import * as z from "zod";
import type { ExternalEffect } from "../conversations/service";

/** Work kept in the outbox: the engine's external effects, plus importing agent replies from Zendesk. */
export type OutboxTask =
  | ExternalEffect
  | { type: "zendesk.import_replies"; ticketId: number }
  | HandoffTask
  | { type: "zendesk.live.message"; messageId: string; text: string };

/**
 * The workflow's hand-off step, performed in Zendesk: `live` passes the conversation to the agent
 * workspace (Conversations API), `ticket` leaves the team a note on the ticket. The step fills the
 * summary and the collected data; a `situation` hand-off is resolved to one of the two before.
 */
export interface HandoffTask {
  type: "zendesk.handoff";
  mode: "ticket" | "live";
  summary: string | null;
  collectedData: Record<string, string>;
}

const FieldValue = z.union([z.string(), z.number(), z.boolean()]);
const Comment = z.object({ body: z.string(), public: z.boolean(), author: z.enum(["customer", "ai"]) });

// The outbox is a boundary too: rows written by an older version are checked before they run.
const Task = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("ai.answer"),
    questionMessageId: z.string(),
    question: z.string(),
    // Rows queued before follow-ups had context carry no history.
    history: z.array(z.string()).default([]),
    chosenArticleId: z.string().optional(),
    offered: z.array(z.object({ articleId: z.string(), label: z.string() })).optional(),
    locale: z.string().optional(),
  }),
  z.object({
    type: z.literal("zendesk.ticket.create"),
    subject: z.string(),
    comment: Comment,
    tags: z.array(z.string()),
    assignee: z.literal("ai_agent").optional(),
  }),
  z.object({
    type: z.literal("zendesk.ticket.update"),
    comment: Comment.optional(),
    status: z.enum(["new", "open", "pending", "hold", "solved"]).optional(),
    assignee: z.enum(["ai_agent", "nobody"]).optional(),
    customFields: z.array(z.object({ id: z.number().int(), value: z.union([z.string(), z.number(), z.boolean()]) })).optional(),
  }),
  z.object({ type: z.literal("zendesk.tags"), add: z.array(z.string()), remove: z.array(z.string()) }),
  z.object({ type: z.literal("zendesk.ai_summary"), builtIn: z.string(), collected: z.string().default("") }),
  z.object({
    type: z.literal("zendesk.classify"),
    fields: z.array(
      z.object({ id: z.number().int(), name: z.string(), description: z.string().optional(), values: z.array(FieldValue) }),
    ),
    builtIn: z.array(z.object({ id: z.number().int(), value: FieldValue })),
    collected: z.string().default(""),
  }),
  z.object({ type: z.literal("zendesk.user.update"), userFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }),
  z.object({ type: z.literal("zendesk.import_replies"), ticketId: z.number().int() }),
  z.object({
    type: z.literal("zendesk.handoff"),
    mode: z.enum(["ticket", "live"]),
    summary: z.string().nullable().default(null),
    collectedData: z.record(z.string(), z.string()).default({}),
  }),
  z.object({ type: z.literal("zendesk.live.message"), messageId: z.string(), text: z.string() }),
]) satisfies z.ZodType<OutboxTask>;

export function parseTask(value: unknown): OutboxTask {
  return Task.parse(value);
}
