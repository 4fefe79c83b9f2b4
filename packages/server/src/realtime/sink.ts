import type { ServerResponse } from "node:http";

/**
 * Where an open stream's text goes. Kept this small so a held stream costs little: on Node the
 * text goes straight into the HTTP response (no web streams, about half of what a stream held
 * with them), elsewhere (tests through `app.request`, other runtimes) into a web ReadableStream.
 */
export interface EventSink {
  /** Resolves once the text is taken; waits while the browser is not reading it (backpressure). */
  write(text: string): Promise<void>;
  /** Ends the response cleanly (shutdown). */
  end(): void;
  /** Hangs up now (a browser that stopped reading). */
  abort(): void;
  /** Resolves when the stream is over, whichever side ended it. */
  readonly closed: Promise<void>;
  readonly isClosed: boolean;
}

/** Headers every stream answers with, on top of the ones middleware set (CORS, request id). */
export const STREAM_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

/**
 * Writes into Node's response. The status line and headers go out with the first write, taken
 * from `headers()` then, so headers middleware adds after the handler returned are included.
 */
export function nodeSink(outgoing: ServerResponse, headers: () => Headers): EventSink {
  let isClosed = outgoing.destroyed;
  const closed = new Promise<void>((resolve) => {
    if (isClosed) return resolve();
    outgoing.once("close", () => {
      isClosed = true;
      resolve();
    });
  });
  const head = () => {
    if (outgoing.headersSent) return;
    const record: Record<string, string> = {};
    for (const [name, value] of headers()) record[name] = value;
    outgoing.writeHead(200, { ...record, ...STREAM_HEADERS });
  };
  return {
    closed,
    get isClosed() {
      return isClosed;
    },
    write(text) {
      if (isClosed) return Promise.resolve();
      head();
      if (outgoing.write(text)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          outgoing.off("drain", done);
          outgoing.off("close", done);
          resolve();
        };
        outgoing.on("drain", done);
        outgoing.on("close", done);
      });
    },
    end() {
      if (isClosed) return;
      head();
      outgoing.end();
    },
    abort() {
      outgoing.destroy();
    },
  };
}

/** Holds about this much unread text before a write waits for the reader. */
const WEB_HIGH_WATER_BYTES = 16 * 1024;

/** A web ReadableStream of the text, for runtimes (and tests) without Node's response. */
export function webSink(): { sink: EventSink; body: ReadableStream<Uint8Array> } {
  const encoder = new TextEncoder();
  let isClosed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let wake: (() => void) | undefined;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const close = () => {
    isClosed = true;
    wake?.();
    markClosed();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start: (own) => void (controller = own),
      pull: () => wake?.(),
      cancel: close,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: WEB_HIGH_WATER_BYTES }),
  );
  const sink: EventSink = {
    closed,
    get isClosed() {
      return isClosed;
    },
    async write(text) {
      if (isClosed) return;
      controller.enqueue(encoder.encode(text));
      while (!isClosed && (controller.desiredSize ?? 0) <= 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    },
    end() {
      if (isClosed) return;
      controller.close();
      close();
    },
    abort() {
      if (isClosed) return;
      controller.error(new Error("the stream was dropped: its reader stopped reading"));
      close();
    },
  };
  return { sink, body };
}

/** One server-sent event as text. `data` must be one line (JSON is). */
export function sseEvent(event: { event?: string; data: string; id?: string; retry?: number }): string {
  return `${event.event ? `event: ${event.event}\n` : ""}data: ${event.data}\n${event.id !== undefined ? `id: ${event.id}\n` : ""}${event.retry !== undefined ? `retry: ${event.retry}\n` : ""}\n`;
}
