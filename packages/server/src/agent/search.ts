import { expectedAnswerType, withoutFactWords, type AnswerType } from "./answer-type";
import { associationOf, DEFAULT_ASSOCIATIONS, type Associations } from "./associations";
import { confidenceFrom, type Signals } from "./calibration";
import { tidyMessage, withoutAddresses, withoutPleasantries } from "./chat-intent";
import { FullTextIndex, inverseDocumentFrequency, type FullTextField } from "./full-text";
import { DEFAULT_RANKER, RANK_FEATURE_NAMES } from "./ranking";
import { probability, type Regression } from "./regression";
import { chunkArticle, translationGroups, withoutBoilerplate, type Article, type Passage } from "./knowledge";
import { detectLanguage, UI_LANGUAGES } from "./language";
import { splitSentences } from "./sentences";
import { isDictionaryWord, loadDictionary, SpellingCorrector } from "./spelling";
import { analyzerFor, fold, languageOf, tokenize, wordsOf, type Analyzer } from "./terms";
import { englishVectors, type WordVectors } from "./word-vectors";

export type { Signals } from "./calibration";

/** A passage found for a question, with the evidence behind its score. */
export interface ScoredPassage {
  passage: Passage;
  /** Heuristic evidence score, 0..1 (see ./calibration); the decision model weighs it with the rest. */
  score: number;
  /** BM25+ score from the full-text index: unbounded, comparable only within one question. */
  bm25: number;
  /** The evidence the score was computed from. */
  signals: Signals;
  /** The question's meaningful terms found in the passage, its heading or its article's title. */
  matchedTerms: string[];
  /** The question's meaningful terms the passage lacks, including those no article contains. */
  missingTerms: string[];
  /**
   * How much of the question's meaning the passage's words carry, 0..1: each of the question's
   * words counts by how close in meaning the passage's closest word is (general-language word
   * vectors; English only, elsewhere the share of the question's terms the passage has).
   */
  meaning: number;
  /** What the ranker read (RANK_FEATURE_NAMES order), and its probability that this passage's article answers. */
  rankFeatures: number[];
  rank: number;
}

/** A passage as search ranks it, before its meaning is weighed (LanguageIndex.withMeaning). */
type RankedPassage = Omit<ScoredPassage, "meaning">;

/** How a question reads to one language's index. */
export interface QueryAnalysis {
  /** The language the question was searched in. */
  language: string;
  /** The language the customer wrote in; differs from `language` when no article is in theirs. */
  questionLanguage: string;
  /** Meaningful terms the help center uses, with how much each counts (rarer and topical count more). */
  known: { term: string; weight: number; corrected: boolean }[];
  /** Meaningful terms no article of that language uses. */
  unknown: string[];
  /** The question's meaningful words that have a general-language vector (row, weight); empty without vectors. */
  words: { id: number; weight: number }[];
}

/** How the customer put the question, whatever its words: what the decision reads besides the search. */
export interface QuestionForm {
  /** It ends with a question mark: a question put whole, not a topic ("refund") or a story. */
  questionMark: boolean;
  /** The kind of fact it asks for ("how long…?" a duration), if its wording says (./answer-type). */
  answerType: AnswerType | null;
}

export interface SearchResult {
  query: QueryAnalysis;
  form: QuestionForm;
  /** Best first. */
  candidates: ScoredPassage[];
  /**
   * How the result holds without the question's weightiest word, when the search was asked for it
   * (SearchOptions.keyWordTest); null for fewer than two words, or nothing found.
   */
  keyWord?: KeyWordTest | null;
}

/**
 * The same search without the question's weightiest word: whether the same article (or a
 * translation of it) still comes first, and the ranker's probability for that article's best
 * passage then (0 when none is found). An article that wins only by that one word ("refund for a
 * Denver order": "refund" finds Returns, the rest Shipping) is a weaker answer than one the rest of
 * the question points to too.
 */
export interface KeyWordTest {
  sameBest: boolean;
  bestRank: number;
}

/** What orders the passages found: the ranker, and the word associations one of its features reads. */
interface Ranking {
  ranker: Regression;
  associations: Associations;
}

export interface SearchOptions {
  limit?: number;
  /** Search in this language instead of the one detected. */
  language?: string;
  /** The Messenger's locale: breaks ties when detecting the question's language. */
  hint?: string;
  /** Only passages of these articles. */
  articleIds?: ReadonlySet<string>;
  /** Rank with this model instead of the fitted one (the fitting script tries its own). */
  ranker?: Regression;
  /** Search once more without the question's weightiest word (SearchResult.keyWord): the decision reads it. */
  keyWordTest?: boolean;
  /** Rank with these words' associations instead of the learnt ones (the fitting script learns its own). */
  associations?: Associations;
}

