import { expectedAnswerType, statesAnswerType, type AnswerType } from "./answer-type";
import type { Passage } from "./knowledge";
import { splitSentences, type Sentence } from "./sentences";
import type { Analyzer } from "./terms";

/** An extractive answer is at most this many sentences… */
export const MAX_ANSWER_SENTENCES = 3;
/** …and at most this many characters, unless its single best sentence is longer on its own. */
export const MAX_ANSWER_CHARS = 450;
/** A list the answer is about is given whole when it is no longer than this. */
export const MAX_LIST_CHARS = 900;

/**
 * The passage's sentences that best answer the question, copied word for word and kept in the
 * passage's order, as Markdown: the sentence richest in the question's terms (weighted by
 * `weightOf`), other sentences at least half as rich, and the sentence right after it when it
 * continues the same paragraph. When that sentence ends in a colon, the list it introduces comes
 * with it; when it is a step of a numbered list, the whole list does, with the sentence that
 * introduces it: steps are followed in order, never one alone. List items keep their markers
 * ("1.", "-"). When the question asks for a kind of fact ("how long", "how much"), a sentence about
 * it that states such a fact counts half as much again. Sentences are whole; a passage without any
 * of the terms yields its opening.
 *
 * With `onlyFacts`, only the sentences that state a fact of that kind (richest in the question's
 * terms first): what an answer adds from another section when the one it quotes states no such
 * fact. Empty when the passage states none.
 */
export function extractAnswer(
  passage: Passage,
  question: string,
  weightOf: (term: string) => number,
  analyzer: Analyzer,
  { onlyFacts }: { onlyFacts?: AnswerType } = {},
): string {
  const questionTerms = analyzer.terms(question);
  const wanted = onlyFacts ?? expectedAnswerType(question);
  const lineTexts = passage.text.split("\n");
  const lineCount = lineTexts.length;
  const sentences = splitSentences(passage.text).map((sentence, position) => {
    const terms = analyzer.terms(sentence.text);
    const matched = questionTerms.reduce((sum, term) => (terms.includes(term) ? sum + weightOf(term) : sum), 0);
    const states = wanted !== null && statesAnswerType(wanted, sentence.text);
    const score = states && matched > 0 ? matched * 1.5 : matched;
    return { ...sentence, position, score, states };
  });
  const ranked = sentences.filter((sentence) => onlyFacts === undefined || sentence.states).sort((a, b) => b.score - a.score || a.position - b.position);
  const anchor = ranked[0];
  if (anchor === undefined) return "";

  const chosen = new Set([anchor.position]);
  const fits = (position: number) =>
    chosen.size < MAX_ANSWER_SENTENCES && join([...chosen, position]).length <= MAX_ANSWER_CHARS;
  const add = (sentence: (typeof sentences)[number] | undefined) => {
    if (sentence === undefined || chosen.has(sentence.position) || !fits(sentence.position)) return false;
    chosen.add(sentence.position);
    return true;
  };
  const giveWholeList = (sentence: Sentence) => {
    const whole = listFor(sentence);
    if (whole === null) return;
    if (join([...chosen, ...whole]).length <= MAX_LIST_CHARS) for (const position of whole) chosen.add(position);
  };
  if (onlyFacts !== undefined) {
    // Every sentence stating such a fact, as many as fit: "Express costs $34.95", "Economy $19.95".
    for (const sentence of ranked) add(sentence);
    return join([...chosen]);
  }
  giveWholeList(anchor);
  // A sentence ending in a colon announces what follows: give what follows with it.
  if (anchor.text.endsWith(":")) {
    for (let next = anchor.position + 1; next < sentences.length && add(sentences[next]); next++);
  }
  // Other sentences that say at least half as much about the question.
  for (const sentence of ranked.slice(1)) {
    if (sentence.score > 0 && sentence.score >= anchor.score / 2) add(sentence);
  }
  // The sentence right after the best one, in the same paragraph, usually finishes its thought.
  const next = sentences[anchor.position + 1];
  if (next?.line === anchor.line) add(next);
  // A step chosen for its words brings its whole list too.
  for (const position of [...chosen]) {
    const sentence = sentences[position];
    if (sentence !== undefined) giveWholeList(sentence);
  }
  return join([...chosen]);

  /**
   * The sentences of the list the answer must give whole, with the sentence introducing it: the
   * list a sentence ending in a colon announces, or the numbered list a step belongs to. Null otherwise.
   */
  function listFor(sentence: Sentence): number[] | null {
    const markers = passage.listMarkers;
    if (markers === undefined) return null;
    const marker = markers[sentence.line] ?? null;
    let first: number;
    if (marker !== null) {
      if (!/^\d+\.$/.test(marker)) return null;
      first = sentence.line;
      while (first > 0 && markers[first - 1] !== null && markers[first - 1] !== undefined) first--;
    } else if (sentence.text.endsWith(":") && sentences.at(-1)?.line !== sentence.line) {
      first = nextLine(sentence.line);
      if (markers[first] === null || markers[first] === undefined) return null;
    } else return null;
    const lines = new Set<number>();
    for (let line = first; markers[line] !== null && markers[line] !== undefined; line++) lines.add(line);
    const positions = sentences.filter((candidate) => lines.has(candidate.line)).map((candidate) => candidate.position);
    const before = previousLine(first);
    const intro = sentences.filter((candidate) => candidate.line === before).at(-1);
    return intro?.text.endsWith(":") ? [intro.position, ...positions] : positions;
  }

  /** The next (previous) line with text: blocks are separated by a blank line. */
  function nextLine(line: number): number {
    let next = line + 1;
    while (next < lineCount && lineTexts[next] === "") next++;
    return next;
  }
  function previousLine(line: number): number {
    let previous = line - 1;
    while (previous > 0 && lineTexts[previous] === "") previous--;
    return previous;
  }

  function join(positions: number[]): string {
    let text = "";
    let previous: Sentence | undefined;
    for (const position of [...positions].sort((a, b) => a - b)) {
      const sentence = sentences[position];
      if (sentence === undefined) continue;
      const newLine = previous?.line !== sentence.line;
      const marker = markerOf(sentence);
      // Sentences of one paragraph read on; a list item or a new paragraph starts a new line, and a
      // list is set apart from paragraphs by a blank line (Markdown would read on otherwise).
      if (previous !== undefined) {
        text += !newLine ? " " : (markerOf(previous) === null) !== (marker === null) ? "\n\n" : "\n";
      }
      // An item's first sentence carries its marker.
      if (newLine && marker !== null && isLineStart(sentence)) text += `${marker} `;
      text += sentence.text;
      previous = sentence;
    }
    return text;
  }

  function markerOf(sentence: Sentence): string | null {
    return passage.listMarkers?.[sentence.line] ?? null;
  }

  function isLineStart(sentence: Sentence): boolean {
    return lineTexts[sentence.line]?.trimStart().startsWith(sentence.text) ?? false;
  }
}
