import { launcherStrings as en } from "../i18n/launcher";
import { ChatIcon, ChevronDownIcon } from "./icons";

export interface LauncherProps {
  open: boolean;
  /** Replies that arrived while the Messenger was closed. */
  unread: number;
  onToggle(): void;
  /** The pointer is on its way: start loading the panel. */
  onIntent(): void;
}

/** The round button in the corner: opens and closes the Messenger, shows unread replies. */
export function Launcher({ open, unread, onToggle, onIntent }: LauncherProps) {
  const count = open ? 0 : unread;
  return (
    <button
      type="button"
      class="parley-launcher"
      aria-label={open ? en.closeMessenger : en.openMessenger}
      aria-expanded={open}
      aria-describedby={count > 0 ? "parley-unread" : undefined}
      onClick={onToggle}
      onPointerEnter={onIntent}
      onFocus={onIntent}
    >
      <span class="parley-launcher__icon parley-launcher__icon--chat">
        <ChatIcon />
      </span>
      <span class="parley-launcher__icon parley-launcher__icon--close">
        <ChevronDownIcon />
      </span>
      {count > 0 ? (
        <>
          <span class="parley-badge" aria-hidden="true">
            {count > 99 ? "99+" : count}
          </span>
          <span id="parley-unread" class="parley-visually-hidden">
            {en.unreadMessages(count)}
          </span>
        </>
      ) : null}
    </button>
  );
}
