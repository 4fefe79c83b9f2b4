// From its own module: importing the package index would make every wire schema (and zod)
// reachable from the panel, and split them out of the session chunk into one the two share.
import { LIMITS } from "@parley/protocol/limits";
import { useStrings } from "./strings";
import type { Ref } from "preact";
import { useEffect, useState } from "preact/hooks";
import { SendIcon } from "./icons";

export interface ComposerProps {
  disabled: boolean;
  /** Placeholder while disabled (e.g. "Connecting…"). */
  disabledHint: string;
  onSend(text: string): void;
  textareaRef: Ref<HTMLTextAreaElement>;
  /** Text to put in the box (`showNewMessage`); taken once, then `onPrefilled` is called. */
  prefill?: string;
  onPrefilled?(): void;
}

/** The remaining characters show once a message comes this close to the limit. */
const COUNT_FROM = 200;

const MAX_HEIGHT = 120;

function fitHeight(textarea: HTMLTextAreaElement) {
  textarea.style.height = "auto";
  textarea.style.height = `${Math.min(textarea.scrollHeight, MAX_HEIGHT)}px`;
}

/** The message box: Enter sends, Shift+Enter adds a line. */
export function Composer({ disabled, disabledHint, onSend, textareaRef, prefill = "", onPrefilled }: ComposerProps) {
  const t = useStrings();
  const [draft, setDraft] = useState("");
  const empty = draft.trim() === "";
  const left = LIMITS.messageLength - draft.length;

  useEffect(() => {
    if (prefill === "") return;
    setDraft(prefill.slice(0, LIMITS.messageLength));
    onPrefilled?.();
  }, [prefill]);

  function submit(textarea: HTMLTextAreaElement | null) {
    if (disabled || empty) return;
    onSend(draft);
    setDraft("");
    if (textarea) {
      textarea.value = "";
      fitHeight(textarea);
    }
  }

  return (
    <form
      class="parley-composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit(event.currentTarget.querySelector("textarea"));
      }}
    >
      <textarea
        ref={textareaRef}
        aria-label={t.message}
        placeholder={disabled ? disabledHint : t.messagePlaceholder}
        rows={1}
        maxLength={LIMITS.messageLength}
        value={draft}
        disabled={disabled}
        onInput={(event) => {
          setDraft(event.currentTarget.value);
          fitHeight(event.currentTarget);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            submit(event.currentTarget);
          }
        }}
      />
      {left <= COUNT_FROM ? (
        <span class="parley-count" aria-live="polite">
          {t.charactersLeft(left)}
        </span>
      ) : null}
      <button type="submit" class="parley-send" aria-label={t.send} disabled={disabled || empty}>
        <SendIcon />
      </button>
    </form>
  );
}
