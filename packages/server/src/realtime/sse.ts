import { STREAM_HEARTBEAT_EVENT, STREAM_HEARTBEAT_SECONDS } from "@parley/protocol";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Db } from "../store/db";
import { framesAfter, latestCursor, type StoredFrame } from "../store/stream-events";
import type { StreamBus } from "./bus";

const PAGE = 500;
const RECONNECT_MS = 2000;

/**
 * Serves a contact's stream as server-sent events, resuming after `Last-Event-ID` (sent by
 * EventSource when it reconnects) or `?after=`, else from now. No gap and no duplicate: the
 * stream listens for live frames first, catches up from the database, then sends live frames
 * newer than the last one it sent.
 */
export function openStream(c: Context, deps: { db: Db; bus: StreamBus; contactId: string }): Response {
  const { db, bus, contactId } = deps;
  c.header("Cache-Control", "no-cache, no-transform");
  c.header("X-Accel-Buffering", "no");
  const resumeFrom = cursorOf(c.req.header("last-event-id")) ?? cursorOf(c.req.query("after"));

  return streamSSE(c, async (stream) => {
    let lastSent = resumeFrom ?? (await latestCursor(db, contactId));
    let catchingUp = true;
    const early: StoredFrame[] = [];
    // One write at a time, in order: live frames can arrive while the catch-up is still writing.
    let writing = Promise.resolve();
    const send = (stored: StoredFrame) => {
      writing = writing.then(async () => {
        if (stored.id <= lastSent || stream.aborted) return;
        lastSent = stored.id;
        await stream.writeSSE({ id: String(stored.id), event: stored.frame.type, data: JSON.stringify(stored.frame) });
      });
      return writing;
    };

    const unsubscribe = bus.subscribe(contactId, (stored) => {
      if (catchingUp) early.push(stored);
      else void send(stored);
    });
    const heartbeat = setInterval(() => {
      writing = writing.then(() => (stream.aborted ? undefined : stream.writeSSE({ event: STREAM_HEARTBEAT_EVENT, data: "{}" })));
    }, STREAM_HEARTBEAT_SECONDS * 1000);
    let end: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      end = resolve;
      stream.onAbort(resolve);
    });
    // On shutdown: tell the browser when to come back (EventSource honours `retry:`), then hang up.
    const unregister = bus.register(async (reconnectMs) => {
      writing = writing.then(async () => {
        if (!stream.aborted) await stream.write(`retry: ${reconnectMs}\n\n`);
      });
      // A browser that stopped reading must not hold the shutdown up.
      await Promise.race([writing.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      end();
    });
    if (bus.closing) end();

    try {
      await stream.writeSSE({ event: STREAM_HEARTBEAT_EVENT, data: "{}", retry: RECONNECT_MS });
      for (;;) {
        const page = await framesAfter(db, contactId, lastSent, PAGE);
        for (const stored of page) await send(stored);
        if (page.length < PAGE) break;
      }
      catchingUp = false;
      for (const stored of early.splice(0)) await send(stored);
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
