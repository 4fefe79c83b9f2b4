import { statesAnswerType, type AnswerType } from "./answer-type";
import type { KnowledgeIndex, ScoredPassage, SearchResult } from "./search";
import type { Wording } from "./wording";

/**
 * What the decision model reads about a question's search result. Names are kept with the fitted
 * models (decision-model.json), so a model can never read the wrong feature. This set scored as
 * well leave-one-help-center-out as one twice its size, with fewer confidently wrong answers.
 */
export const FEATURE_NAMES = [
  /** The ranker's probability that the best passage's article answers. */
  "rank",
  /** …minus the same for the best passage of another article: how clearly one article wins. */
  "rankMargin",
  "rankTimesMargin",
  /**
   * Searched again without the question's weightiest word (SearchResult.keyWord): whether the same
   * article still comes first, and the ranker's probability for it then. A question of one word
   * counts as holding, at its own probability. Leave-one-out on thirty help centers: 2,777/4,948
   * right with 89 wrong, against 2,746 with 89 without (leaving out each of the two to four
   * weightiest words in turn gave more right answers, but more wrong ones too).
   */
  "keyWordHolds",
  "keyWordRank",
  /** The best passage's evidence score (./calibration.ts) and how much of it is its topic. */
  "score",
  "topic",
  /** BM25 against the question's term weight, squashed: how strong the match is at all. */
  "strength",
  /** Share of the question's terms no article uses. */
  "unknownShare",
  /** How many of its terms the help center knows (up to 8, as a share of 8). */
  "knownTerms",
  /** Share of the known term weight that needed a typo corrected. */
  "correctedShare",
  /** 1 when the question was searched in another language than it is written in. */
  "crossLanguage",
  /**
   * The share of the help center's articles written in the language searched: a question searched
   * among three translated articles finds one of them whatever it asks.
   */
  "languageShare",
  /** How much of the question's meaning the best passage carries, and how much more than the other article's. */
  "meaning",
  "meaningMargin",
  /**
   * 1 when, of the passages found, the one that carries most of the question's meaning is the best
   * article's: the words' meaning and the ranker point to the same article. Replayed on the
   * leave-one-out rows of thirty help centers (ranker fitted on all): 2,802/4,948 right with 86
   * wrong, against 2,781 with 88 (thresholds chosen for at most 1.9 % wrong; at 2 %, 2,825 with 94
   * against 2,781 with 89). How far its meaning leads the other articles', instead: no gain.
   */
  "meaningAgrees",
  /**
   * How many articles (up to 4, as a share of 4) have a passage with all of the question's words:
   * anywhere in it, in its heading or title, in one sentence. One such article answers; several
   * are the readings of an ambiguous question ("how do I cancel?").
   */
  "coverArticles",
  "topicArticles",
  "focusArticles",
  /**
   * focusArticles times knownTerms: several articles saying all of a short question's words in one
   * sentence are its readings ("how do I cancel?"); for a long question they are rarer, and one of
   * them is more likely the answer. Refitted leave-one-help-center-out on thirty-four: 3,246/5,648
   * right with 108 wrong, against 3,201 with 101 without it; on four blind help centers 356/700
   * with 11 wrong against 349 with 9.
   */
  "focusArticlesTimesTerms",
  /**
   * How the question is put (SearchResult.form): ending in a question mark; asking for a kind of
   * fact ("how long", "how much", "combien de temps", "wie viel kostet": ./answer-type); and whether the passage
   * the answer would quote (answerPassage: the best one, or a nearly as strong one of the same
   * article that states such a fact) states one of that kind. Leave-one-out with them: 1,274/2,306
   * right with 43 wrong, against 1,255 with 46 without.
   */
  "questionMark",
  /**
   * questionMark times knownTerms: a long question put whole names what it asks about; a short one
   * ending in "?" ("can I change it?") is as often one of several readings. Refitted
   * leave-one-help-center-out on thirty-four: 3,262/5,648 right with 106 wrong, against 3,246 with
   * 108 without it; on three new blind help centers 316/525 with 14 wrong against 315 with 13.
   */
  "questionMarkTimesTerms",
  "asksFact",
  "factStated",
  /**
   * How the question is worded, whatever it asks about (./wording.ts): the probability that a
   * question so worded is for the team, and that it is answered right, each learnt from the words
   * the customers of many help centers use. Leave-one-out on sixty-four: 6,388/10,898 right with
   * 139 wrong, against 6,147 with 142 without them; on three blind help centers 295/525 with 12
   * wrong, against 286 with 16.
   */
  "wordingTeam",
  "wordingAnswered",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** A share of the question's term weight this close to 1 is all of it (rounding aside). */
const WHOLE = 0.99;

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

/**
 * Whether the question's words are exactly the best article's title's, and no other article's title
 * has them all and nothing more ("how do I delete my account?" and "Deleting your account"): owners
 * title articles by what customers ask, so that article answers, however many others use the same
 * words in passing. At least two words, in the language the question is written in, each spelt as
 * the help center spells it and none it does not know: one word ("refunds?") names a topic, which
 * may be asked about in many ways. On the twenty labelled help centers, 9 questions that the model
 * alone would not answer: 8 answerable ones, answered with the expected article, and 1 ambiguous.
 */
export function namedByTitle(result: SearchResult, index: KnowledgeIndex): boolean {
  const best = result.candidates[0];
  const { known, unknown, language, questionLanguage } = result.query;
  if (best === undefined || language !== questionLanguage || unknown.length > 0 || known.length < 2 || known.some((term) => term.corrected)) {
    return false;
  }
  const titled = new Set([...index.articlesTitled(known.map(({ term }) => term), language)].map((id) => index.groupOf(id)));
  return titled.size === 1 && titled.has(index.groupOf(best.passage.articleId));
}

/** The feature vector, in FEATURE_NAMES order, of a result searched with `keyWordTest`. */
export function featuresOf(result: SearchResult, index: KnowledgeIndex, wording: Wording): number[] {
  if (result.keyWord === undefined) throw new Error("featuresOf: search with { keyWordTest: true }, the decision reads the key-word test");
  const { best, other } = candidatesOf(result, index);
  const { query, form } = result;
  const totalWeight = query.known.reduce((sum, term) => sum + term.weight, 0);
  const correctedWeight = query.known.reduce((sum, term) => (term.corrected ? sum + term.weight : sum), 0);
  const termCount = query.known.length + query.unknown.length;
  const rank = best?.rank ?? 0;
  const articlesWith = (has: (signals: ScoredPassage["signals"]) => boolean) =>
    Math.min(new Set(result.candidates.filter((c) => has(c.signals)).map((c) => index.groupOf(c.passage.articleId))).size, 4) / 4;
  const rankMargin = rank - (other?.rank ?? 0);
  const knownTerms = Math.min(query.known.length, 8) / 8;
  const focusArticles = articlesWith((signals) => signals.focus >= WHOLE);
  const values: Record<FeatureName, number> = {
    rank,
    rankMargin,
    rankTimesMargin: rank * rankMargin,
    keyWordHolds: result.keyWord === null || result.keyWord.sameBest ? 1 : 0,
    keyWordRank: result.keyWord?.bestRank ?? rank,
    score: best?.score ?? 0,
    topic: best?.signals.topic ?? 0,
    strength: best?.signals.strength ?? 0,
    unknownShare: termCount === 0 ? 1 : query.unknown.length / termCount,
    knownTerms,
    correctedShare: totalWeight === 0 ? 0 : correctedWeight / totalWeight,
    crossLanguage: query.language === query.questionLanguage ? 0 : 1,
    languageShare: index.languageShare(query.language),
    meaning: best?.meaning ?? 0,
    meaningMargin: (best?.meaning ?? 0) - (other?.meaning ?? 0),
    meaningAgrees: best !== undefined && index.groupOf(closestInMeaning(result.candidates).passage.articleId) === index.groupOf(best.passage.articleId) ? 1 : 0,
    coverArticles: articlesWith((signals) => signals.coverage >= WHOLE),
    topicArticles: articlesWith((signals) => signals.topic >= WHOLE),
    focusArticles,
    focusArticlesTimesTerms: focusArticles * knownTerms,
    questionMark: form.questionMark ? 1 : 0,
    questionMarkTimesTerms: form.questionMark ? knownTerms : 0,
    asksFact: form.answerType === null ? 0 : 1,
    // Of the passage the answer would quote, which may be another of the best article's (see answerPassage).
    factStated: form.answerType !== null && best !== undefined && statesAnswerType(form.answerType, answerPassage(form.answerType, best, result.candidates).passage.text) ? 1 : 0,
    wordingTeam: wording.team,
    wordingAnswered: wording.answered,
  };
  return FEATURE_NAMES.map((name) => values[name]);
}

/** The passage that carries most of the question's meaning (the first of equals); candidates must not be empty. */
function closestInMeaning(candidates: readonly ScoredPassage[]): ScoredPassage {
  return candidates.reduce((closest, candidate) => (candidate.meaning > closest.meaning ? candidate : closest));
}

/**
 * The ranker learnt which article answers, not which of its passages: two passages of that article
 * it scores within this much of each other are a tie, which the full-text match (headings weigh
 * more) breaks. "How do I reset my password?" is answered from "Resetting a forgotten password",
 * not from "Locked account", which mentions resetting in passing.
 */
const PASSAGE_TIE = 0.02;

/**
 * The passage an answer quotes: the best one (see PASSAGE_TIE), unless the question asks for a kind
 * of fact (`wanted`) it does not state and a nearly as strong passage of the same article does.
 */
export function answerPassage(wanted: AnswerType | null, top: ScoredPassage, candidates: readonly ScoredPassage[]): ScoredPassage {
  const best = candidates.reduce(
    (chosen, candidate) =>
      candidate.passage.articleId === top.passage.articleId && candidate.rank >= top.rank - PASSAGE_TIE && candidate.bm25 > chosen.bm25 ? candidate : chosen,
    top,
  );
  if (wanted === null || statesAnswerType(wanted, best.passage.text)) return best;
  const alternative = candidates.find(
    (candidate) =>
      candidate.passage.articleId === best.passage.articleId &&
      candidate.score >= best.score * 0.9 &&
      statesAnswerType(wanted, candidate.passage.text),
  );
  return alternative ?? best;
}
