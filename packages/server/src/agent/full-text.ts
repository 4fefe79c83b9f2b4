/**
 * BM25+ full-text index over documents with weighted fields (title, heading, text…): the ranking
 * MiniSearch 7 computes for an exact-term OR query, in the same order and to the same bit, but
 * with the postings in typed arrays and one array of scores per question. MiniSearch builds a
 * result object, a term list and a match record for every document a term occurs in; on a
 * 1,000-article help center the question's common words occur in thousands of passages, and that
 * took two thirds of the time of a question (`npm run bench:agent`: p99 over 20 ms).
 *
 * Scoring, per query term t with boost w, field f with boost b_f and document d having t:
 *   idf = ln(1 + (N − n + 0.5) / (n + 0.5)), n = the documents with t in f, N = all documents
 *   score += w · b_f · idf · (δ + tf · (k + 1) / (tf + k · (1 − β + β · len / avgLen)))
 * with k = 1.2, β = 0.7, δ = 0.5; a document's total is multiplied by how many of the query's
 * terms it has. A field's length is its count of distinct tokens, before they are made terms.
 */

/** One searchable field of a document. */
export interface FullTextField<Document> {
  /** Multiplies the score of a term found in this field. */
  boost: number;
  /** The field's text; undefined when the document has no such field (not an empty one). */
  text: (document: Document) => string | undefined;
}

export interface FullTextMatch {
  id: string;
  score: number;
}

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** BM25's inverse document frequency of a term that `matching` of `documents` documents have. */
export function inverseDocumentFrequency(documents: number, matching: number): number {
  return Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
}

/** Where one term occurs in one field: the documents (ascending) and how often in each. */
interface Postings {
  documents: Int32Array;
  frequencies: Float64Array;
}

export class FullTextIndex<Document> {
  readonly #ids: string[] = [];
  readonly #fields: readonly FullTextField<Document>[];
  /** Term → per field (in field order), its postings, or undefined where the field never has it. */
  readonly #postings = new Map<string, (Postings | undefined)[]>();
  /** Per field, each document's length (distinct tokens). */
  readonly #lengths: Float64Array[];
  /** Per field, the average length, kept as MiniSearch keeps it (a running mean over all documents so far). */
  readonly #averageLengths: number[];

  /**
   * @param tokenize splits a field's text into tokens
   * @param term what a token is indexed as; null leaves it out (a stop word)
   */
  constructor(
    documents: readonly { id: string; document: Document }[],
    fields: readonly FullTextField<Document>[],
    tokenize: (text: string) => string[],
    term: (token: string) => string | null,
  ) {
    this.#fields = fields;
    this.#lengths = fields.map(() => new Float64Array(documents.length));
    this.#averageLengths = fields.map(() => 0);
    const building = new Map<string, ({ documents: number[]; frequencies: number[] } | undefined)[]>();
    for (const [index, { id, document }] of documents.entries()) {
      this.#ids.push(id);
      for (const [field, { text }] of fields.entries()) {
        const value = text(document);
        if (value === undefined) continue;
        const tokens = tokenize(value);
        const length = new Set(tokens).size;
        this.#lengths[field]![index] = length;
        this.#averageLengths[field] = (this.#averageLengths[field]! * index + length) / (index + 1);
        for (const token of tokens) {
          const indexed = term(token);
          if (!indexed) continue;
          const perField = building.get(indexed) ?? fields.map(() => undefined);
          building.set(indexed, perField);
          const postings = (perField[field] ??= { documents: [], frequencies: [] });
          const last = postings.documents.length - 1;
          if (postings.documents[last] === index) postings.frequencies[last]! += 1;
          else {
            postings.documents.push(index);
            postings.frequencies.push(1);
          }
        }
      }
    }
    for (const [indexed, perField] of building) {
      this.#postings.set(
        indexed,
        perField.map((postings) => postings && { documents: Int32Array.from(postings.documents), frequencies: Float64Array.from(postings.frequencies) }),
      );
    }
  }

  /**
   * The documents having any of the terms (distinct, taken as they are: already terms), best
   * first; equal scores keep the order in which the terms first found them.
   */
  search(terms: readonly { term: string; boost: number }[], accept?: (id: string) => boolean): FullTextMatch[] {
    const count = this.#ids.length;
    const total = new Float64Array(count);
    const termScore = new Float64Array(count);
    const matchedTerms = new Uint32Array(count);
    /** The last term (its position, from 1) that found each document. */
    const foundBy = new Uint32Array(count);
    const found: number[] = [];
    for (const [position, { term, boost }] of terms.entries()) {
      const perField = this.#postings.get(term);
      if (perField === undefined) continue;
      const touched: number[] = [];
      for (const [field, postings] of perField.entries()) {
        if (postings === undefined) continue;
        const { documents, frequencies } = postings;
        const fieldBoost = this.#fields[field]!.boost;
        const lengths = this.#lengths[field]!;
        const averageLength = this.#averageLengths[field]!;
        const matching = documents.length;
        const idf = inverseDocumentFrequency(count, matching);
        for (let i = 0; i < matching; i++) {
          const document = documents[i]!;
          const frequency = frequencies[i]!;
          const saturation = frequency + BM25.k * (1 - BM25.b + (BM25.b * lengths[document]!) / averageLength);
          const score = boost * fieldBoost * (idf * (BM25.d + (frequency * (BM25.k + 1)) / saturation));
          if (foundBy[document] !== position + 1) {
            foundBy[document] = position + 1;
            touched.push(document);
          }
          termScore[document] = termScore[document]! + score;
        }
      }
      // A term's fields are summed first, then added to the document's total: MiniSearch's order,
      // so that the sums round alike and equal scores stay equal.
      for (const document of touched) {
        if (matchedTerms[document] === 0) found.push(document);
        matchedTerms[document] = matchedTerms[document]! + 1;
        total[document] = total[document]! + termScore[document]!;
        termScore[document] = 0;
      }
    }
    const matches: FullTextMatch[] = [];
    for (const document of found) {
      const id = this.#ids[document]!;
      if (accept && !accept(id)) continue;
      matches.push({ id, score: total[document]! * matchedTerms[document]! });
    }
    return matches.sort((a, b) => b.score - a.score);
  }
}
