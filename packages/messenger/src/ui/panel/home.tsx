import type { PanelProps } from "../types";
import { useStrings } from "./strings";
import { Avatar } from "./avatar";
import { authorLine } from "./message";
import { ArticleSearch } from "./help";
import { AlertIcon, ChevronRightIcon, CloseIcon, PeopleIcon, SendIcon } from "./icons";
import { ConversationRow } from "./messages";

/** The first word of the name the host page gave, for "Hi Ada". */
function firstName(name: unknown): string | null {
  if (typeof name !== "string") return null;
  const first = name.trim().split(/\s+/)[0];
  return first && first.length <= 40 ? first : null;
}

/**
 * Home: a greeting over the brand colour with who answers (the AI agent and the people of the
 * team who have written here), "Send us a message", the latest conversation, and help search.
 */
export function Home({ state, actions }: PanelProps) {
  const t = useStrings();
  const session = state.connection.session.value;
  const appName = session?.app.name ?? t.messenger;
  const name = firstName(state.settings.values.value["name"] ?? session?.user.name);
  const thread = state.conversation.thread.value;
  const current = state.conversation.conversation.value;
  const last = thread[thread.length - 1];
  const people = [...new Set(thread.filter((message) => message.author.type === "agent").map((message) => authorLine(message, appName, t).name))].slice(0, 2);

  return (
    <div class="parley-home">
      <div class="parley-hero">
        <div class="parley-hero__top">
          <span class="parley-hero__brand">{appName}</span>
          <span class="parley-team" aria-hidden="true">
            {people.map((person) => (
              <Avatar key={person} type="agent" name={person} size="large" />
            ))}
            {people.length === 0 ? (
              <span class="parley-face parley-face--large parley-face--team">
                <PeopleIcon />
              </span>
            ) : null}
            <Avatar type="ai" name={appName} size="large" />
          </span>
          <button type="button" class="parley-icon-button parley-hero__close" aria-label={t.close} onClick={actions.close}>
            <CloseIcon />
          </button>
        </div>
        <h2 class="parley-hero__title">
          <span>{name ? t.helloName(name) : t.hello}</span>
          <span>{t.howCanWeHelp}</span>
        </h2>
      </div>
      <div class="parley-home__cards">
        {state.connection.status.value === "failed" ? (
          <div class="parley-error" role="alert">
            <AlertIcon />
            <p>{t.bootFailed}</p>
          </div>
        ) : null}
        {current && last ? (
          <div class="parley-card parley-recent">
            <span class="parley-card__label">{t.recentMessage}</span>
            <ConversationRow last={last} appName={appName} />
            {/* The whole card is the button (its ::after covers it); its name is what it does. */}
            <button type="button" class="parley-card__action" onClick={() => actions.navigate("conversation")}>
              <span class="parley-visually-hidden">{t.continueConversation}</span>
            </button>
          </div>
        ) : null}
        <div class="parley-card parley-cta">
          <span class="parley-cta__text">
            <button type="button" class="parley-card__action parley-cta__title" aria-describedby="parley-reply-time" onClick={actions.composeMessage}>
              {t.sendUsAMessage}
            </button>
            <span class="parley-cta__sub" id="parley-reply-time">
              {t.replyTime}
            </span>
          </span>
          <SendIcon />
        </div>
        {state.connection.status.value === "ready" ? (
          <button type="button" class="parley-card parley-all" onClick={() => actions.navigate("messages")}>
            {t.allConversations}
            <ChevronRightIcon />
          </button>
        ) : null}
        <ArticleSearch state={state} actions={actions} />
      </div>
    </div>
  );
}
