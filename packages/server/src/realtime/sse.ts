import { STREAM_HEARTBEAT_EVENT, STREAM_HEARTBEAT_SECONDS } from "@parley/protocol";
import { ServerResponse } from "node:http";
import type { Context } from "hono";
import type { Db } from "../store/db";
import { framesAfter, latestCursor, type StoredFrame } from "../store/stream-events";
import type { StreamBus } from "./bus";
import { type EventSink, nodeSink, STREAM_HEADERS, sseEvent, webSink } from "./sink";

const PAGE = 500;
const RECONNECT_MS = 2000;
/** How long one write may wait for a browser that is not reading. */
const WRITE_DEADLINE_MS = 10_000;
/** Tells @hono/node-server that the handler wrote the response itself. */
const ALREADY_SENT = "x-hono-already-sent";

/**
 * Serves a contact's stream as server-sent events, resuming after `Last-Event-ID` (sent by
 * EventSource when it reconnects) or `?after=`, else from now. No gap and no duplicate: the
 * stream listens for live frames first, catches up from the database, then sends live frames
 * newer than the last one it sent, filling any gap in the numbering from the database.
 */
export interface StreamDeps {
  db: Db;
  bus: StreamBus;
  contactId: string;
  writeDeadlineMs?: number;
  /** Resolves with a reason when the stream must end (no longer allowed): it says why in a comment line and hangs up. */
  closeWhen?: Promise<string>;
  /** Called once the stream has ended, whoever ended it. */
  onEnd?: () => void;
}

export function openStream(c: Context, deps: StreamDeps): Response {
  const resumeFrom = cursorOf(c.req.header("last-event-id")) ?? cursorOf(c.req.query("after"));
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  if (outgoing instanceof ServerResponse) {
    // Node: write straight into the response and tell the adapter it is taken care of. The answer
    // Hono hands back still passes through the middleware (CORS, request id), whose headers the
    // first write sends; the stream starts once that is done.
    const answer = new Response(null, { headers: { [ALREADY_SENT]: "true" } });
    const sink = nodeSink(outgoing, () => {
      const headers = new Headers(c.res.headers);
      headers.delete(ALREADY_SENT);
      return headers;
    });
    setImmediate(() => void serve(sink, deps, resumeFrom));
    return answer;
  }
  const { sink, body } = webSink();
  void serve(sink, deps, resumeFrom);
  return c.body(body, 200, STREAM_HEADERS);
}

async function serve(sink: EventSink, deps: StreamDeps, resumeFrom: number | undefined): Promise<void> {
  const { db, bus, contactId } = deps;
  const writeDeadlineMs = deps.writeDeadlineMs ?? WRITE_DEADLINE_MS;
  let lastSent = resumeFrom ?? 0;
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
          sink.abort();
          resolve();
        }, writeDeadlineMs);
      }),
    ]).finally(() => clearTimeout(deadline));
  const queue = (work: () => Promise<unknown>) => {
    writing = writing.then(() => (sink.isClosed ? undefined : withDeadline(work))).then(() => undefined, () => undefined);
    return writing;
  };
  const write = (stored: StoredFrame) => {
    lastSent = stored.id;
    return sink.write(sseEvent({ id: String(stored.id), event: stored.frame.type, data: JSON.stringify(stored.frame) }));
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
  const heartbeat = () => sink.write(sseEvent({ event: STREAM_HEARTBEAT_EVENT, data: "{}" }));

  // Listen before catching up, so nothing committed in between is missed. Until the starting
  // point is known, live frames wait in the write queue behind it.
  let started!: () => void;
  writing = new Promise<void>((resolve) => (started = resolve));
  const unsubscribe = bus.subscribe(contactId, (stored) => void deliver(stored));
  const beat = setInterval(() => void queue(heartbeat), STREAM_HEARTBEAT_SECONDS * 1000);
  let end: () => void = () => {};
  const ended = new Promise<void>((resolve) => (end = resolve));
  const unregister = bus.register({
    catchUp: () => void queue(catchUp),
    // On shutdown: tell the browser when to come back (EventSource honours `retry:`), then hang up.
    end: async (reconnectMs) => {
      void queue(() => sink.write(`retry: ${reconnectMs}\n\n`));
      // A browser that stopped reading must not hold the shutdown up.
      await Promise.race([writing, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      end();
    },
  });
  if (bus.closing) end();
  // No longer allowed: an SSE comment (ignored by EventSource) says why, then the stream ends; the
  // Messenger reconnects and is then refused with the reason (401 or 403).
  void deps.closeWhen?.then(async (reason) => {
    await queue(() => sink.write(`: closed: ${reason.replace(/[\r\n]/g, " ")}\n\n`));
    end();
  });

  try {
    try {
      if (resumeFrom === undefined) lastSent = await latestCursor(db, contactId);
    } finally {
      started();
    }
    await queue(() => sink.write(sseEvent({ event: STREAM_HEARTBEAT_EVENT, data: "{}", retry: RECONNECT_MS })));
    await queue(catchUp);
    await Promise.race([ended, sink.closed]);
  } catch {
    // The database failed before the stream started: the browser reconnects and resumes.
  } finally {
    clearInterval(beat);
    unsubscribe();
    unregister();
    sink.end();
    deps.onEnd?.();
  }
}

function cursorOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}
