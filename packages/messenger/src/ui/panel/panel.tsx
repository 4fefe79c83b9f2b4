import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { en } from "../../i18n/en";
import { AlertIcon, CloseIcon } from "./icons";
import type { PanelProps } from "../types";
import { Composer } from "./composer";
import { Thread } from "./thread";

import { formStyles } from "./form";
import { panelStyles as baseStyles } from "./styles";

export const panelStyles = baseStyles + formStyles;

/** After closing, focus goes back to the launcher, unless the host page has it elsewhere. */
function returnFocus(dialog: HTMLElement) {
  const root = dialog.getRootNode() as ShadowRoot | Document;
  const doc = dialog.ownerDocument;
  const active = doc.activeElement;
  const host = "host" in root ? root.host : null;
  if (active && active !== host && active !== doc.body) return;
  root.querySelector<HTMLElement>(".parley-launcher")?.focus();
}

/**
 * The Messenger (`role="dialog"`, named "Messenger"): header, conversation, hand-off note and
 * composer. Loaded as its own chunk; stays mounted while closed so a draft survives.
 */
export function Panel({ state, actions }: PanelProps) {
  const open = state.panel.isOpen.value;
  const status = state.connection.status.value;
  const session = state.connection.session.value;
  const ready = status === "ready";
  const current = state.conversation.conversation.value;
  const handedOff = current?.status === "team";
  // Once the AI agent is done with a conversation (answered, or handed to the team), the
  // customer can leave it for a fresh one; the old one still gets the team's replies.
  const canStartOver = ready && current !== null && current.status !== "ai";

  const dialog = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const wasOpen = useRef(false);

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !wasOpen.current) {
      const input = textarea.current;
      if (input && !input.disabled) input.focus();
      else element.focus();
    } else if (!open && wasOpen.current) {
      returnFocus(element);
    }
    wasOpen.current = open;
  }, [open]);

  // Opened while connecting: move into the composer once it can be used.
  useEffect(() => {
    const root = dialog.current?.getRootNode() as ShadowRoot | undefined;
    if (open && ready && root?.activeElement === dialog.current) textarea.current?.focus();
  }, [ready]);

  const appName = session?.app.name ?? en.messenger;
  return (
    <div
      ref={dialog}
      class="parley-panel"
      role="dialog"
      aria-label={en.messenger}
      tabIndex={-1}
      hidden={!open}
    >
      <header class="parley-header">
        <span class="parley-avatar" aria-hidden="true">
          {appName.trim().charAt(0).toUpperCase()}
        </span>
        <div class="parley-header__text">
          <h2 class="parley-header__title">{appName}</h2>
          {status === "failed" ? null : (
            <p class="parley-header__subtitle">
              {status === "booting" ? en.connecting : handedOff ? en.teamWillReply : en.teamCanHelp}
            </p>
          )}
        </div>
        {canStartOver ? (
          <button
            type="button"
            class="parley-header__new"
            onClick={() => {
              actions.newConversation();
              textarea.current?.focus();
            }}
          >
            {en.newConversation}
          </button>
        ) : null}
        <button type="button" class="parley-header__close" aria-label={en.close} onClick={actions.close}>
          <CloseIcon />
        </button>
      </header>
      <Thread state={state} actions={actions} />
      {status === "failed" ? (
        <div class="parley-error" role="alert">
          <AlertIcon />
          <p>{en.bootFailed}</p>
        </div>
      ) : null}
      {handedOff ? <p class="parley-note">{en.handoffNote}</p> : null}
      <Composer
        disabled={!ready}
        disabledHint={status === "booting" ? en.connecting : en.messagePlaceholder}
        onSend={actions.send}
        textareaRef={textarea}
      />
    </div>
  );
}
