import type { ConversationSummary, Message } from "@parley/protocol";
import { useEffect, useState } from "preact/hooks";
import type { PanelProps } from "../types";
import { Avatar } from "./avatar";
import { BackIcon, ChevronRightIcon, CloseIcon, SendIcon } from "./icons";
import { authorLine } from "./message";
import { useStrings } from "./strings";
import { messageTime } from "./time";

/**
 * A conversation at a glance, from its latest message: who wrote it (the AI agent's face for the
 * customer's own words), the text on one line, the author and when. Home's recent card and the
 * messages list show the same row.
 */
export function ConversationRow({ last, appName }: { last: Message; appName: string }) {
  const t = useStrings();
  const author = authorLine(last, appName, t);
  return (
    <span class="parley-recent__row">
      {author.type === "customer" || author.type === "system" ? <Avatar type="ai" name={appName} /> : <Avatar type={author.type} name={author.name} />}
      <span class="parley-recent__text">
        <span class="parley-recent__preview" dir="auto">{last.text}</span>
        <span class="parley-recent__meta">
          {author.name} · {messageTime(last.created_at, t)}
        </span>
      </span>
      <ChevronRightIcon />
    </span>
  );
}

type Listed = { state: "loading" } | { state: "done"; conversations: readonly ConversationSummary[] } | { state: "failed" };

/**
 * The messages space (`showMessages`, `showSpace('messages')`): every conversation of this user,
 * most recently active first; one opens in the conversation view, and "Send us a message" starts
 * a new one.
 */
export function MessagesSpace({ state, actions }: PanelProps) {
  const t = useStrings();
  const appName = state.connection.session.value?.app.name ?? t.messenger;
  const ready = state.connection.status.value === "ready";
  const [listed, setListed] = useState<Listed>({ state: "loading" });

  useEffect(() => {
    if (!ready) return;
    let current = true;
    actions.listConversations().then(
      (conversations) => current && setListed({ state: "done", conversations }),
      () => current && setListed({ state: "failed" }),
    );
    return () => {
      current = false;
    };
  }, [ready]);

  return (
    <>
      <header class="parley-header">
        <button type="button" class="parley-icon-button" aria-label={t.back} onClick={() => actions.navigate("home")}>
          <BackIcon />
        </button>
        <div class="parley-header__text">
          <h2 class="parley-header__title">{t.messages}</h2>
        </div>
        <button type="button" class="parley-icon-button" aria-label={t.close} onClick={actions.close}>
          <CloseIcon />
        </button>
      </header>
      <div class="parley-help parley-messages">
        <div aria-live="polite">
          {listed.state === "loading" ? <p class="parley-search__note">{t.connecting}</p> : null}
          {listed.state === "failed" ? <p class="parley-search__note">{t.conversationsFailed}</p> : null}
          {listed.state === "done" && listed.conversations.length === 0 ? <p class="parley-search__note">{t.noConversations}</p> : null}
        </div>
        {listed.state === "done" && listed.conversations.length > 0 ? (
          <ul class="parley-card parley-conversations" aria-label={t.messages}>
            {listed.conversations.map((conversation) =>
              conversation.last_message ? (
                <li key={conversation.id}>
                  <button type="button" class="parley-conversation" onClick={() => actions.openConversation(conversation.id)}>
                    <ConversationRow last={conversation.last_message} appName={appName} />
                  </button>
                </li>
              ) : null,
            )}
          </ul>
        ) : null}
      </div>
      <div class="parley-messages__start">
        <button
          type="button"
          class="parley-start"
          disabled={!ready}
          onClick={() => {
            actions.newConversation();
            actions.navigate("conversation");
          }}
        >
          {t.sendUsAMessage}
          <SendIcon />
        </button>
      </div>
    </>
  );
}
