import * as z from "zod/mini";
import { Conversation, Message } from "./conversations";

/**
 * What the server pushes on GET /v1/apps/{app_id}/stream (server-sent events). Each frame is
 * one SSE event: `event:` is the frame type, `id:` a cursor that only grows, `data:` this JSON.
 * Reconnecting with `Last-Event-ID` (or `?after=`) resumes after that cursor: no gap, no duplicate.
 * A plain union of the two (their `type` literals tell them apart): it parses as a discriminated
 * union would, and the Messenger's bundle goes without that code (0.49 KB gzip).
 */
export const StreamFrame = z.union([
  z.object({ type: z.literal("message"), message: Message }),
  z.object({ type: z.literal("conversation"), conversation: Conversation }),
]);
export type StreamFrame = z.infer<typeof StreamFrame>;

export const STREAM_FRAME_TYPES = ["message", "conversation"] as const satisfies readonly StreamFrame["type"][];

/**
 * A named event without `id` the server sends when the stream opens and then every
 * `STREAM_HEARTBEAT_SECONDS`, so a client can tell a quiet stream from a dead one (EventSource
 * does not surface comment lines). A client that hears nothing for `STREAM_SILENCE_SECONDS` reconnects.
 */
export const STREAM_HEARTBEAT_EVENT = "heartbeat";
export const STREAM_HEARTBEAT_SECONDS = 20;
export const STREAM_SILENCE_SECONDS = STREAM_HEARTBEAT_SECONDS * 2.5;
