import { useSignal } from "@preact/signals";

/** Code to copy, with a "Copy code" button that says whether copying worked. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  const copied = useSignal<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      copied.value = "copied";
    } catch {
      copied.value = "failed";
    }
  }
  return (
    <div class="code" role="group" aria-label={label}>
      <pre tabIndex={0}>
        <code>{code}</code>
      </pre>
      <div class="code__bar">
        <button type="button" class="button" onClick={copy}>
          Copy code
        </button>
        <span role="status" class="small muted">
          {copied.value === "copied" ? "Copied to the clipboard." : copied.value === "failed" ? "Copying was refused: select the code and copy it." : ""}
        </span>
      </div>
    </div>
  );
}
