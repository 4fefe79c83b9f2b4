import { launcherStrings as en } from "../i18n/launcher";
import type { PanelProps } from "./types";
import { ChatIcon, ChevronDownIcon } from "./icons";

export interface LauncherProps extends PanelProps {
  /** The pointer is on its way: start loading the panel. */
  onIntent(): void;
}

/** The round button in the corner: opens and closes the Messenger, shows unread replies. */
export function Launcher({ state, actions, onIntent }: LauncherProps) {
  const open = state.panel.isOpen.value;
  const unread = open ? 0 : state.panel.unreadCount.value;
  return (
    <button
      type="button"
      class="parley-launcher"
      aria-label={open ? en.closeMessenger : en.openMessenger}
      aria-expanded={open}
      aria-describedby={unread > 0 ? "parley-unread" : undefined}
      onClick={actions.toggle}
      onPointerEnter={onIntent}
      onFocus={onIntent}
    >
      <span class="parley-launcher__icon parley-launcher__icon--chat">
        <ChatIcon />
      </span>
      <span class="parley-launcher__icon parley-launcher__icon--close">
        <ChevronDownIcon />
      </span>
      {unread > 0 ? (
        <>
          <span class="parley-badge" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
          <span id="parley-unread" class="parley-visually-hidden">
            {en.unreadMessages(unread)}
          </span>
        </>
      ) : null}
    </button>
  );
}
