import type { StoredFrame } from "../store/stream-events";

type Listener = (frame: StoredFrame) => void;

/**
 * Carries stored stream frames to the open streams of this process, by contact. Frames are
 * published only after their transaction committed, so a listener never sees a frame that a
 * catch-up query could not also see. (With PostgreSQL, LISTEN/NOTIFY will feed this across instances.)
 */
export class StreamBus {
  readonly #listeners = new Map<string, Set<Listener>>();

  subscribe(contactId: string, listener: Listener): () => void {
    let set = this.#listeners.get(contactId);
    if (!set) this.#listeners.set(contactId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(contactId);
    };
  }

  /** Whether the contact has a Messenger open on this process (an open stream). */
  hasListeners(contactId: string): boolean {
    return (this.#listeners.get(contactId)?.size ?? 0) > 0;
  }

  publish(frames: readonly StoredFrame[]): void {
    for (const frame of frames) {
      for (const listener of this.#listeners.get(frame.contactId) ?? []) listener(frame);
    }
  }
}
