import { STREAM_HEARTBEAT_EVENT, STREAM_HEARTBEAT_SECONDS } from "@parley/protocol";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Db } from "../store/db";
import { framesAfter, latestCursor, type StoredFrame } from "../store/stream-events";
import type { StreamBus } from "./bus";

const PAGE = 500;
const RECONNECT_MS = 2000;
/** How long one write may wait for a browser that is not reading. */
const WRITE_DEADLINE_MS = 10_000;

/**
 * Serves a contact's stream as server-sent events, resuming after `Last-Event-ID` (sent by
 * EventSource when it reconnects) or `?after=`, else from now. No gap and no duplicate: the
 * stream listens for live frames first, catches up from the database, then sends live frames
 * newer than the last one it sent, filling any gap in the numbering from the database.
 */
export function openStream(c: Context, deps: { db: Db; bus: StreamBus; contactId: string; writeDeadlineMs?: number }): Response {
  const { db, bus, contactId } = deps;
  const writeDeadlineMs = deps.writeDeadlineMs ?? WRITE_DEADLINE_MS;
  c.header("Cache-Control", "no-cache, no-transform");
  c.header("X-Accel-Buffering", "no");
  const resumeFrom = cursorOf(c.req.header("last-event-id")) ?? cursorOf(c.req.query("after"));

  return streamSSE(c, async (stream) => {
    let lastSent = resumeFrom ?? (await latestCursor(db, contactId));
    // One write at a time, in order: live frames, catch-ups and heartbeats all queue here.
    let writing = Promise.resolve();
    // A browser that stops reading (asleep, on a dead network) must not make the server hold
    // frames for it: a write that cannot go out in time ends the stream, and the Messenger
    // reconnects later with Last-Event-ID and misses nothing.
    let deadline: NodeJS.Timeout | undefined;
    const withDeadline = (work: () => Promise<unknown>) =>
      Promise.race([
        work(),
        new Promise<void>((resolve) => {
          deadline = setTimeout(() => {
            stream.abort();
            resolve();
          }, writeDeadlineMs);
        }),
      ]).finally(() => clearTimeout(deadline));
    const queue = (work: () => Promise<unknown>) => {
      writing = writing.then(() => (stream.aborted ? undefined : withDeadline(work))).then(() => undefined, () => undefined);
      return writing;
    };
    const write = async (stored: StoredFrame) => {
      lastSent = stored.id;
      await stream.writeSSE({ id: String(stored.id), event: stored.frame.type, data: JSON.stringify(stored.frame) });
    };
    const catchUp = async () => {
      for (;;) {
        const page = await framesAfter(db, contactId, lastSent, PAGE);
        for (const stored of page) await write(stored);
        if (page.length < PAGE) return;
      }
    };
    // Frames are numbered 1, 2, 3… per contact in commit order: one that skips a number means
    // another is still on its way (from another instance, or a notification lost while
    // reconnecting), so the gap is read from the database first.
    const deliver = (stored: StoredFrame) =>
      queue(async () => {
        if (stored.id <= lastSent) return;
        if (stored.id > lastSent + 1) await catchUp();
        if (stored.id > lastSent) await write(stored);
      });

    // Listen before catching up, so nothing committed in between is missed.
    const unsubscribe = bus.subscribe(contactId, (stored) => void deliver(stored));
    const heartbeat = setInterval(() => {
      void queue(() => stream.writeSSE({ event: STREAM_HEARTBEAT_EVENT, data: "{}" }));
    }, STREAM_HEARTBEAT_SECONDS * 1000);
    let end: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      end = resolve;
      stream.onAbort(resolve);
    });
    const unregister = bus.register({
      catchUp: () => void queue(catchUp),
      // On shutdown: tell the browser when to come back (EventSource honours `retry:`), then hang up.
      end: async (reconnectMs) => {
        void queue(() => stream.write(`retry: ${reconnectMs}\n\n`));
        // A browser that stopped reading must not hold the shutdown up.
        await Promise.race([writing, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
        end();
      },
    });
    if (bus.closing) end();

    try {
      await queue(() => stream.writeSSE({ event: STREAM_HEARTBEAT_EVENT, data: "{}", retry: RECONNECT_MS }));
      await queue(catchUp);
      await closed;
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
      unregister();
    }
  });
}

function cursorOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}
