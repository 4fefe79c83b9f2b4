import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";

/** Selects the code's text on the page: what the fallback copies, and what Ctrl+C copies if that fails too. */
function selectText(element: HTMLElement) {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * Code to copy, with a "Copy code" button that says whether copying worked. The clipboard API
 * exists only on HTTPS and localhost: a console opened over plain HTTP on another address copies
 * the selected code instead, and if the browser refuses that too, leaves it selected for Ctrl+C.
 */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  const copied = useSignal<"idle" | "copied" | "selected">("idle");
  const text = useRef<HTMLElement>(null);
  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard API here");
      await navigator.clipboard.writeText(code);
      copied.value = "copied";
      return;
    } catch {
      // Below: the older way, through a selection.
    }
    if (!text.current) return;
    selectText(text.current);
    let done = false;
    try {
      done = typeof document.execCommand === "function" && document.execCommand("copy");
    } catch {
      done = false;
    }
    copied.value = done ? "copied" : "selected";
  }
  return (
    <div class="code" role="group" aria-label={label}>
      <pre tabIndex={0}>
        <code ref={text}>{code}</code>
      </pre>
      <div class="code__bar">
        <button type="button" class="button" onClick={copy}>
          Copy code
        </button>
        <span role="status" class="small muted">
          {copied.value === "copied" ? "Copied to the clipboard." : copied.value === "selected" ? "This browser refused to copy. The code is selected: press Ctrl+C (⌘C on a Mac)." : ""}
        </span>
      </div>
    </div>
  );
}
