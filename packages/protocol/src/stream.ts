import * as z from "zod/mini";
import { Conversation, Message } from "./conversations";

/**
 * What the server pushes on GET /v1/apps/{app_id}/stream (server-sent events). Each frame is
 * one SSE event: `event:` is the frame type, `id:` a cursor that only grows, `data:` this JSON.
 * Reconnecting with `Last-Event-ID` (or `?after=`) resumes after that cursor: no gap, no duplicate.
 */
export const StreamFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message"), message: Message }),
  z.object({ type: z.literal("conversation"), conversation: Conversation }),
]);
export type StreamFrame = z.infer<typeof StreamFrame>;

export const STREAM_FRAME_TYPES = ["message", "conversation"] as const satisfies readonly StreamFrame["type"][];

/** Seconds between heartbeat comments; a client that hears nothing for 2.5× this reconnects. */
export const STREAM_HEARTBEAT_SECONDS = 20;
