import MiniSearch from "minisearch";
import { confidenceFrom, type Signals } from "./calibration";
import { chunkArticle, type Article, type Passage } from "./knowledge";
import { splitSentences } from "./sentences";
import { meaningfulTerms, tokenize, toTerm } from "./terms";

export type { Signals } from "./calibration";

/** A passage found for a question, with the evidence behind its score. */
export interface ScoredPassage {
  passage: Passage;
  /** Calibrated confidence, 0..1, that this passage answers the question (see ./calibration). */
  score: number;
  /** BM25+ score from the full-text index: unbounded, comparable only within one question. */
  bm25: number;
  /** The evidence the score was computed from. */
  signals: Signals;
  /** The question's meaningful terms (stems) found in the passage, its heading or its article's title. */
  matchedTerms: string[];
  /** The question's meaningful terms the passage lacks, including those no article contains. */
  missingTerms: string[];
}

// A term in the article's title or the section's heading says more about what a passage is about
// than one in passing in its text.
const BOOST = { articleTitle: 2, heading: 1.5, text: 1 };

/**
 * See `KnowledgeIndex.termWeight`. Chosen with calibrate.ts: 1.5 keeps every calibration question
 * right with the widest range of good thresholds; 2 narrows that range and 3 loses questions.
 */
const SUBJECT_WEIGHT = 1.5;

/**
 * Only the best BM25 matches are weighed in full. The passage that answers is among them in
 * practice, and it keeps the cost of a question flat however large the help center grows.
 */
const POOL = 50;

interface PassageTerms {
  all: Set<string>;
  /** Terms of the heading and the article title: what the passage is about. */
  topic: Set<string>;
  sentences: Set<string>[];
}

/** Full-text (BM25) index over the passages of a set of help-center articles. */
export class KnowledgeIndex {
  readonly articles: readonly Article[];
  readonly #search: MiniSearch<Passage>;
  readonly #passages: Map<string, { passage: Passage; order: number; terms: PassageTerms }>;
  /** In how many passages each term occurs. */
  readonly #passageFrequency = new Map<string, number>();
  /** Terms of any article title or section heading: the subjects this help center is about. */
  readonly #subjects = new Set<string>();

  private constructor(articles: readonly Article[]) {
    this.articles = articles;
    const passages = articles.flatMap(chunkArticle);
    this.#passages = new Map();
    for (const [order, passage] of passages.entries()) {
      const topic = new Set(meaningfulTerms(`${passage.articleTitle} ${passage.heading ?? ""}`));
      const sentences = splitSentences(passage.text).map((sentence) => new Set(meaningfulTerms(sentence.text)));
      const all = new Set([...topic, ...sentences.flatMap((terms) => [...terms])]);
      this.#passages.set(passage.id, { passage, order, terms: { all, topic, sentences } });
      for (const term of topic) this.#subjects.add(term);
      for (const term of all) this.#passageFrequency.set(term, (this.#passageFrequency.get(term) ?? 0) + 1);
    }
    this.#search = new MiniSearch<Passage>({
      fields: ["articleTitle", "heading", "text"],
      idField: "id",
      tokenize,
      processTerm: (token) => toTerm(token) ?? false,
      searchOptions: { boost: BOOST },
    });
    this.#search.addAll(passages);
  }

  /** Chunks the articles into passages and indexes them. */
  static build(articles: readonly Article[]): KnowledgeIndex {
    return new KnowledgeIndex([...articles]);
  }

  /**
   * How much a term of a question counts as evidence: BM25's inverse document frequency over
   * passages (rare terms tell passages apart), times SUBJECT_WEIGHT when some title or heading uses
   * the term. Rarity alone overrates incidental words: in "I placed an order an hour ago, can I still
   * cancel it?", "hour" is rarer than "cancel", but "cancel" is what the help center has a section on.
   */
  termWeight(term: string): number {
    const n = this.#passages.size;
    const df = this.#passageFrequency.get(term) ?? 0;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return this.#subjects.has(term) ? idf * SUBJECT_WEIGHT : idf;
  }

  /** Whether any passage contains the term (a stem, as `meaningfulTerms` returns it). */
  knows(term: string): boolean {
    return this.#passageFrequency.has(term);
  }

  /**
   * The passages that best match the question, best first by calibrated score. Empty when the
   * question has no meaningful term any article contains.
   */
  search(query: string, limit = 5): ScoredPassage[] {
    const terms = meaningfulTerms(query);
    const known = terms.filter((term) => this.knows(term));
    if (known.length === 0) return [];
    const weight = new Map(known.map((term) => [term, this.termWeight(term)]));
    const knownWeight = known.reduce((sum, term) => sum + (weight.get(term) ?? 0), 0);
    const share = (found: (term: string) => boolean) =>
      known.reduce((sum, term) => (found(term) ? sum + (weight.get(term) ?? 0) : sum), 0) / knownWeight;

    // The terms are stems already; stemming them again would miss ("warehous" → "wareh").
    const results = this.#search.search(known.join(" "), { processTerm: (term) => term }).slice(0, POOL);
    const scored: (ScoredPassage & { order: number })[] = [];
    for (const result of results) {
      const entry = this.#passages.get(String(result.id));
      if (entry === undefined) continue;
      const { all, topic, sentences } = entry.terms;
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
        unknownShare: (terms.length - known.length) / terms.length,
      };
      scored.push({
        passage: entry.passage,
        order: entry.order,
        score: confidenceFrom(signals),
        bm25: result.score,
        signals,
        matchedTerms: terms.filter((term) => all.has(term)),
        missingTerms: terms.filter((term) => !all.has(term)),
      });
    }
    // Equal evidence: prefer the passage that is about the question's words, then the one that says
    // it in one sentence, then the stronger BM25 match.
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        b.signals.topic - a.signals.topic ||
        b.signals.inSentence - a.signals.inSentence ||
        b.bm25 - a.bm25 ||
        a.order - b.order,
    );
    return scored.slice(0, limit).map(({ order: _order, ...rest }) => rest);
  }
}
