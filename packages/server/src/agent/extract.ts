import { expectedAnswerType, statesAnswerType } from "./answer-type";
import type { Passage } from "./knowledge";
import { splitSentences, type Sentence } from "./sentences";
import type { Analyzer } from "./terms";

/** An extractive answer is at most this many sentences… */
export const MAX_ANSWER_SENTENCES = 3;
/** …and at most this many characters, unless its single best sentence is longer on its own. */
export const MAX_ANSWER_CHARS = 450;

/**
 * The passage's sentences that best answer the question, copied word for word and kept in the
 * passage's order: the sentence richest in the question's terms (weighted by `weightOf`), the list
 * it introduces if it ends in a colon, other sentences at least half as rich, and the sentence right
 * after it when it continues the same paragraph. When the question asks for a kind of fact ("how
 * long", "how much"), a sentence about it that states such a fact counts half as much again.
 * Sentences are whole; a passage without any of the terms yields its opening.
 */
export function extractAnswer(passage: Passage, question: string, weightOf: (term: string) => number, analyzer: Analyzer): string {
  const questionTerms = analyzer.terms(question);
  const wanted = expectedAnswerType(question);
  const sentences = splitSentences(passage.text).map((sentence, position) => {
    const terms = analyzer.terms(sentence.text);
    const matched = questionTerms.reduce((sum, term) => (terms.includes(term) ? sum + weightOf(term) : sum), 0);
    const score = wanted && matched > 0 && statesAnswerType(wanted, sentence.text) ? matched * 1.5 : matched;
    return { ...sentence, position, score };
  });
  const ranked = [...sentences].sort((a, b) => b.score - a.score || a.position - b.position);
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
  // A sentence ending in a colon announces what follows (usually a list): give the list with it.
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
  return join([...chosen]);

  function join(positions: number[]): string {
    let text = "";
    let previous: Sentence | undefined;
    for (const position of [...positions].sort((a, b) => a - b)) {
      const sentence = sentences[position];
      if (sentence === undefined) continue;
      // Sentences of one paragraph read on; a list item or a new paragraph starts a new line.
      if (previous !== undefined) text += previous.line === sentence.line ? " " : "\n";
      text += sentence.text;
      previous = sentence;
    }
    return text;
  }
}
