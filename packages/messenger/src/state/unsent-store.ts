import type { ReplyAction } from "@parley/protocol";
import type { OutboxModel, PendingMessage } from "./outbox";
import { keepStored } from "./stored-list";

type Unsent = Omit<PendingMessage, "status">;

function readUnsent(value: unknown[]): Unsent[] {
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
 * the Messenger is back. Returns a stop function.
 */
export function keepUnsent(win: Window, appId: string, outbox: OutboxModel): () => void {
  return keepStored(
    win,
    `parley-${appId}-unsent`,
    () => outbox.pending.value.map(({ status: _status, ...message }) => message),
    (stored) => {
      const known = new Set(outbox.pending.peek().map((message) => message.clientId));
      for (const message of readUnsent(stored)) if (!known.has(message.clientId)) outbox.enqueue(message);
    },
  );
}
