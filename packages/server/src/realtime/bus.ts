import type { StoredFrame } from "../store/stream-events";

type Listener = (frame: StoredFrame) => void;

export interface OpenStream {
  end(reconnectMs: number): Promise<void>;
  catchUp(): void;
}

/**
 * Carries stored stream frames to the open streams of this process, by contact. Frames are
 * published only after their transaction committed, so a listener never sees a frame that a
 * catch-up query could not also see. With PostgreSQL, the frames other instances commit arrive
 * here too (see PostgresStreamRelay).
 */
export class StreamBus {
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #streams = new Set<OpenStream>();
  #closing = false;

  subscribe(contactId: string, listener: Listener): () => void {
    let set = this.#listeners.get(contactId);
    if (!set) this.#listeners.set(contactId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(contactId);
    };
  }

  /** Open streams register how to end themselves (shutdown) and to catch up from the database (frames may have been missed). */
  register(stream: OpenStream): () => void {
    this.#streams.add(stream);
    return () => this.#streams.delete(stream);
  }

  /** Every open stream reads what it may have missed from the database. */
  catchUpAll(): void {
    for (const stream of this.#streams) stream.catchUp();
  }

  /** True once the server is shutting down: new streams are ended as soon as they open. */
  get closing(): boolean {
    return this.#closing;
  }

  /** Ends every open stream, asking each browser to reconnect after `reconnectMs()` milliseconds. */
  async closeStreams(reconnectMs: () => number): Promise<void> {
    this.#closing = true;
    await Promise.allSettled([...this.#streams].map((stream) => stream.end(reconnectMs())));
  }

  /** How many streams are open in this process. */
  get openStreams(): number {
    return this.#streams.size;
  }

  /** Whether a stream of this contact is open in this process. */
  hasListeners(contactId: string): boolean {
    return this.#listeners.has(contactId);
  }

  publish(frames: readonly StoredFrame[]): void {
    for (const frame of frames) {
      for (const listener of this.#listeners.get(frame.contactId) ?? []) listener(frame);
    }
  }
}
