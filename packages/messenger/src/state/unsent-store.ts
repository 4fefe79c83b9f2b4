import { signal } from "@preact/signals-core";
import type { ReplyAction } from "@parley/protocol";
import type { OutboxModel, PendingMessage } from "./outbox";
import { keepStored } from "./stored-list";

type Unsent = Omit<PendingMessage, "status">;

function readUnsent(value: unknown[]): Unsent[] {
  return value.flatMap((item: unknown) => {
    const { clientId, text, action, article_id: articleId, owner } = (item ?? {}) as Record<string, unknown>;
    // No owner: written by a version that did not record whose a message was. Sending it under
    // whoever is signed in now could put one customer's words in another's conversation, so it
    // is dropped, as a stored event without an owner is.
    if (typeof clientId !== "string" || typeof text !== "string" || typeof owner !== "string") return [];
    return [{
      clientId,
      text,
      owner,
      ...(typeof action === "string" ? { action: action as ReplyAction } : {}),
      ...(typeof articleId === "string" ? { article_id: articleId } : {}),
    }];
  });
}

/** The customer's unsent messages, kept across reloads (see `keepUnsent`). */
export interface UnsentMessages {
  /**
   * The Messenger is `owner`'s now: their waiting messages join the outbox (shown, then sent),
   * anyone else's leave it and wait.
   */
  claim(owner: string): void;
  /** Stops writing to storage (the session ended). */
  stop(): void;
}

/**
 * Keeps the customer's unsent messages in localStorage (`parley-{app_id}-unsent`), so a message
 * typed offline survives a reload and is sent, once (its client id is kept) and in order, when
 * the Messenger is back. Each is tagged with the user who typed it (`eventOwner`), as waiting
 * events are: a page where another user is signed in (a reload that boots someone else without
 * `shutdown`) neither shows nor sends it, and leaves it waiting for its user's next visit, which
 * is what that customer expects of a message they wrote (`shutdown` forgets it with the rest).
 */
export function keepUnsent(win: Window, appId: string, outbox: OutboxModel): UnsentMessages {
  /** Other users' messages, or this page's user's before `claim`. */
  const waiting = signal<readonly Unsent[]>([]);
  const stop = keepStored(
    win,
    `parley-${appId}-unsent`,
    () => [...waiting.value, ...outbox.pending.value.map(({ status: _status, ...message }) => message)],
    (stored) => {
      waiting.value = readUnsent(stored);
    },
  );
  return {
    claim(owner) {
      const mine = waiting.peek().filter((message) => message.owner === owner);
      const others = waiting.peek().filter((message) => message.owner !== owner);
      for (const { status: _status, ...message } of outbox.pending.peek()) {
        if (message.owner === owner) continue;
        outbox.settle(message.clientId);
        // Untagged: queued before the session loaded (at boot, the only time there are any), so the booting user's.
        if (message.owner) others.push(message);
        else mine.push({ ...message, owner });
      }
      waiting.value = others;
      for (const message of mine) outbox.enqueue(message);
    },
    stop,
  };
}
