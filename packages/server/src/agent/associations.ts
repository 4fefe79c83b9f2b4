import { z } from "zod";
import stored from "./associations.json" with { type: "json" };
import { analyzerFor } from "./terms";

/**
 * Words customers use for what an article's title says in other words: "crushed" for a title's
 * "damaged", "relocating" for "moving", "PayPal" for "payment methods". Learnt by fit-decision.ts
 * from labelled questions: how often a question with the word was answered by an article whose
 * title has the other word (and the question not). Only pairs seen in at least MIN_CENTERS help
 * centers of different businesses are kept, so what is learnt is how customers talk, not one help
 * center's topics; the ranker reads it as one feature among others (see search.ts). English only:
 * most labelled questions are, and a pair learnt in one language says nothing of another.
 */
export const Associations = z.object({
  language: z.string(),
  /** Question term → title term → the share of questions with the former answered by a title with the latter. */
  pairs: z.record(z.string(), z.record(z.string(), z.number())),
});
export type Associations = z.infer<typeof Associations>;

/**
 * A pair must be seen in this many help centers' questions to be kept. Leave-one-out on
 * thirty-seven help centers (each ranked with pairs learnt without it): with two, 3,590/6,173
 * right with 118 wrong, the right article first for 2,822 of 3,907 answerable questions; with
 * three (a third as many pairs), 3,577 with 119, first for 2,815; without the table, 3,562 with
 * 116, first for 2,803.
 */
export const MIN_CENTERS = 2;

/** One help center's counts: how many questions use each term, and each pair's questions. */
export interface AssociationCounts {
  questions: Map<string, number>;
  pairs: Map<string, Map<string, number>>;
}

/** One labelled question and the title of the article that answers it. */
export interface TitledQuestion {
  question: string;
  title: string;
}

/** Counts one help center's labelled questions (in `language`) against their articles' titles. */
export function countAssociations(examples: readonly TitledQuestion[], language: string): AssociationCounts {
  const analyzer = analyzerFor(language);
  const counts: AssociationCounts = { questions: new Map(), pairs: new Map() };
  for (const { question, title } of examples) {
    const asked = analyzer.terms(question);
    const titled = analyzer.terms(title);
    for (const term of asked) {
      counts.questions.set(term, (counts.questions.get(term) ?? 0) + 1);
      if (titled.includes(term)) continue;
      for (const other of titled) {
        if (asked.includes(other)) continue;
        const row = counts.pairs.get(term) ?? new Map<string, number>();
        counts.pairs.set(term, row.set(other, (row.get(other) ?? 0) + 1));
      }
    }
  }
  return counts;
}

/** The table of several help centers' counts: pairs seen in at least MIN_CENTERS of them. */
export function combineAssociations(centers: readonly AssociationCounts[], language: string): Associations {
  const questions = new Map<string, number>();
  const pairs = new Map<string, Map<string, { seen: number; centers: number }>>();
  for (const center of centers) {
    for (const [term, count] of center.questions) questions.set(term, (questions.get(term) ?? 0) + count);
    for (const [term, row] of center.pairs) {
      const combined = pairs.get(term) ?? new Map<string, { seen: number; centers: number }>();
      pairs.set(term, combined);
      for (const [other, seen] of row) {
        const sum = combined.get(other) ?? { seen: 0, centers: 0 };
        combined.set(other, { seen: sum.seen + seen, centers: sum.centers + 1 });
      }
    }
  }
  const table: Associations = { language, pairs: {} };
  for (const [term, row] of [...pairs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const kept = [...row].filter(([, { centers }]) => centers >= MIN_CENTERS).sort(([a], [b]) => (a < b ? -1 : 1));
    if (kept.length === 0) continue;
    table.pairs[term] = Object.fromEntries(kept.map(([other, { seen }]) => [other, seen / (questions.get(term) ?? seen)]));
  }
  return table;
}

/** How strongly a question's term points to a title's term (0 when the table has no such pair). */
export function associationOf(table: Associations, term: string, titleTerm: string): number {
  return table.pairs[term]?.[titleTerm] ?? 0;
}

export const DEFAULT_ASSOCIATIONS: Associations = Associations.parse(stored);
