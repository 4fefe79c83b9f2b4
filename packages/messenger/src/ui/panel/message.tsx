import type { AuthorType, Citation, Message } from "@parley/protocol";
import { useStrings } from "./strings";
import { Avatar } from "./avatar";
import { ArticleIcon } from "./icons";
import { Markdown, safeHref } from "./markdown";
import type { PanelStrings } from "../../i18n/strings";
import { messageTime } from "./time";
import type { PendingMessage } from "../../state/outbox";

function Sources({ citations }: { citations: readonly Citation[] }) {
  const t = useStrings();
  return (
    <div class="parley-sources">
      <p class="parley-sources__label">{t.sources}</p>
      <ul>
        {citations.map((citation, index) => {
          const href = safeHref(citation.url);
          return (
            <li key={`${index}:${citation.url}`}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  <ArticleIcon />
                  {citation.title}
                </a>
              ) : (
                <span>{citation.title}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export interface AuthorLine {
  type: AuthorType;
  name: string;
}

/** Who wrote a message, as the customer should see it. */
export function authorLine(message: Message, appName: string, t: Pick<PanelStrings, "defaultTeamName" | "you">): AuthorLine {
  const { type, name } = message.author;
  if (type === "agent") return { type, name: name ?? t.defaultTeamName };
  if (type === "customer") return { type, name: t.you };
  return { type, name: name ?? appName };
}

/** One message of a run: plain text (never HTML; CSS keeps its line breaks) and its sources. */
export interface RunItem {
  key: string;
  text: string;
  citations?: readonly Citation[];
}

interface MessageRunProps {
  author: AuthorLine;
  items: readonly RunItem[];
  /** When the run's last message was written (ISO); none for the greeting. */
  time?: string | null;
}

/**
 * Consecutive messages by one author: the bubbles, then once under them who wrote them (the
 * AI agent with its badge and spark; a person of the team with their initials and "Team") and
 * when. The customer's own runs show only the time.
 */
export function MessageRun({ author, items, time }: MessageRunProps) {
  const t = useStrings();
  const { type, name } = author;
  const customer = type === "customer";
  const faceless = customer || type === "system";
  return (
    <div class={`parley-message parley-message--${type}`}>
      {faceless ? null : <Avatar type={type} name={name} />}
      <div class="parley-message__body">
        {items.map((item) => (
          <div class="parley-bubble" key={item.key}>
            {customer ? <p class="parley-text" dir="auto">{item.text}</p> : <Markdown source={item.text} breaks />}
            {item.citations && item.citations.length > 0 ? <Sources citations={item.citations} /> : null}
          </div>
        ))}
        <p class="parley-meta">
          {faceless ? null : <span class="parley-meta__name">{name}</span>}
          {type === "ai" ? <span class="parley-tag">{t.aiAgent}</span> : null}
          {type === "agent" ? <span class="parley-tag parley-tag--team">{t.team}</span> : null}
          {time ? <time dateTime={time}>{messageTime(time, t)}</time> : null}
        </p>
      </div>
    </div>
  );
}

/** A customer message the server does not have yet: "Sending…", or failed with Retry. */
export function PendingItem({
  pending,
  onRetry,
}: {
  pending: PendingMessage;
  onRetry(clientId: string, button: HTMLElement): void;
}) {
  const t = useStrings();
  const failed = pending.status === "failed";
  return (
    <div class="parley-message parley-message--customer parley-message--pending">
      <div class="parley-bubble">
        <p class="parley-text" dir="auto">{pending.text}</p>
      </div>
      <p class={`parley-status${failed ? " parley-status--failed" : ""}`}>
        {failed ? (
          <>
            {t.notDelivered}
            <button type="button" class="parley-retry" onClick={(event) => onRetry(pending.clientId, event.currentTarget)}>
              {t.retry}
            </button>
          </>
        ) : (
          t.sending
        )}
      </p>
    </div>
  );
}