// A term in the article's title or the section's heading says more about what a passage is about
// than one in passing in its text. A passage without a heading has no such field (not an empty
// one, which would shorten the field's average length and so change every score).
const PASSAGE_FIELDS: readonly FullTextField<Passage>[] = [
  { boost: 2, text: (passage) => passage.articleTitle },
  { boost: 1.5, text: (passage) => passage.heading ?? undefined },
  { boost: 1, text: (passage) => passage.text },
];

/** An article's passages run together, for scoring the article as a whole. */
interface ArticleText {
  title: string;
  text: string;
}

const ARTICLE_FIELDS: readonly FullTextField<ArticleText>[] = [
  { boost: 2, text: (article) => article.title },
  { boost: 1, text: (article) => article.text },
];

/**
 * A term some title or heading uses counts this much more than its rarity alone says: rarity
 * overrates incidental words ("hour" in "I ordered an hour ago, can I still cancel?").
 */
const SUBJECT_WEIGHT = 1.5;

/**
 * A word everyday language uses all the time ("good", "put", "down", "happen") weighs less than its
 * rarity in the articles says: "how do I close my account for good" is not about "Good habits".
 * By the word's rank in the general-language word list (ordered by frequency): at most `common`
 * it weighs `floor` of its rarity, from `rare` on all of it, and in between along the logarithm.
 */
const EVERYDAY = { common: 100, rare: 5000, floor: 0.5 };

function everydayFactor(rank: number | undefined): number {
  if (rank === undefined) return 1;
  const along = (Math.log(rank + 1) - Math.log(EVERYDAY.common)) / (Math.log(EVERYDAY.rare) - Math.log(EVERYDAY.common));
  return EVERYDAY.floor + (1 - EVERYDAY.floor) * Math.min(1, Math.max(0, along));
}

/** A word recognised only after correcting a typo (or by its word family) is weaker evidence than one spelt right. */
const CORRECTED_WEIGHT = 0.8;

/**
 * Stems the stemmer leaves apart though one starts the other ("deliv" and "deliveri" for deliver and
 * delivery): a question's unknown stem this close to a known one counts as it, like a typo.
 */
const FAMILY = { minLength: 4, maxExtra: 3 };

/**
 * Languages that write compounds as one word ("Versandkosten", "bagageluckan", "klantenservice"):
 * a question's unknown compound counts as the known words it is made of, each at least `minPart`
 * letters long (with a German or Scandinavian linking "s" between them). In other languages only a
 * word run together from two known ones is split ("giftcard"), never one known part and a rest.
 */
const COMPOUND = { languages: new Set(["de", "nl", "sv", "da", "nb", "no", "nn", "fi", "is"]), minPart: 4 };

/**
 * Cosine similarity of two word vectors below which the words count as unrelated. (Searching a
 * word no article uses as the articles' word nearest in meaning was tried, for all such words and
 * for questions with no other match: it found more of the right articles but decided no better
 * leave-one-help-center-out, and matched questions about things no article covers.)
 */
const SIMILAR = { unrelated: 0.4 };

/**
 * Only the best BM25 matches are weighed in full. The passage that answers is among them in
 * practice, and it keeps the cost of a question flat however large the help center grows.
 */
const POOL = 40;


interface PassageTerms {
  all: Set<string>;
  /** Word-vector rows of the passage's meaningful words (its heading and title included). */
  vectors: Int32Array;
  /** Terms of the heading and the article title: what the passage is about. */
  topic: Set<string>;
  /** Terms of the article title alone. */
  title: Set<string>;
  sentences: Set<string>[];
}

interface IndexedPassage {
  passage: Passage;
  order: number;
  terms: PassageTerms;
}

