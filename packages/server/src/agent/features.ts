import type { KnowledgeIndex, ScoredPassage, SearchResult } from "./search";

/**
 * What the decision model reads about a question's search result, each roughly 0..1. Names are
 * kept with the fitted weights (decision-model.json), so a weight can never meet the wrong feature.
 */
export const FEATURE_NAMES = [
  "score",
  "focus",
  "coverage",
  "topic",
  "inSentence",
  "unknownShare",
  "knownTerms",
  "correctedShare",
  "margin",
  "otherScore",
  "otherTopic",
  "bm25Share",
  "titleInQuestion",
  "crossLanguage",
  "articleCoverage",
  "strength",
  "unknownTerms",
  "questionLength",
  "rankAgreement",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface Candidates {
  best: ScoredPassage | undefined;
  /** The best passage of another article (translations count as the same article). */
  other: ScoredPassage | undefined;
}

export function candidatesOf(result: SearchResult, index: KnowledgeIndex): Candidates {
  const best = result.candidates[0];
  if (best === undefined) return { best, other: undefined };
  const group = index.groupOf(best.passage.articleId);
  return { best, other: result.candidates.find((candidate) => index.groupOf(candidate.passage.articleId) !== group) };
}

/** The feature vector, in FEATURE_NAMES order. A question with no known term reads as all zeros but unknownShare. */
export function featuresOf(result: SearchResult, index: KnowledgeIndex): number[] {
  const { best, other } = candidatesOf(result, index);
  const { query } = result;
  const totalWeight = query.known.reduce((sum, term) => sum + term.weight, 0);
  const correctedWeight = query.known.reduce((sum, term) => (term.corrected ? sum + term.weight : sum), 0);
  const termCount = query.known.length + query.unknown.length;
  const values: Record<FeatureName, number> = {
    score: best?.score ?? 0,
    focus: best?.signals.focus ?? 0,
    coverage: best?.signals.coverage ?? 0,
    topic: best?.signals.topic ?? 0,
    inSentence: best?.signals.inSentence ?? 0,
    unknownShare: termCount === 0 ? 1 : query.unknown.length / termCount,
    knownTerms: Math.min(query.known.length, 8) / 8,
    correctedShare: totalWeight === 0 ? 0 : correctedWeight / totalWeight,
    margin: (best?.score ?? 0) - (other?.score ?? 0),
    otherScore: other?.score ?? 0,
    otherTopic: other?.signals.topic ?? 0,
    bm25Share: best === undefined ? 0 : other === undefined ? 1 : best.bm25 / (best.bm25 + other.bm25),
    titleInQuestion: best === undefined ? 0 : titleShare(best, result, index),
    crossLanguage: query.language === query.questionLanguage ? 0 : 1,
    articleCoverage: best?.signals.articleCoverage ?? 0,
    strength: best?.signals.strength ?? 0,
    unknownTerms: Math.min(query.unknown.length, 5) / 5,
    questionLength: Math.min(termCount, 20) / 20,
    rankAgreement: best !== undefined && strongestByBm25(result) === best.passage.articleId ? 1 : 0,
  };
  return FEATURE_NAMES.map((name) => values[name]);
}

/** How much of the best article's title the question names: "reset password" for "Reset your password". */
function titleShare(best: ScoredPassage, result: SearchResult, index: KnowledgeIndex): number {
  const title = index.termsOf(best.passage.articleTitle, result.query.language);
  if (title.length === 0) return 0;
  const asked = new Set(result.query.known.map((term) => term.term));
  return title.filter((term) => asked.has(term)).length / title.length;
}

function strongestByBm25(result: SearchResult): string | undefined {
  let strongest: ScoredPassage | undefined;
  for (const candidate of result.candidates) if (strongest === undefined || candidate.bm25 > strongest.bm25) strongest = candidate;
  return strongest?.passage.articleId;
}
