import * as z from "zod";
import type { ConversationState, Effect, EngineEvent, LeaveReason } from "../engine";
import type { Workflow } from "../workflow";

const Value = z.union([z.string(), z.number(), z.boolean()]);
const LeaveReasonSchema = z.enum(["no_answer", "asked_for_person", "account_specific", "no_reply", "follow_up_limit", "workflow"]);
const Field = z.object({ name: z.string(), value: Value });

/**
 * What the AI agent and the workflow decided in one step of a conversation, as the owner reads it
 * in the console's transcript. Stored as JSON beside the messages, so this schema is a boundary:
 * a row that no longer parses is left out of the transcript rather than breaking it.
 */
export const Decision = z.discriminatedUnion("kind", [
  /** The AI agent answered from the help center. */
  z.object({ kind: z.literal("answered"), confidence: z.number().nullable(), citations: z.array(z.object({ title: z.string(), url: z.string() })) }),
  /** The AI agent asked which article the customer meant. */
  z.object({ kind: z.literal("clarified"), confidence: z.number().nullable(), options: z.array(z.string()) }),
  /** A greeting, thanks or goodbye: answered without touching the ticket. */
  z.object({ kind: z.literal("small_talk") }),
  /** The customer pressed "That helped" under an answer: the resolution is confirmed. */
  z.object({ kind: z.literal("confirmed") }),
  /** The conversation left the AI step and the workflow goes on (to collect data, ask, then hand off). */
  z.object({ kind: z.literal("left_ai"), reason: LeaveReasonSchema }),
  /** The team took over: why, how (ticket or live chat), and the note the team reads. */
  z.object({
    kind: z.literal("handed_off"),
    reason: LeaveReasonSchema,
    mode: z.enum(["ticket", "live"]),
    note: z.string().nullable(),
  }),
  /** A live hand-off that could not open a live chat (why): the team got the conversation as a ticket instead. */
  z.object({ kind: z.literal("live_unavailable"), reason: z.string() }),
  /** An internal note on the ticket (a workflow note step, or what the customer wrote on a solved ticket). */
  z.object({ kind: z.literal("note"), body: z.string() }),
  /** The AI summary step; `body` is the built-in summary (an LLM, when configured, may write its own). */
  z.object({ kind: z.literal("summary"), body: z.string() }),
  /** The classify step: ticket fields set by the rules, and those an LLM may still decide. */
  z.object({ kind: z.literal("classified"), fields: z.array(Field), by_llm: z.array(z.string()) }),
  /** Collected data copied into ticket fields at the hand-off. */
  z.object({ kind: z.literal("ticket_fields"), fields: z.array(Field) }),
  /** What the customer gave a data-collection step. */
  z.object({ kind: z.literal("collected"), values: z.record(z.string(), Value) }),
  /** A tag step of the workflow. */
  z.object({ kind: z.literal("tagged"), add: z.array(z.string()), remove: z.array(z.string()) }),
  /** The team gave the conversation back to the AI agent. */
  z.object({ kind: z.literal("returned_to_ai"), reason: z.string().nullable() }),
]);
export type Decision = z.infer<typeof Decision>;

export interface StepRecord {
  event: EngineEvent;
  before: ConversationState;
  after: ConversationState;
  effects: readonly Effect[];
  workflow: Workflow;
}

/**
 * The decisions one engine step made, read from what it was given and what it returned: the engine
 * stays a pure reducer that knows nothing of the console, and nothing here changes what happens.
 */
export function decisionsOf({ event, before, after, effects, workflow }: StepRecord): Decision[] {
  const decisions: Decision[] = [];
  const fieldName = (id: number) => workflow.ticket_fields.find((field) => field.id === id)?.name ?? `field ${id}`;
  const handedOff = before.phase !== "team" && after.phase === "team" && event.type !== "agent.replied";

  if (event.type === "ai.replied" && before.phase === "ai" && before.awaitingAnswerTo === event.questionMessageId) {
    const { reply } = event;
    if (reply.kind === "answer" && !handedOff && after.phase === "resolved") {
      decisions.push({ kind: "answered", confidence: reply.confidence ?? null, citations: reply.citations });
    } else if (reply.kind === "clarify" && !handedOff && after.clarification !== null) {
      decisions.push({ kind: "clarified", confidence: reply.confidence ?? null, options: reply.options.map((option) => option.label) });
    } else if (reply.kind === "smalltalk") {
      decisions.push({ kind: "small_talk" });
    }
  }
  if (event.type === "customer.message" && event.action === "resolved" && before.phase === "resolved" && !handedOff) decisions.push({ kind: "confirmed" });
  const reason = leaveReason(event, before, after);
  if (!handedOff && before.workflow.leaving === null && after.workflow.leaving !== null) decisions.push({ kind: "left_ai", reason: after.workflow.leaving });

  for (const effect of effects) {
    switch (effect.type) {
      case "contact.update":
        decisions.push({ kind: "collected", values: effect.attributes });
        break;
      case "zendesk.ai_summary":
        decisions.push({ kind: "summary", body: effect.builtIn });
        break;
      case "zendesk.classify":
        decisions.push({
          kind: "classified",
          fields: effect.builtIn.map(({ id, value }) => ({ name: fieldName(id), value })),
          by_llm: effect.fields.map((field) => field.name),
        });
        break;
      case "zendesk.tags":
        // Only the workflow's own tag steps: Parley's resolution tags show in the conversation's tag list.
        {
          const own = new Set(Object.values(workflow.steps).flatMap((step) => (step.type === "tag" ? [...step.add, ...step.remove] : [])));
          const add = effect.add.filter((tag) => own.has(tag));
          const remove = effect.remove.filter((tag) => own.has(tag));
          if (add.length > 0 || remove.length > 0) decisions.push({ kind: "tagged", add, remove });
        }
        break;
      case "zendesk.ticket.update": {
        const isHandoff = effect.assignee === "nobody";
        if (effect.comment && !effect.comment.public && !isHandoff && effect.assignee !== "ai_agent") decisions.push({ kind: "note", body: effect.comment.body });
        if (isHandoff && handedOff) {
          decisions.push({ kind: "handed_off", reason, mode: after.workflow.handoffMode ?? "ticket", note: effect.comment?.body ?? null });
        }
        if (effect.customFields && effect.customFields.length > 0) {
          decisions.push({ kind: "ticket_fields", fields: effect.customFields.map(({ id, value }) => ({ name: fieldName(id), value })) });
        }
        break;
      }
      default:
        break;
    }
  }
  if (event.type === "handoff.released" && before.phase === "team" && after.phase !== "team") decisions.push({ kind: "returned_to_ai", reason: event.reason });
  return decisions;
}

/**
 * Why the conversation left the AI agent in this step. The engine keeps the reason while the
 * workflow runs towards its hand-off, and clears it on handing off, so it is read from the
 * state before the step, else from the event that made the AI step give up.
 */
function leaveReason(event: EngineEvent, before: ConversationState, after: ConversationState): LeaveReason {
  if (after.workflow.leaving !== null) return after.workflow.leaving;
  if (before.workflow.leaving !== null) return before.workflow.leaving;
  switch (event.type) {
    case "ai.replied":
      // An answer or clarifying question that still handed off: the AI step's follow-up limit.
      return event.reply.kind === "handoff" ? event.reply.reason : "follow_up_limit";
    case "timer.fired":
      return "no_reply";
    case "customer.message":
      // "Talk to a person" pressed; any other message led down the workflow's own path.
      return event.action === "handoff" ? "asked_for_person" : "workflow";
    default:
      return "workflow";
  }
}