/** The passages of the articles of one language, indexed with that language's analyzer. */
class LanguageIndex {
  readonly analyzer: Analyzer;
  readonly #search: FullTextIndex<Passage>;
  /** The same articles indexed whole: evidence spread over an article's sections still counts for it. */
  readonly #articleSearch: FullTextIndex<ArticleText>;
  readonly passages = new Map<string, IndexedPassage>();
  /** Every term of each article, all its passages together. */
  readonly #articleTerms = new Map<string, Set<string>>();
  /** In how many passages each term occurs. */
  readonly #passageFrequency = new Map<string, number>();
  /** Terms of any article title or section heading: the subjects this help center is about. */
  readonly #subjects = new Set<string>();
  /** Every word the articles use (accents folded), with how often: for spelling and language votes. */
  readonly #words = new Map<string, number>();
  readonly #speller: SpellingCorrector;
  /** The articles whose title has exactly these terms (sorted, space-separated). */
  readonly #titles = new Map<string, Set<string>>();
  /** The articles with an example question (Passage.articleQuestions) of exactly these terms. */
  readonly #examples = new Map<string, Set<string>>();
  /** Known terms, sorted, for finding a stem's family by prefix. */
  #sortedTerms: string[] = [];
  /** General-language word vectors, for the languages there are some for. */
  readonly #vectors: WordVectors | null;

