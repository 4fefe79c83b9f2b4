import * as z from "zod";
import type { TimerKind } from "../engine";
import { type OutboxHandler, PermanentError } from "../outbox/worker";
import type { Conversations } from "./service";

const Kind: z.ZodType<TimerKind> = z.enum(["clarify"]);
// What the timers table gives the lane; checked, as a row written by another version may differ.
const DueTimerJob = z.object({ kind: Kind, since: z.string(), dueAt: z.string() });

/**
 * The outbox worker's timer lane: a due timer, claimed from the timers table, goes to the engine
 * as a `timer.fired` event, and `step` decides what it means. Marking it fired happens in the
 * transaction that applies it, so it fires once however many processes race for it, and a
 * customer's reply that cancelled it first wins.
 */
export function timerLaneHandler(conversations: Conversations): OutboxHandler {
  return async (row) => {
    const parsed = DueTimerJob.safeParse(row.effect);
    if (!parsed.success) throw new PermanentError(`timer ${row.id} cannot be fired by this version: ${parsed.error.message}`);
    await conversations.fireTimer({ id: row.id, conversationId: row.conversationId, ...parsed.data });
  };
}
