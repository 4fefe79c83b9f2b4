import { useLayoutEffect, useRef } from "preact/hooks";
import { en } from "../../i18n/en";
import type { PanelProps } from "../types";
import { CollectForm } from "./form";
import { authorLine, MessageItem, PendingItem } from "./message";

/** The pressed button goes away; keep the keyboard in the panel by moving to the composer. */
function focusComposer(from: HTMLElement) {
  from.closest(".parley-panel")?.querySelector("textarea")?.focus();
}

/**
 * The conversation (`role="log"`): the greeting, the messages, what is still being sent, and
 * the reply buttons of the latest message.
 */
export function Thread({ state, actions }: PanelProps) {
  const messages = state.conversation.thread.value;
  const confirmed = state.conversation.confirmedClientIds.value;
  const pending = state.outbox.pending.value.filter((item) => !confirmed.has(item.clientId));
  const session = state.connection.session.value;
  const ready = state.connection.status.value === "ready";
  const open = state.panel.isOpen.value;
  const appName = session?.app.name ?? en.messenger;

  // The greeting opens the thread until the server's own messages do.
  const first = messages[0];
  const greeting =
    session?.app.greeting && (!first || first.author.type === "customer")
      ? session.app.greeting
      : null;
  const latest = pending.length === 0 ? messages[messages.length - 1] : undefined;
  // Before the first message, the greeting's own buttons (a workflow's) start the conversation.
  const buttons = latest?.buttons ?? (messages.length === 0 && pending.length === 0 && greeting ? (session?.app.greeting_buttons ?? []) : []);
  // A workflow's form stays under the thread until it is sent, even if the customer typed meanwhile.
  const asking = pending.length === 0 ? [...messages].reverse().find((message) => message.author.type !== "customer") : undefined;
  const form = asking?.form && state.conversation.conversation.value?.status !== "team" ? asking.form : null;

  const log = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages.length, pending.length, buttons.length, open, form]);

  let previousAuthor = greeting ? `ai:${appName}` : "";
  return (
    <div class="parley-thread" role="log" aria-live="polite" aria-label={en.conversation} ref={log}>
      {greeting ? (
        <MessageItem type="ai" text={greeting} author={{ type: "ai", name: appName }} />
      ) : null}
      {messages.map((message) => {
        const author = authorLine(message, appName);
        const key = `${author.type}:${author.name}`;
        const showAuthor = key !== previousAuthor;
        previousAuthor = key;
        return (
          <MessageItem
            key={message.id}
            type={message.author.type}
            text={message.text}
            citations={message.citations}
            author={showAuthor ? author : null}
          />
        );
      })}
      {pending.map((item) => (
        <PendingItem
          key={item.clientId}
          pending={item}
          onRetry={(clientId, button) => {
            actions.retry(clientId);
            focusComposer(button);
          }}
        />
      ))}
      {form && asking ? <CollectForm key={asking.id} form={form} disabled={!ready} onSubmit={actions.submitForm} /> : null}
      {buttons.length > 0 ? (
        <div class="parley-replies">
          {buttons.map((button) => (
            <button
              key={`${button.action}:${button.article_id ?? ""}:${button.label}`}
              type="button"
              class="parley-reply"
              disabled={!ready}
              onClick={(event) => {
                actions.pressButton(button);
                focusComposer(event.currentTarget);
              }}
            >
              {button.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
