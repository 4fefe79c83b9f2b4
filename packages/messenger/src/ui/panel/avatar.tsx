import type { AuthorType } from "@parley/protocol";
import { SparkIcon } from "./icons";

/** Colours for people's initials: steady per name, all readable with white text. */
const PEOPLE = ["#5b47d6", "#0f7b6c", "#b8336a", "#c05621", "#2b6cb0", "#6b46c1"];

function colourFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return PEOPLE[Math.abs(hash) % PEOPLE.length] ?? PEOPLE[0]!;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((word) => String.fromCodePoint(word.codePointAt(0) ?? 63)).join("").toUpperCase() || "?";
}

/**
 * Who wrote a run of messages, at a glance: the AI agent is the brand colour with a spark, a
 * person of the team is their initials on a colour of their own (round with a ring, like a photo).
 */
export function Avatar({ type, name, size = "small" }: { type: AuthorType; name: string; size?: "small" | "large" }) {
  if (type === "ai") {
    return (
      <span class={`parley-face parley-face--ai parley-face--${size}`} aria-hidden="true">
        <SparkIcon />
      </span>
    );
  }
  return (
    <span class={`parley-face parley-face--person parley-face--${size}`} style={{ background: colourFor(name) }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