  constructor(
    readonly language: string,
    passages: readonly Passage[],
    firstOrder: number,
  ) {
    this.analyzer = analyzerFor(language);
    this.#vectors = language === "en" ? englishVectors() : null;
    for (const [offset, passage] of passages.entries()) {
      const topicText = `${passage.articleTitle} ${passage.heading ?? ""}`;
      const topic = new Set(this.analyzer.terms(topicText));
      const title = new Set(this.analyzer.terms(passage.articleTitle));
      const sentences = splitSentences(passage.text).map((sentence) => new Set(this.analyzer.terms(sentence.text)));
      const all = new Set([...topic, ...sentences.flatMap((terms) => [...terms])]);
      const vectors = this.#vectorRows(`${topicText} ${passage.text}`);
      this.passages.set(passage.id, { passage, order: firstOrder + offset, terms: { all, topic, title, sentences, vectors } });
      const articleTerms = this.#articleTerms.get(passage.articleId) ?? new Set<string>();
      for (const term of all) articleTerms.add(term);
      this.#articleTerms.set(passage.articleId, articleTerms);
      for (const term of topic) this.#subjects.add(term);
      const titleKey = termsKey(title);
      this.#titles.set(titleKey, (this.#titles.get(titleKey) ?? new Set<string>()).add(passage.articleId));
      for (const term of all) this.#passageFrequency.set(term, (this.#passageFrequency.get(term) ?? 0) + 1);
      for (const token of tokenize(`${topicText} ${passage.text}`)) {
        const word = fold(token);
        this.#words.set(word, (this.#words.get(word) ?? 0) + 1);
      }
    }
    this.#speller = new SpellingCorrector(this.#words);
    // Loaded with the index, not by the first customer's question.
    loadDictionary(language);
    this.#sortedTerms = [...this.#passageFrequency.keys()].sort();
    const term = (token: string) => this.analyzer.term(token);
    this.#search = new FullTextIndex(
      passages.map((passage) => ({ id: passage.id, document: passage })),
      PASSAGE_FIELDS,
      tokenize,
      term,
    );
    const articleTexts = new Map<string, ArticleText>();
    for (const passage of passages) {
      const text = `\n${passage.heading ?? ""}\n${passage.text}`;
      const entry = articleTexts.get(passage.articleId);
      if (entry !== undefined) {
        entry.text += text;
        continue;
      }
      articleTexts.set(passage.articleId, { title: passage.articleTitle, text });
      // Every passage carries its article's example questions: read them once.
      for (const example of passage.articleQuestions ?? []) {
        const key = termsKey(this.analyzer.terms(example));
        this.#examples.set(key, (this.#examples.get(key) ?? new Set<string>()).add(passage.articleId));
      }
    }
    this.#articleSearch = new FullTextIndex(
      [...articleTexts].map(([id, document]) => ({ id, document })),
      ARTICLE_FIELDS,
      tokenize,
      term,
    );
  }

  /** The distinct word-vector rows of a text's meaningful words. */
  #vectorRows(text: string): Int32Array {
    const rows = new Set<number>();
    if (this.#vectors === null) return new Int32Array(0);
    for (const token of tokenize(text)) {
      if (this.analyzer.term(token) === null) continue;
      const id = this.#vectors.id(fold(token));
      if (id !== undefined) rows.add(id);
    }
    return Int32Array.from(rows);
  }

  /**
   * The passages with how much of the question's meaning each carries: computed for the passages
   * found only, as the words of each are compared with every word of the question.
   */
  withMeaning(query: QueryAnalysis, passages: readonly RankedPassage[]): ScoredPassage[] {
    const meaning = this.#meaningMatch(query.words);
    return passages.map((ranked) => {
      const vectors = this.passages.get(ranked.passage.id)?.terms.vectors;
      return { ...ranked, meaning: meaning !== null && vectors !== undefined ? meaning(vectors) : ranked.signals.coverage };
    });
  }

  /**
   * How much of the question's meaning a set of words carries: for each of the question's words
   * the closest of them (1 for the same word, 0 for unrelated ones), weighted as the words weigh.
   * Null when the question has no word with a vector.
   */
  #meaningMatch(words: QueryAnalysis["words"]): ((rows: Int32Array) => number) | null {
    const vectors = this.#vectors;
    if (vectors === null || words.length === 0) return null;
    const total = words.reduce((sum, word) => sum + word.weight, 0);
    // Passages share words: a word's closeness to every asked word is computed once per question,
    // all at once, and kept at its offset in one array.
    const offsets = new Map<number, number>();
    let closeness = new Float64Array(words.length * 256);
    const closenessAt = (row: number): number => {
      const known = offsets.get(row);
      if (known !== undefined) return known;
      const at = offsets.size * words.length;
      if (at + words.length > closeness.length) {
        const grown = new Float64Array(closeness.length * 2);
        grown.set(closeness);
        closeness = grown;
      }
      for (const [i, word] of words.entries()) {
        closeness[at + i] = row === word.id ? 1 : Math.max(0, (vectors.similarity(word.id, row) - SIMILAR.unrelated) / (1 - SIMILAR.unrelated));
      }
      offsets.set(row, at);
      return at;
    };
    const best = new Float64Array(words.length);
    return (rows) => {
      best.fill(0);
      for (const row of rows) {
        const at = closenessAt(row);
        for (let i = 0; i < words.length; i++) best[i] = Math.max(best[i] ?? 0, closeness[at + i] ?? 0);
      }
      let sum = 0;
      for (const [i, word] of words.entries()) sum += word.weight * (best[i] ?? 0);
      return sum / total;
    };
  }

  /** The articles whose title has exactly these terms, no more and no fewer. */
  articlesTitled(terms: Iterable<string>): ReadonlySet<string> {
    return this.#titles.get(termsKey(terms)) ?? new Set();
  }

  /** The articles with an example question of exactly these terms. */
  articlesAsked(terms: Iterable<string>): ReadonlySet<string> {
    return this.#examples.get(termsKey(terms)) ?? new Set();
  }

  /** Whether any article has example questions. */
  get hasExamples(): boolean {
    return this.#examples.size > 0;
  }

  /** Whether the articles use this word (a token as `tokenize` returns it). */
  usesWord(token: string): boolean {
    return this.#words.has(fold(token));
  }

  knows(term: string): boolean {
    return this.#passageFrequency.has(term);
  }

  /** BM25's inverse document frequency over passages, times SUBJECT_WEIGHT for a title or heading term. */
  termWeight(term: string): number {
    const idf = inverseDocumentFrequency(this.passages.size, this.#passageFrequency.get(term) ?? 0);
    return this.#subjects.has(term) ? idf * SUBJECT_WEIGHT : idf;
  }

  /** The most common known term of the same word family as `term` (see FAMILY), or null. */
  family(term: string): string | null {
    if (term.length < FAMILY.minLength || /\d/.test(term)) return null;
    let best: string | null = null;
    const consider = (candidate: string) => {
      if (candidate === term || Math.abs(candidate.length - term.length) > FAMILY.maxExtra) return;
      if (Math.min(candidate.length, term.length) < FAMILY.minLength) return;
      if (best === null || (this.#passageFrequency.get(candidate) ?? 0) > (this.#passageFrequency.get(best) ?? 0)) best = candidate;
    };
    // Known terms that extend it: a contiguous run of the sorted list.
    let low = 0;
    let high = this.#sortedTerms.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.#sortedTerms[middle] ?? "") < term) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < this.#sortedTerms.length && this.#sortedTerms[i]?.startsWith(term); i++) consider(this.#sortedTerms[i] ?? "");
    // Known terms it extends.
    for (let length = term.length - 1; length >= FAMILY.minLength; length--) {
      const prefix = term.slice(0, length);
      if (this.knows(prefix)) consider(prefix);
    }
    return best;
  }

  /**
   * The known terms an unknown compound word is made of (see COMPOUND), or null. Both parts when
   * the articles use both; else, in a compounding language, the longest known first part
   * ("bagage|luckan") or, failing that, the last ("res|väskan"): an article about luggage rarely
   * names the hatch it goes in.
   */
  #compoundParts(token: string): string[] | null {
    if (token.length < 2 * COMPOUND.minPart) return null;
    const compounding = COMPOUND.languages.has(this.language);
    const known = (word: string): string | null => {
      if (word.length < COMPOUND.minPart) return null;
      const term = this.analyzer.term(word);
      if (term === null) return null;
      return this.knows(term) ? term : this.family(term);
    };
    const tailOf = (rest: string) => known(rest) ?? (compounding && rest.startsWith("s") ? known(rest.slice(1)) : null);
    let first: string | null = null;
    let last: string | null = null;
    for (let cut = token.length - COMPOUND.minPart; cut >= COMPOUND.minPart - 1; cut--) {
      const head = known(token.slice(0, cut));
      const tail = tailOf(token.slice(cut));
      if (head !== null && tail !== null) return [head, tail];
      first ??= head;
      last ??= tail;
    }
    const part = first ?? last;
    return part === null || !compounding ? null : [part];
  }

  analyze(question: string, questionLanguage: string): QueryAnalysis {
    const known = new Map<string, { term: string; weight: number; corrected: boolean }>();
    const unknown = new Set<string>();
    const words = new Map<number, number>();
    const addWord = (word: string, weight: number) => {
      const id = this.#vectors?.id(fold(word));
      if (id !== undefined) words.set(id, Math.max(words.get(id) ?? 0, weight));
    };
    const rareWeight = this.#rareWeight;
    // "pre-order" written as one counts only where the articles write it so ("preorder"); its parts count anyway.
    const { words: plain, joined } = wordsOf(question);
    const joinedSet = new Set(joined);
    for (const token of [...plain, ...joined]) {
      const term = this.analyzer.term(token);
      if (term === null || (joinedSet.has(token) && !this.knows(term))) continue;
      if (this.knows(term)) {
        const weight = this.termWeight(term) * everydayFactor(this.#vectors?.id(fold(token)));
        if (!known.has(term) || known.get(term)?.corrected) known.set(term, { term, weight, corrected: false });
        addWord(token, weight);
        continue;
      }
      // A word of the customer's circumstances is a real word however it is spelt ("june" is no typo of "junk").
      const correction = isDictionaryWord(this.language, token) || this.analyzer.isStoryWord(token) ? null : this.#speller.correct(fold(token));
      const corrected = this.family(term) ?? (correction === null ? null : this.analyzer.term(correction));
      if (corrected !== null && corrected !== undefined && this.knows(corrected) && !known.has(corrected)) {
        known.set(corrected, { term: corrected, weight: this.termWeight(corrected) * CORRECTED_WEIGHT, corrected: true });
        addWord(correction ?? token, this.termWeight(corrected) * CORRECTED_WEIGHT);
      } else if (corrected === null || corrected === undefined || !known.has(corrected)) {
        const parts = this.#compoundParts(token);
        if (parts === null) {
          // "wife" still carries its meaning ("spouse"), but is no sign of a topic no article covers.
          if (!this.analyzer.isStoryWord(token)) unknown.add(term);
          addWord(token, rareWeight);
        }
        for (const part of parts ?? []) {
          if (!known.has(part)) known.set(part, { term: part, weight: this.termWeight(part) * CORRECTED_WEIGHT, corrected: true });
        }
      }
    }
    return {
      language: this.language,
      questionLanguage,
      known: [...known.values()],
      unknown: [...unknown],
      words: [...words].map(([id, weight]) => ({ id, weight })),
    };
  }

  /** The passages that best answer the query, best first, without their meaning (see withMeaning). */
  search(query: QueryAnalysis, limit: number, ranking: Ranking, articleIds?: ReadonlySet<string>): RankedPassage[] {
    const { ranker } = ranking;
    const { known } = query;
    if (known.length === 0) return [];
    const knownWeight = known.reduce((sum, { weight }) => sum + weight, 0);
    const share = (found: (term: string) => boolean) =>
      known.reduce((sum, { term, weight }) => (found(term) ? sum + weight : sum), 0) / knownWeight;
    const allTerms = [...known.map(({ term }) => term), ...query.unknown];

    // BM25 weighs a term's rarity itself: the boost is what the question adds to it (a corrected typo counts less).
    const boosted = known.map(({ term, weight }) => ({ term, boost: weight / (this.termWeight(term) || 1) }));
    const accept = articleIds && ((id: string) => articleIds.has(this.passages.get(id)?.passage.articleId ?? ""));
    const results = this.#search.search(boosted, accept).slice(0, POOL);
    const scored: (Omit<RankedPassage, "rankFeatures" | "rank"> & { order: number; title: Set<string> })[] = [];
    for (const result of results) {
      const entry = this.passages.get(result.id);
      if (entry === undefined) continue;
      const { all, topic, title, sentences } = entry.terms;
      // The best single sentence, read with its heading: words spread over unrelated sentences
      // ("open the link" … "24 hours") are weaker evidence than one sentence that says it all.
      let focus = 0;
      let inSentence = 0;
      for (const sentence of sentences) {
        focus = Math.max(focus, share((term) => sentence.has(term) || topic.has(term)));
        inSentence = Math.max(inSentence, share((term) => sentence.has(term)));
      }
      const signals: Signals = {
        coverage: share((term) => all.has(term)),
        focus: sentences.length > 0 ? focus : share((term) => topic.has(term)),
        topic: share((term) => topic.has(term)),
        inSentence,
        unknownShare: query.unknown.length / allTerms.length,
        articleCoverage: share((term) => this.#articleTerms.get(entry.passage.articleId)?.has(term) ?? false),
        strength: result.score / (result.score + knownWeight),
      };
      scored.push({
        passage: entry.passage,
        order: entry.order,
        score: confidenceFrom(signals),
        bm25: result.score,
        signals,
        matchedTerms: allTerms.filter((term) => all.has(term)),
        missingTerms: allTerms.filter((term) => !all.has(term)),
        title,
      });
    }
    const topBm25 = Math.max(...scored.map((candidate) => candidate.bm25), 1e-9);
    const articleScores = new Map<string, number>();
    for (const result of this.#articleSearch.search(boosted)) articleScores.set(result.id, result.score);
    const topArticle = Math.max(...articleScores.values(), 1e-9);
    const asked = new Set(known.map(({ term }) => term));
    const associated = this.#associated(query, ranking.associations, asked);
    const ranked = scored.map(({ title, ...candidate }) => {
      const values: Record<(typeof RANK_FEATURE_NAMES)[number], number> = {
        bm25: candidate.bm25 / topBm25,
        score: candidate.score,
        focus: candidate.signals.focus,
        topic: candidate.signals.topic,
        coverage: candidate.signals.coverage,
        inSentence: candidate.signals.inSentence,
        article: (articleScores.get(candidate.passage.articleId) ?? 0) / topArticle,
        articleCoverage: candidate.signals.articleCoverage,
        titleMatch: share((term) => title.has(term)),
        titleCovered: title.size === 0 ? 0 : [...title].filter((term) => asked.has(term)).length / title.size,
        titleAssociated: associated(candidate.passage.articleId, title),
      };
      const rankFeatures = RANK_FEATURE_NAMES.map((name) => values[name]);
      return { ...candidate, rankFeatures, rank: probability(ranker, rankFeatures) };
    });
    // Equal rank: prefer the passage that is about the question's words, then the one that says it
    // in one sentence, then the stronger BM25 match.
    ranked.sort(
      (a, b) =>
        b.rank - a.rank ||
        b.signals.topic - a.signals.topic ||
        b.signals.inSentence - a.signals.inSentence ||
        b.bm25 - a.bm25 ||
        a.order - b.order,
    );
    return ranked.slice(0, limit).map(({ order: _order, ...rest }) => rest);
  }

  /**
   * How much of the question the title says in other words: each term of the question (known to
   * the help center or not) the title lacks, weighted as search weighs it, counts as strongly as it
   * is associated with a title term the question lacks (./associations.ts), as a share of the
   * question's weight.
   */
  #associated(
    query: QueryAnalysis,
    associations: Associations,
    asked: ReadonlySet<string>,
  ): (articleId: string, title: ReadonlySet<string>) => number {
    if (associations.language !== this.language) return () => 0;
    const terms = [...query.known, ...query.unknown.map((term) => ({ term, weight: this.#rareWeight }))];
    const total = terms.reduce((sum, { weight }) => sum + weight, 0) || 1;
    // Every passage of an article has the same title: each article's is scored once.
    const byArticle = new Map<string, number>();
    return (articleId, title) => {
      const known = byArticle.get(articleId);
      if (known !== undefined) return known;
      let sum = 0;
      for (const { term, weight } of terms) {
        if (title.has(term)) continue;
        let strongest = 0;
        for (const other of title) if (!asked.has(other)) strongest = Math.max(strongest, associationOf(associations, term, other));
        sum += weight * strongest;
      }
      const associated = sum / total;
      byArticle.set(articleId, associated);
      return associated;
    };
  }

  /** A word no passage uses weighs as much as one that a single passage uses. */
  get #rareWeight(): number {
    return inverseDocumentFrequency(this.passages.size, 1);
  }
}

function termsKey(terms: Iterable<string>): string {
  return [...new Set(terms)].sort().join(" ");
}

/** A question mark ends the question, whatever emoji, closing quotes or brackets follow it ("…today? 🙏"). */
const ENDS_IN_QUESTION_MARK = /[?？][\s\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f"'”’»)\]]*$/u;

/**
 * Full-text (BM25) index over the passages of a help center's articles, one per language: a French
 * question is stemmed as French and searched among the French articles. A question in a language
 * no article is written in is searched in the help center's main language.
 */
export class KnowledgeIndex {
  readonly articles: readonly Article[];
  readonly #byLanguage = new Map<string, LanguageIndex>();
  readonly #articles = new Map<string, Article>();
  readonly #languageShares = new Map<string, number>();
  /** Article id → the id of its translation group's original. */
  readonly #group: Map<string, string>;
  /** The language most articles are in: where questions in other languages are searched. */
  readonly mainLanguage: string;

  private constructor(articles: readonly Article[]) {
    this.articles = articles;
    this.#group = translationGroups(articles);
    const passagesByLanguage = new Map<string, Passage[]>();
    const counts = new Map<string, number>();
    for (const article of articles) {
      this.#articles.set(article.id, article);
      const language = languageOf(article.locale);
      counts.set(language, (counts.get(language) ?? 0) + 1);
      const list = passagesByLanguage.get(language) ?? [];
      list.push(...chunkArticle(article));
      passagesByLanguage.set(language, list);
    }
    let order = 0;
    for (const [language, all] of passagesByLanguage) {
      const passages = withoutBoilerplate(all);
      this.#byLanguage.set(language, new LanguageIndex(language, passages, order));
      order += passages.length;
    }
    this.mainLanguage = [...counts].sort((a, b) => b[1] - a[1] || (a[0] === "en" ? -1 : 1))[0]?.[0] ?? "en";
  }

  /** Chunks the articles into passages and indexes them. */
  static build(articles: readonly Article[]): KnowledgeIndex {
    return new KnowledgeIndex([...articles]);
  }

  /**
   * The share of the help center's articles (translations counted once) that have a version in a
   * language: 1 for the main language of most help centers, small for one with a few translations.
   */
  languageShare(language: string): number {
    let share = this.#languageShares.get(language);
    if (share === undefined) {
      const groups = new Set(this.articles.map((article) => this.groupOf(article.id)));
      const inLanguage = new Set(this.articles.filter((article) => languageOf(article.locale) === language).map((article) => this.groupOf(article.id)));
      share = groups.size === 0 ? 0 : inLanguage.size / groups.size;
      this.#languageShares.set(language, share);
    }
    return share;
  }

  /** The languages the articles are written in. */
  get languages(): string[] {
    return [...this.#byLanguage.keys()];
  }

  article(id: string): Article | undefined {
    return this.#articles.get(id);
  }

  /** The id of the original an article translates (itself when it is one). */
  groupOf(articleId: string): string {
    return this.#group.get(articleId) ?? articleId;
  }

  /** The version of an article in a language, if the help center has one. */
  inLanguage(articleId: string, language: string): Article | undefined {
    const group = this.groupOf(articleId);
    const article = this.#articles.get(articleId);
    if (article && languageOf(article.locale) === language) return article;
    return this.articles.find((candidate) => this.groupOf(candidate.id) === group && languageOf(candidate.locale) === language);
  }

  /** The language a question is written in, among the articles' languages and the Messenger's own. */
  detectLanguage(question: string, hint?: string): string {
    return detectLanguage(
      question,
      [...new Set([...this.languages, ...UI_LANGUAGES])],
      (language, token) => this.#byLanguage.get(language)?.usesWord(token) ?? false,
      hint,
    );
  }

  /** How much a term counts as evidence in a language's index (0 for an unknown language). */
  termWeight(term: string, language = this.mainLanguage): number {
    return this.#byLanguage.get(language)?.termWeight(term) ?? 0;
  }

  /** The articles of a language whose title has exactly these terms (as that language's index reads them). */
  articlesTitled(terms: Iterable<string>, language = this.mainLanguage): ReadonlySet<string> {
    return this.#byLanguage.get(language)?.articlesTitled(terms) ?? new Set();
  }

  /** The articles of a language with an example question of exactly these terms (front matter `questions:`). */
  articlesAsked(terms: Iterable<string>, language = this.mainLanguage): ReadonlySet<string> {
    return this.#byLanguage.get(language)?.articlesAsked(terms) ?? new Set();
  }

  /** Whether any article of a language has example questions. */
  hasExamples(language = this.mainLanguage): boolean {
    return this.#byLanguage.get(language)?.hasExamples ?? false;
  }

  /** The terms of a text, as the index of that language reads them. */
  termsOf(text: string, language = this.mainLanguage): string[] {
    return analyzerFor(language).terms(text);
  }

  /**
   * The passages that best match the question, best first, in the question's language (or the one
   * asked for), falling back to the main language when no article is written in it.
   */
  search(question: string, options: SearchOptions = {}): SearchResult {
    // "Hi team, … Thanks in advance, Maria", a pasted link: not what is asked.
    question = withoutPleasantries(withoutAddresses(tidyMessage(question)));
    const questionLanguage = options.language ?? this.detectLanguage(question, options.hint);
    const form: QuestionForm = { questionMark: ENDS_IN_QUESTION_MARK.test(question), answerType: expectedAnswerType(question) };
    // "How long", "how much": the kind of fact asked for (see ./answer-type), not a topic word.
    question = withoutFactWords(question);
    const index = this.#byLanguage.get(questionLanguage) ?? this.#byLanguage.get(this.mainLanguage);
    if (index === undefined) {
      return { query: { language: questionLanguage, questionLanguage, known: [], unknown: [], words: [] }, form, candidates: [], ...(options.keyWordTest && { keyWord: null }) };
    }
    const ranking: Ranking = { ranker: options.ranker ?? DEFAULT_RANKER, associations: options.associations ?? DEFAULT_ASSOCIATIONS };
    const limit = options.limit ?? 5;
    const searchIn = (languageIndex: LanguageIndex) => {
      const query = languageIndex.analyze(question, questionLanguage);
      return { languageIndex, query, ranked: languageIndex.search(query, limit, ranking, options.articleIds) };
    };
    // Only the reading kept is searched again without its weightiest word, and only when asked.
    const kept = ({ languageIndex, query, ranked }: ReturnType<typeof searchIn>): SearchResult => ({
      query,
      form,
      candidates: languageIndex.withMeaning(query, ranked),
      ...(options.keyWordTest && { keyWord: this.#keyWordTest(languageIndex, query, ranked, limit, ranking, options.articleIds) }),
    });
    const result = searchIn(index);
    const main = this.#byLanguage.get(this.mainLanguage);
    if (options.language !== undefined || main === undefined || main === index) return kept(result);
    // Names and product words are often the same in every language ("Okta", "eSIM", "PayPal"): the
    // articles of the main language may answer what none in the customer's language does.
    const mainResult = searchIn(main);
    // The reading that knows more of the question's words wins; on a tie, the customer's language.
    const knownShare = (q: QueryAnalysis) => q.known.length / Math.max(1, q.known.length + q.unknown.length);
    if (result.ranked.length === 0) return kept(mainResult);
    return kept(knownShare(mainResult.query) > knownShare(result.query) ? mainResult : result);
  }

  #keyWordTest(
    index: LanguageIndex,
    query: QueryAnalysis,
    candidates: readonly RankedPassage[],
    limit: number,
    ranking: Ranking,
    articleIds: ReadonlySet<string> | undefined,
  ): KeyWordTest | null {
    const best = candidates[0];
    if (best === undefined || query.known.length < 2) return null;
    const weightiest = query.known.reduce((top, term) => (term.weight > top.weight ? term : top));
    const without = index.search({ ...query, known: query.known.filter((term) => term !== weightiest) }, limit, ranking, articleIds);
    const group = this.groupOf(best.passage.articleId);
    const first = without[0];
    return {
      sameBest: first !== undefined && this.groupOf(first.passage.articleId) === group,
      bestRank: without.find((candidate) => this.groupOf(candidate.passage.articleId) === group)?.rank ?? 0,
    };
  }
}
