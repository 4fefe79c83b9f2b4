import { createModel, signal, type ReadonlySignal } from "@preact/signals-core";
import type { ReplyAction } from "@parley/protocol";

/** A customer message shown at once, before the server has it. */
export interface PendingMessage {
  /** The id every attempt is sent with, so a retried send is stored once. */
  clientId: string;
  text: string;
  /** The reply button pressed, if it was one… */
  action?: ReplyAction;
  /** …and the article it picks (a clarifying question's option). */
  article_id?: string;
  /** "sending" is retried until it lands; "failed" waits for the customer to press Retry. */
  status: "sending" | "failed";
  /**
   * Who typed it (`eventOwner`): it is only ever sent under that user. Missing only while the
   * session chunk loads (`startConversation` before it): the session's first owner takes it.
   */
  owner?: string;
}

/** Customer messages on their way to the server, oldest first. */
export const OutboxModel = createModel(() => {
  const pending = signal<readonly PendingMessage[]>([]);

  function setStatus(clientId: string, status: PendingMessage["status"]) {
    pending.value = pending.value.map((message) =>
      message.clientId === clientId ? { ...message, status } : message,
    );
  }

  return {
    pending: pending as ReadonlySignal<readonly PendingMessage[]>,
    enqueue(message: Omit<PendingMessage, "status">) {
      pending.value = [...pending.value, { ...message, status: "sending" }];
    },
    /** The oldest message still to send. */
    next(): PendingMessage | undefined {
      return pending.value.find((message) => message.status === "sending");
    },
    markFailed(clientId: string) {
      setStatus(clientId, "failed");
    },
    /** Retry: the same message, with the same client id, goes back in line. */
    markSending(clientId: string) {
      setStatus(clientId, "sending");
    },
    /** The server has the message: it now shows from the conversation. */
    settle(clientId: string) {
      if (pending.value.some((message) => message.clientId === clientId)) {
        pending.value = pending.value.filter((message) => message.clientId !== clientId);
      }
    },
  };
});
export type OutboxModel = InstanceType<typeof OutboxModel>;
