import type { AgentReply } from "../types";
import { percentile } from "./percentile";
import type { EvalQuestion, ExpectedOutcome } from "./questions";

/** What the agent did with a question: the kind of its reply. Small talk is never what a labelled question expects. */
export type Got = AgentReply["kind"];

/** A count for every kind of reply; its keys are the columns of the confusion table, in order. */
export function countByGot(): Record<Got, number> {
  return { answer: 0, clarify: 0, handoff: 0, smalltalk: 0 };
}

/** One question, what the agent replied, and how that is scored. */
export interface QuestionResult {
  question: string;
  expect: ExpectedOutcome;
  article?: string;
  locale?: string;
  got: Got;
  /** The ids of the articles an answer cites, in order. */
  cited: string[];
  /** The ids of the articles a clarifying question offers, in order. */
  offered: string[];
  /** The ids of the articles a hand-off suggests as ones that may help meanwhile. */
  suggested: string[];
  /** How long the agent took, in milliseconds (2 decimals). */
  ms: number;
  /** The agent's confidence, for replies that carry one. */
  confidence?: number;
  /** The reply is the expected kind, and an answer cites the expected article (or a translation of it) first. */
  correct: boolean;
  /** Confidently wrong: an answer citing another article first where an answer was expected, or an answer where a hand-off was expected. */
  wrong: boolean;
  /** An answer where a clarifying question was expected: not counted as wrong, reported on its own. */
  answeredAmbiguous: boolean;
  /**
   * For a clarifying question, how many of the labelled articles it offered (translations count):
   * the candidates of an ambiguous question, or the article of an answerable one. Absent when the
   * reply is no clarifying question or the line names no article.
   */
  offeredLabelled?: { offered: number; of: number };
  /** For a hand-off that suggests articles to a question that names its article: whether one of them is it (translations count). */
  suggestedExpected?: boolean;
}

/**
 * Scores one reply. `groups` maps every article id to its translation group (`translationGroups`),
 * so an answer citing the French version of the expected article is right.
 */
export function scoreReply(
  question: EvalQuestion,
  reply: AgentReply,
  ms: number,
  groups: ReadonlyMap<string, string>,
): QuestionResult {
  const cited = reply.kind === "answer" ? reply.citations.map((citation) => citation.articleId) : [];
  const offered = reply.kind === "clarify" ? reply.options.map((option) => option.articleId) : [];
  const suggested = reply.kind === "handoff" ? (reply.suggestions ?? []).map((suggestion) => suggestion.articleId) : [];
  const group = (id: string) => groups.get(id) ?? id;
  const citesExpected =
    question.article !== undefined && cited[0] !== undefined && group(cited[0]) === group(question.article);
  const correct = reply.kind === question.expect && (reply.kind !== "answer" || citesExpected);
  const wrong =
    reply.kind === "answer" && ((question.expect === "answer" && !citesExpected) || question.expect === "handoff");
  const labelled = question.expect === "clarify" ? (question.candidates ?? []) : question.article === undefined ? [] : [question.article];
  const offeredGroups = new Set(offered.map(group));
  const labelledGroups = [...new Set(labelled.map(group))];
  return {
    question: question.question,
    expect: question.expect,
    ...(question.article === undefined ? {} : { article: question.article }),
    ...(question.locale === undefined ? {} : { locale: question.locale }),
    got: reply.kind,
    cited,
    offered,
    suggested,
    ...(question.expect === "answer" && labelled.length > 0 && suggested.length > 0 && { suggestedExpected: suggested.some((id) => labelledGroups.includes(group(id))) }),
    ms: roundMs(ms),
    ...("confidence" in reply ? { confidence: reply.confidence } : {}),
    correct,
    wrong,
    answeredAmbiguous: reply.kind === "answer" && question.expect === "clarify",
    ...(reply.kind === "clarify" && labelledGroups.length > 0
      ? { offeredLabelled: { offered: labelledGroups.filter((id) => offeredGroups.has(id)).length, of: labelledGroups.length } }
      : {}),
  };
}

/** Totals over the questions that expected one outcome. `got` is that row of the confusion table. */
export interface OutcomeTotals {
  total: number;
  correct: number;
  wrong: number;
  got: Record<Got, number>;
}

/** Totals of a run: the last line of `--json`, and the head of the readable report. */
export interface Totals {
  total: number;
  correct: number;
  wrong: number;
  answer: OutcomeTotals;
  clarify: OutcomeTotals;
  handoff: OutcomeTotals;
  p50_ms: number;
  p99_ms: number;
  /** Answers where a clarifying question was expected. */
  answered_ambiguous: number;
  /** Of all answers given, the share citing the expected article first; null when none was given. */
  precision: number | null;
  /** Of the questions expecting an answer, the share answered citing the expected article first; null when none expected one. */
  recall: number | null;
  /**
   * What the clarifying questions offered, where the question file names the articles: for
   * ambiguous questions (`candidates`), how many offered all of them and how many at least one;
   * for answerable ones, how many offered the expected article.
   */
  clarify_offers: {
    ambiguous: { questions: number; all: number; some: number };
    answerable: { questions: number; expected: number };
  };
  /**
   * Hand-offs that suggested an article that may help meanwhile, and for answerable questions, how
   * many of those suggested the expected article.
   */
  handoff_suggestions: { handoffs: number; answerable: { questions: number; expected: number } };
}

export function totalsOf(results: readonly QuestionResult[]): Totals {
  const outcome = (expect: ExpectedOutcome): OutcomeTotals => {
    const rows = results.filter((result) => result.expect === expect);
    const got = countByGot();
    for (const row of rows) got[row.got] += 1;
    return { total: rows.length, correct: count(rows, (r) => r.correct), wrong: count(rows, (r) => r.wrong), got };
  };
  const answer = outcome("answer");
  const answersGiven = count(results, (r) => r.got === "answer");
  const ms = results.map((result) => result.ms);
  return {
    total: results.length,
    correct: count(results, (r) => r.correct),
    wrong: count(results, (r) => r.wrong),
    answer,
    clarify: outcome("clarify"),
    handoff: outcome("handoff"),
    p50_ms: ms.length === 0 ? 0 : percentile(ms, 50),
    p99_ms: ms.length === 0 ? 0 : percentile(ms, 99),
    answered_ambiguous: count(results, (r) => r.answeredAmbiguous),
    precision: answersGiven === 0 ? null : ratio(answer.correct, answersGiven),
    recall: answer.total === 0 ? null : ratio(answer.correct, answer.total),
    clarify_offers: clarifyOffersOf(results),
    handoff_suggestions: {
      handoffs: count(results, (r) => r.suggested.length > 0),
      answerable: {
        questions: count(results, (r) => r.suggestedExpected !== undefined),
        expected: count(results, (r) => r.suggestedExpected === true),
      },
    },
  };
}

function clarifyOffersOf(results: readonly QuestionResult[]): Totals["clarify_offers"] {
  const offers = (expect: ExpectedOutcome) => results.flatMap((r) => (r.expect === expect && r.offeredLabelled ? [r.offeredLabelled] : []));
  const ambiguous = offers("clarify");
  const answerable = offers("answer");
  return {
    ambiguous: { questions: ambiguous.length, all: count(ambiguous, (o) => o.offered === o.of), some: count(ambiguous, (o) => o.offered > 0) },
    answerable: { questions: answerable.length, expected: count(answerable, (o) => o.offered > 0) },
  };
}

function count<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.reduce((sum, item) => sum + (predicate(item) ? 1 : 0), 0);
}

function ratio(part: number, whole: number): number {
  return Math.round((part / whole) * 10_000) / 10_000;
}

function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}
