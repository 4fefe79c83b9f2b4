import type { Decision } from "@parley/protocol";
import type { ConversationState, Effect, EngineEvent, LeaveReason } from "../engine";
import type { Workflow } from "../workflow";

// What a decision is (its kinds and fields) is the admin API's, in @parley/protocol: the console reads it.

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
