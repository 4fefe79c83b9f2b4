import { effect } from "@preact/signals";
import type { ReplyAction } from "@parley/protocol";
import type { OutboxModel, PendingMessage } from "./outbox";

type Unsent = Omit<PendingMessage, "status">;

function readUnsent(value: unknown): Unsent[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const { clientId, text, action, article_id: articleId } = (item ?? {}) as Record<string, unknown>;
    if (typeof clientId !== "string" || typeof text !== "string") return [];
    return [{
      clientId,
      text,
      ...(typeof action === "string" ? { action: action as ReplyAction } : {}),
      ...(typeof articleId === "string" ? { article_id: articleId } : {}),
    }];
  });
}

/**
 * Keeps the customer's unsent messages in localStorage (`parley-{app_id}-unsent`), so a message
 * typed offline survives a reload and is sent, once (its client id is kept) and in order, when
 * the Messenger is back. `shutdown` removes the key with the visitor's others. Returns a stop
 * function; storage that is blocked or full only means messages are kept in memory.
 */
export function keepUnsent(win: Window, appId: string, outbox: OutboxModel): () => void {
  const key = `parley-${appId}-unsent`;
  let storage: Storage | null = null;
  try {
    storage = win.localStorage;
    const stored = readUnsent(JSON.parse(storage.getItem(key) ?? "[]"));
    const known = new Set(outbox.pending.peek().map((message) => message.clientId));
    for (const message of stored) if (!known.has(message.clientId)) outbox.enqueue(message);
  } catch {
    // Unreadable or blocked: start from what is in memory.
  }
  return effect(() => {
    const unsent = outbox.pending.value.map(({ status: _status, ...message }) => message);
    try {
      if (unsent.length === 0) storage?.removeItem(key);
      else storage?.setItem(key, JSON.stringify(unsent));
    } catch {
      // Full or blocked storage: the messages stay in memory.
    }
  });
}
