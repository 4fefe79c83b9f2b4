import { STREAM_FRAME_TYPES, STREAM_HEARTBEAT_EVENT, STREAM_SILENCE_SECONDS, StreamFrame } from "@parley/protocol";

/** The part of `EventSource` the stream uses; tests pass a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export type StreamConnectionStatus = "connecting" | "open" | "closed";

/** `EventSource.CLOSED`: the browser gave up and will not reconnect by itself. */
const CLOSED = 2;

/** "Alive" means an `open`, a frame or a heartbeat event; a silent stream is re-opened from its cursor after this long. */
export const STREAM_SILENCE_MS = STREAM_SILENCE_SECONDS * 1000;

export interface StreamOptions {
  /** The URL to connect to from `after` (a cursor), or null while there is no session. */
  url(after: string | null): string | null;
  /** Where to start: the ping's `stream_cursor`. */
  after: string | null;
  onFrame(frame: StreamFrame): void;
  onStatus?(status: StreamConnectionStatus): void;
  /** The browser gave up on the stream (the server answered with an error). */
  onRefused?(): void;
  createEventSource?: EventSourceFactory;
  silenceMs?: number;
  /** Wait before reconnect attempt `attempt` (0-based), in ms. */
  reconnectDelayMs?(attempt: number): number;
}

export interface StreamConnection {
  /** The id of the last event seen (or the starting cursor). */
  readonly cursor: string | null;
  close(): void;
}

/** The widget's one backoff: a wait before retry `attempt` (0-based), doubling from 1 s up to 30 s, half of it random. */
export function backoffDelay(attempt: number): number {
  const ceiling = Math.min(30_000, 1_000 * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function defaultEventSource(url: string): EventSourceLike {
  return new EventSource(url);
}

/**
 * Keeps a server-sent event stream open: parses every frame with the protocol's
 * `StreamFrame` (junk is skipped), and reconnects from the last event id when the browser
 * gives up or the stream falls silent, so a widget never silently stops receiving.
 */
export function connectStream(options: StreamOptions): StreamConnection {
  const createEventSource = options.createEventSource ?? defaultEventSource;
  const silenceMs = options.silenceMs ?? STREAM_SILENCE_MS;
  const reconnectDelay = options.reconnectDelayMs ?? backoffDelay;

  let cursor = options.after;
  let source: EventSourceLike | null = null;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let closed = false;

  function setStatus(status: StreamConnectionStatus) {
    options.onStatus?.(status);
  }

  function drop() {
    clearTimeout(silenceTimer);
    const current = source;
    source = null;
    current?.close();
  }

  function scheduleReconnect() {
    if (closed) return;
    setStatus("connecting");
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(connect, reconnectDelay(attempt++));
  }

  function heardFrom(current: EventSourceLike) {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => {
      if (source !== current) return;
      drop();
      connect();
    }, silenceMs);
  }

  function deliver(event: Event) {
    const { data, lastEventId } = event as MessageEvent<unknown>;
    if (lastEventId) cursor = lastEventId;
    if (typeof data !== "string") return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = StreamFrame.safeParse(json);
    if (frame.success) options.onFrame(frame.data);
  }

  function connect() {
    if (closed) return;
    const url = options.url(cursor);
    if (url === null) {
      scheduleReconnect();
      return;
    }
    setStatus("connecting");
    let current: EventSourceLike;
    try {
      current = createEventSource(url);
    } catch {
      scheduleReconnect();
      return;
    }
    source = current;
    current.addEventListener("open", () => {
      if (source !== current) return;
      attempt = 0;
      heardFrom(current);
      setStatus("open");
    });
    current.addEventListener(STREAM_HEARTBEAT_EVENT, () => {
      if (source === current) heardFrom(current);
    });
    for (const type of STREAM_FRAME_TYPES) {
      current.addEventListener(type, (event) => {
        if (source !== current) return;
        heardFrom(current);
        deliver(event);
      });
    }
    current.addEventListener("error", () => {
      if (source !== current) return;
      if (current.readyState === CLOSED) {
        drop();
        scheduleReconnect();
        options.onRefused?.();
      } else {
        // The browser reconnects by itself, sending Last-Event-ID.
        setStatus("connecting");
      }
    });
    heardFrom(current);
  }

  connect();

  return {
    get cursor() {
      return cursor;
    },
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(reconnectTimer);
      drop();
      setStatus("closed");
    },
  };
}
