import type { StreamFrame } from "@parley/protocol";
import type { EventSourceFactory, EventSourceLike } from "../transport/stream";

/** An EventSource the test drives: open it, push frames, make it fail. */
export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  private readonly listeners = new Map<string, Set<(event: Event) => void>>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: Event) => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  private dispatch(event: Event) {
    for (const listener of this.listeners.get(event.type) ?? []) listener(event);
  }

  open(): void {
    this.readyState = 1;
    this.dispatch(new Event("open"));
  }

  /** Sends one SSE event; `data` may be any string to test junk. */
  emitRaw(type: string, data: string, id = ""): void {
    this.dispatch(new MessageEvent(type, { data, lastEventId: id }));
  }

  emit(frame: StreamFrame, id: string): void {
    this.emitRaw(frame.type, JSON.stringify(frame), id);
  }

  /** An error; `permanent` as when the server answered with an HTTP error. */
  fail(permanent: boolean): void {
    this.readyState = permanent ? 2 : 0;
    this.dispatch(new Event("error"));
  }
}

/** A factory that records every EventSource it makes. */
export function fakeEventSources(): {
  create: EventSourceFactory;
  all: FakeEventSource[];
  latest(): FakeEventSource;
} {
  const all: FakeEventSource[] = [];
  return {
    all,
    create: (url) => {
      const source = new FakeEventSource(url);
      all.push(source);
      return source;
    },
    latest() {
      const source = all[all.length - 1];
      if (!source) throw new Error("no EventSource was opened");
      return source;
    },
  };
}
