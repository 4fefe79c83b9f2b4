import { computed, createModel, signal, type ReadonlySignal } from "@preact/signals-core";
import type { Conversation, Message } from "@parley/protocol";

/** The protocol's order: `created_at`, then `id`. */
function byCreation(a: Message, b: Message): number {
  return Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The current conversation and its messages, keyed by message id: whatever route a message
 * takes (send response, history, stream), it is shown once.
 */
export const ConversationModel = createModel(() => {
  const conversation = signal<Conversation | null>(null);
  const messages = signal<ReadonlyMap<string, Message>>(new Map());

  /** Keeps the newest snapshot of the current conversation: routes race, versions decide. */
  function adopt(next: Conversation) {
    const current = conversation.value;
    if (current?.id === next.id && current.version > next.version) return;
    conversation.value = next;
  }

  function upsert(incoming: readonly Message[]): number {
    const next = new Map(messages.value);
    let added = 0;
    for (const message of incoming) {
      if (!next.has(message.id)) added++;
      next.set(message.id, message);
    }
    messages.value = next;
    return added;
  }

  return {
    conversation: conversation as ReadonlySignal<Conversation | null>,
    /** Messages in the order they were written (arrival order breaks ties). */
    thread: computed(() => [...messages.value.values()].sort(byCreation)),
    /** Client ids the server has confirmed, to settle optimistic sends. */
    confirmedClientIds: computed(() => {
      const ids = new Set<string>();
      for (const message of messages.value.values()) {
        if (message.client_id) ids.add(message.client_id);
      }
      return ids as ReadonlySet<string>;
    }),
    /** Sets or refreshes the current conversation (status changes arrive this way); an older snapshot never wins. */
    setConversation(next: Conversation) {
      adopt(next);
    },
    /** Adds or replaces one message; true when it was not shown before. */
    receive(message: Message): boolean {
      return upsert([message]) === 1;
    },
    /** Merges loaded history by id. */
    load(loaded: Conversation, history: readonly Message[]) {
      adopt(loaded);
      upsert(history);
    },
    /** Forgets the conversation (a different person is now using the page). */
    reset() {
      conversation.value = null;
      messages.value = new Map();
    },
  };
});
export type ConversationModel = InstanceType<typeof ConversationModel>;
