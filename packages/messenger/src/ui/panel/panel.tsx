// The panel's components read signals as they render: @preact/signals' Preact integration redraws
// them when those change. It loads with this chunk, not the entry (see MessengerView in ../mount).
import "@preact/signals";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { ENGLISH, languageOf, loadLanguage } from "../../i18n/strings";
import { panelLanguage, useStrings } from "./strings";
import type { PanelProps } from "../types";
import { Avatar } from "./avatar";
import { Composer } from "./composer";
import { HelpSpace } from "./help";
import { Home } from "./home";
import { MessagesSpace } from "./messages";
import { NewMessagePreview } from "./notification";
import { AlertIcon, BackIcon, CloseIcon, ComposeIcon } from "./icons";
import { Thread } from "./thread";

import { darkStyles, themeClass } from "./dark";
import { formStyles } from "./form";
import { panelStyles as baseStyles } from "./styles";

export const panelStyles = `${baseStyles}\n${formStyles}\n${darkStyles}`;

/** After closing, focus goes back to the launcher, unless the host page has it elsewhere. */
function returnFocus(dialog: HTMLElement) {
  const root = dialog.getRootNode() as ShadowRoot | Document;
  const doc = dialog.ownerDocument;
  const active = doc.activeElement;
  const host = "host" in root ? root.host : null;
  if (active && active !== host && active !== doc.body) return;
  root.querySelector<HTMLElement>(".parley-launcher")?.focus();
}

/** Where the keyboard starts on a screen: the composer, else the screen's first control. */
function focusInto(dialog: HTMLElement) {
  const composer = dialog.querySelector<HTMLTextAreaElement>("textarea");
  if (composer) {
    if (!composer.disabled) composer.focus();
    else dialog.focus();
    return;
  }
  const first = dialog.querySelector<HTMLElement>(".parley-cta button, .parley-search input, .parley-article__title, .parley-conversation, .parley-start");
  if (first) {
    if (!first.matches("button,input")) first.tabIndex = -1;
    first.focus();
  } else dialog.focus();
}

/** The conversation screen: header (back to Home, who answers, new conversation, close), thread, composer. */
function ConversationView({ state, actions, textarea }: PanelProps & { textarea: { current: HTMLTextAreaElement | null } }) {
  const t = useStrings();
  const status = state.connection.status.value;
  const session = state.connection.session.value;
  const ready = status === "ready";
  const current = state.conversation.conversation.value;
  const handedOff = current?.status === "team";
  // Once the AI agent is done with a conversation (answered, or handed to the team), the
  // customer can leave it for a fresh one; the old one still gets the team's replies.
  const canStartOver = ready && current !== null && current.status !== "ai";
  const appName = session?.app.name ?? t.messenger;
  const prefill = state.panel.draft.value;

  return (
    <>
      <header class="parley-header">
        <button
          type="button"
          class="parley-icon-button"
          aria-label={t.back}
          onClick={() => actions.navigate(state.panel.previous.peek() === "messages" ? "messages" : "home")}
        >
          <BackIcon />
        </button>
        <Avatar type="ai" name={appName} size="large" />
        <div class="parley-header__text">
          <h2 class="parley-header__title">{appName}</h2>
          {status === "failed" ? null : (
            <p class="parley-header__subtitle">
              {status === "booting" ? t.connecting : handedOff ? t.teamWillReply : t.teamCanHelp}
            </p>
          )}
        </div>
        {canStartOver ? (
          <button
            type="button"
            class="parley-icon-button"
            aria-label={t.newConversation}
            title={t.newConversation}
            onClick={() => {
              actions.newConversation();
              textarea.current?.focus();
            }}
          >
            <ComposeIcon />
          </button>
        ) : null}
        <button type="button" class="parley-icon-button" aria-label={t.close} onClick={actions.close}>
          <CloseIcon />
        </button>
      </header>
      <Thread state={state} actions={actions} />
      {status === "failed" ? (
        <div class="parley-error" role="alert">
          <AlertIcon />
          <p>{t.bootFailed}</p>
        </div>
      ) : null}
      <Composer
        disabled={!ready}
        disabledHint={status === "booting" ? t.connecting : t.messagePlaceholder}
        onSend={actions.send}
        textareaRef={textarea}
        prefill={prefill}
        onPrefilled={() => state.panel.setDraft("")}
      />
    </>
  );
}

/**
 * The Messenger (`role="dialog"`, named "Messenger"): Home, the conversation or the help space.
 * Loaded as its own chunk; stays mounted while closed so a draft survives.
 */
export function Panel({ state, actions }: PanelProps) {
  const open = state.panel.isOpen.value;
  const view = state.panel.view.value;
  const articleId = state.panel.articleId.value;
  const status = state.connection.status.value;
  const theme = themeClass(state.settings.values.value["theme_mode"]);
  const wanted = languageOf(state.settings.values.value["language_override"], globalThis.navigator?.languages ?? []);
  const language = panelLanguage.value;
  useEffect(() => {
    let current = true;
    loadLanguage(wanted).then(
      (loaded) => current && (panelLanguage.value = loaded),
      () => current && (panelLanguage.value = ENGLISH),
    );
    return () => {
      current = false;
    };
  }, [wanted]);
  // The next boot starts from English until its own language is in.
  useEffect(() => () => void (panelLanguage.value = ENGLISH), []);

  const dialog = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const wasOpen = useRef(false);

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open) focusInto(element);
    else if (wasOpen.current) returnFocus(element);
    wasOpen.current = open;
  }, [open, view, articleId]);

  // Opened while connecting: move into the composer once it can be used.
  useEffect(() => {
    const root = dialog.current?.getRootNode() as ShadowRoot | undefined;
    if (open && status === "ready" && root?.activeElement === dialog.current) textarea.current?.focus();
  }, [status]);

  return (
    <>
      <div
        ref={dialog}
        class={`parley-panel parley-panel--${view}${theme}`}
        role="dialog"
        aria-label={language.strings.messenger}
        lang={language.lang}
        dir={language.dir}
        tabIndex={-1}
        hidden={!open}
      >
        {view === "home" ? (
          <Home state={state} actions={actions} />
        ) : view === "help" ? (
          <HelpSpace state={state} actions={actions} />
        ) : view === "messages" ? (
          <MessagesSpace state={state} actions={actions} />
        ) : (
          <ConversationView state={state} actions={actions} textarea={textarea} />
        )}
      </div>
      <NewMessagePreview state={state} actions={actions} />
    </>
  );
}
