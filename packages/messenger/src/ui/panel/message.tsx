import type { AuthorType, Citation, Message } from "@parley/protocol";
import { en } from "../../i18n/en";
import { ArticleIcon } from "./icons";
import type { PendingMessage } from "../../state/outbox";

/** Only web links become links; anything else (e.g. `javascript:`) shows as plain text. */
function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function Sources({ citations }: { citations: readonly Citation[] }) {
  return (
    <div class="parley-sources">
      <p class="parley-sources__label">{en.sources}</p>
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
export function authorLine(message: Message, appName: string): AuthorLine {
  const { type, name } = message.author;
  if (type === "agent") return { type, name: name ?? en.defaultTeamName };
  return { type, name: name ?? appName };
}

interface MessageItemProps {
  type: AuthorType;
  text: string;
  citations?: readonly Citation[];
  /** Shown above the first of consecutive messages by the same author. */
  author?: AuthorLine | null;
}

/** One message. Text is always plain text (never HTML); line breaks are kept by CSS. */
export function MessageItem({ type, text, citations = [], author }: MessageItemProps) {
  return (
    <div class={`parley-message parley-message--${type}`}>
      {author && type !== "customer" ? (
        <div class="parley-author">
          <span class="parley-author__name">{author.name}</span>
          {type === "ai" ? <span class="parley-tag">{en.aiAgent}</span> : null}
        </div>
      ) : null}
      <div class="parley-bubble">
        <p class="parley-text">{text}</p>
        {citations.length > 0 ? <Sources citations={citations} /> : null}
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
  const failed = pending.status === "failed";
  return (
    <div class="parley-message parley-message--customer parley-message--pending">
      <div class="parley-bubble">
        <p class="parley-text">{pending.text}</p>
      </div>
      <p class={`parley-status${failed ? " parley-status--failed" : ""}`}>
        {failed ? (
          <>
            {en.notDelivered}
            <button type="button" class="parley-retry" onClick={(event) => onRetry(pending.clientId, event.currentTarget)}>
              {en.retry}
            </button>
          </>
        ) : (
          en.sending
        )}
      </p>
    </div>
  );
}
