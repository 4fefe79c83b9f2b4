import { createModel, signal, type ReadonlySignal } from "@preact/signals";

/** Whether the Messenger is open, and how many replies arrived while it was closed. */
export const PanelModel = createModel(() => {
  const isOpen = signal(false);
  const unreadCount = signal(0);

  return {
    isOpen: isOpen as ReadonlySignal<boolean>,
    unreadCount: unreadCount as ReadonlySignal<number>,
    /** Opens the Messenger; everything in it counts as read. */
    show() {
      isOpen.value = true;
      unreadCount.value = 0;
    },
    hide() {
      isOpen.value = false;
    },
    toggle() {
      if (isOpen.value) isOpen.value = false;
      else {
        isOpen.value = true;
        unreadCount.value = 0;
      }
    },
    /** A reply arrived: it is unread unless the Messenger is open. */
    countUnread() {
      if (!isOpen.value) unreadCount.value += 1;
    },
  };
});
export type PanelModel = InstanceType<typeof PanelModel>;
