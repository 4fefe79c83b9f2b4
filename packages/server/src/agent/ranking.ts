import model from "./ranking-model.json" with { type: "json" };
import { parseRegression, type Regression } from "./regression";

/**
 * What the passage ranker reads about one candidate passage, each 0..1. The ranker is a logistic
 * regression fitted by fit-decision.ts ("is this passage's article the one that answers?") and
 * stored in ranking-model.json; passages are ranked by its probability.
 */
export const RANK_FEATURE_NAMES = [
  /** BM25 against the best passage's BM25. */
  "bm25",
  /** The evidence score (./calibration.ts). */
  "score",
  "focus",
  "topic",
  "coverage",
  "inSentence",
  /** BM25 of the whole article against the best article's. */
  "article",
  "articleCoverage",
  /** Share of the question's term weight found in the article's title. */
  "titleMatch",
  /** Share of the article title's terms the question uses. */
  "titleCovered",
  /** Share of the question's weight the title says in other words (./associations.ts). */
  "titleAssociated",
] as const;

export const DEFAULT_RANKER: Regression = parseRegression(model, RANK_FEATURE_NAMES, "ranking model");
