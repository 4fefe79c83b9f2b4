import { createModel, signal, type ReadonlySignal } from "@preact/signals-core";

/**
 * The Messenger's screens: Home (greeting, "Send us a message", the latest conversation, help
 * search), the messages space (every conversation of this user), one conversation, and the help
 * space (search, or one article).
 */
export type PanelView = "home" | "messages" | "conversation" | "help";

/** Whether the Messenger is open, what it shows, and how many replies arrived while it was closed. */
export const PanelModel = createModel(() => {
  const isOpen = signal(false);
  const unreadCount = signal(0);
  const view = signal<PanelView>("home");
  /** The screen before this one: a conversation opened from the messages list goes back to it. */
  const previous = signal<PanelView>("home");
  /** Text `showNewMessage` puts in the composer (the customer still sends it). */
  const draft = signal("");
  /** The article the help space shows; null: its search. */
  const articleId = signal<string | null>(null);

  function open() {
    // A reply that came while closed is what the customer opens for.
    if (unreadCount.value > 0) view.value = "conversation";
    isOpen.value = true;
    unreadCount.value = 0;
  }

  return {
    isOpen: isOpen as ReadonlySignal<boolean>,
    unreadCount: unreadCount as ReadonlySignal<number>,
    view: view as ReadonlySignal<PanelView>,
    previous: previous as ReadonlySignal<PanelView>,
    draft: draft as ReadonlySignal<string>,
    articleId: articleId as ReadonlySignal<string | null>,
    /** Opens the Messenger where the customer left it; everything in it counts as read. */
    show: open,
    hide() {
      isOpen.value = false;
    },
    toggle() {
      if (isOpen.value) isOpen.value = false;
      else open();
    },
    /** Moves to a screen (opening the Messenger if needed); the help space starts at its search. */
    navigate(next: PanelView, article: string | null = null) {
      open();
      if (next !== view.value) previous.value = view.value;
      view.value = next;
      articleId.value = article;
    },
    /** Sets (or, with "", clears) the composer's pre-filled text. */
    setDraft(text: string) {
      draft.value = text;
    },
    /** A reply arrived: it is unread unless the Messenger is open. */
    countUnread() {
      if (!isOpen.value) unreadCount.value += 1;
    },
  };
});
export type PanelModel = InstanceType<typeof PanelModel>;
