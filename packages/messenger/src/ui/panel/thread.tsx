import type { Message } from "@parley/protocol";
import { useStrings } from "./strings";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { PanelStrings } from "../../i18n/strings";
import type { PanelProps } from "../types";
import { Avatar } from "./avatar";
import { CollectForm } from "./form";
import { authorLine, type AuthorLine, MessageRun, PendingItem, type RunItem } from "./message";

/** The pressed button goes away; keep the keyboard in the panel by moving to the composer. */
function focusComposer(from: HTMLElement) {
  from.closest(".parley-panel")?.querySelector("textarea")?.focus();
}

interface Run {
  author: AuthorLine;
  items: RunItem[];
  time: string | null;
}

/** How long the AI agent may look busy after a customer message before the dots give up. */
const TYPING_FOR_MS = 20_000;

/** Dots while the AI agent is on a customer message it has not answered (for at most TYPING_FOR_MS). */
function useAiWriting(messages: readonly Message[], pendingCount: number, status: string | undefined): boolean {
  const last = messages[messages.length - 1];
  const since = last?.author.type === "customer" ? Date.parse(last.created_at) : Number.NaN;
  const [, expire] = useState(0);
  const waiting = status !== "team" && pendingCount === 0 && Date.now() - since < TYPING_FOR_MS;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => expire((count) => count + 1), TYPING_FOR_MS - (Date.now() - since));
    return () => clearTimeout(timer);
  }, [waiting, since]);
  return waiting;
}

/** Consecutive messages by the same author make one run (author and time shown once). */
export function groupRuns(messages: readonly Message[], appName: string, greeting: string | null, t: PanelStrings): Run[] {
  const runs: Run[] = [];
  if (greeting) runs.push({ author: { type: "ai", name: appName }, items: [{ key: "greeting", text: greeting }], time: null });
  for (const message of messages) {
    const author = authorLine(message, appName, t);
    const last = runs[runs.length - 1];
    const item = { key: message.id, text: message.text, citations: message.citations };
    if (last && last.author.type === author.type && last.author.name === author.name) {
      last.items.push(item);
      last.time = message.created_at;
    } else {
      runs.push({ author, items: [item], time: message.created_at });
    }
  }
  return runs;
}

/**
 * The conversation (`role="log"`): the greeting, the messages in runs by author, what is still
 * being sent, a note while the team has yet to reply after a hand-off, and the reply buttons of
 * the latest message.
 */
export function Thread({ state, actions }: PanelProps) {
  const t = useStrings();
  const messages = state.conversation.thread.value;
  const confirmed = state.conversation.confirmedClientIds.value;
  const pending = state.outbox.pending.value.filter((item) => !confirmed.has(item.clientId));
  const session = state.connection.session.value;
  const ready = state.connection.status.value === "ready";
  const open = state.panel.isOpen.value;
  const status = state.conversation.conversation.value?.status;
  const appName = session?.app.name ?? t.messenger;

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
  const form = asking?.form && status !== "team" ? asking.form : null;
  // Inline, after the last message, so it never covers one; gone once a person has replied.
  const waitingForTeam = status === "team" && !messages.some((message) => message.author.type === "agent");
  const aiWriting = useAiWriting(messages, pending.length, status);

  const log = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages.length, pending.length, buttons.length, open, form, waitingForTeam, aiWriting]);

  return (
    <div class="parley-thread" role="log" aria-live="polite" aria-label={t.conversation} ref={log}>
      {groupRuns(messages, appName, greeting, t).map((run) => (
        <MessageRun key={run.items[0]?.key} author={run.author} items={run.items} time={run.time} />
      ))}
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
      {aiWriting ? (
        <div class="parley-message parley-message--ai parley-writing">
          <Avatar type="ai" name={appName} />
          <div class="parley-bubble">
            <span class="parley-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            <span class="parley-visually-hidden">{t.aiWriting}</span>
          </div>
        </div>
      ) : null}
      {waitingForTeam ? <p class="parley-system-note">{t.handedOff}</p> : null}
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
