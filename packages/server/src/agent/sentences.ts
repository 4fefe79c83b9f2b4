/** One sentence of a passage, exactly as written there. */
export interface Sentence {
  text: string;
  /** Which line of the passage it is on: list items and paragraphs each start a new line. */
  line: number;
}

// A period after these does not end a sentence ("before 1 p.m. Mountain Time", "e.g. Visa").
const ABBREVIATIONS = new Set([
  "a.m", "p.m", "e.g", "i.e", "etc", "vs", "approx", "dept", "mr", "mrs", "ms", "dr", "prof", "st", "ave",
  "inc", "ltd", "corp", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
  "u.k", "u.s.a", "incl",
]);

/**
 * Splits plain passage text into sentences. Each line (a paragraph or list item) is split at
 * `.`, `!` or `?` followed by a space and a capital, digit or quote, unless the period ends a
 * known abbreviation or an initial. Sentences keep their own punctuation; nothing is rewritten.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const lines = text.split("\n");
  for (const [line, content] of lines.entries()) {
    let start = 0;
    for (const boundary of content.matchAll(/[.!?]+["'”’)\]]*\s+(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu)) {
      const end = boundary.index + boundary[0].trimEnd().length;
      if (boundary[0].startsWith(".") && !boundary[0].startsWith("..") && endsWithAbbreviation(content.slice(start, boundary.index))) {
        continue;
      }
      push(content.slice(start, end), line);
      start = boundary.index + boundary[0].length;
    }
    push(content.slice(start), line);
  }
  return sentences;

  function push(sentence: string, line: number) {
    const trimmed = sentence.trim();
    if (trimmed !== "") sentences.push({ text: trimmed, line });
  }
}

function endsWithAbbreviation(before: string): boolean {
  const word = /([\p{L}.]+)$/u.exec(before)?.[1];
  if (word === undefined) return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith"
  return ABBREVIATIONS.has(word.toLowerCase().replace(/^\.+/, ""));
}
