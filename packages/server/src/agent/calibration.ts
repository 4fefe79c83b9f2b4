/**
 * Evidence that a passage answers a question, each 0..1. Shares are weighted by how rare each
 * term is (BM25's idf) and count only the question's terms that some article contains; the terms
 * no article contains are measured by `unknownShare` instead.
 */
export interface Signals {
  /** Share of the question's terms found anywhere in the passage, its heading or its article's title. */
  coverage: number;
  /** Share found in the passage's best single sentence read together with its heading and title. */
  focus: number;
  /** Share found in the heading or the article title: what the passage is about. */
  topic: number;
  /** Share found in the words of the best single sentence alone (no heading): breaks ties between passages. */
  inSentence: number;
  /** Share of the question's meaningful terms, by count, that no article contains. */
  unknownShare: number;
  /** Share found anywhere in the passage's article. */
  articleCoverage: number;
  /** The BM25 score against the question's total term weight, squashed to 0..1: how strong the match is at all. */
  strength: number;
}

/**
 * A passage's evidence in one number, used to rank passages:
 *
 *   focus × (1 − unknownShare × (1 − topic))
 *
 * `focus` asks for the question's words together in one sentence (or in the heading that sentence
 * sits under), not scattered over a passage. Words no article contains lower it, unless the words
 * we do know are what the passage is about. Whether to answer is not decided from this number
 * alone but by the fitted decision model (./decision-model.ts), which reads it with the rest.
 */
export function confidenceFrom(signals: Signals): number {
  return signals.focus * (1 - signals.unknownShare * (1 - signals.topic));
}
