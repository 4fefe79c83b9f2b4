import { expect, test } from "vitest";
import { parseArticle, translationGroups } from "../knowledge";
import type { AgentReply } from "../types";
import { percentile } from "./percentile";
import type { EvalQuestion } from "./questions";
import { scoreReply, totalsOf } from "./score";

const article = (id: string, locale: string, extra = "") =>
  parseArticle(`---\nid: ${id}\ntitle: ${id}\nurl: /help/${id}\nlocale: ${locale}\n${extra}---\nText.`, `${id}.md`);
// returns-fr translates returns by its id; retours names it in its front matter.
const groups = translationGroups([
  article("returns", "en"),
  article("returns-fr", "fr"),
  article("retours", "fr", "translation_of: returns\n"),
  article("shipping", "en"),
]);

const answer = (...cited: string[]): AgentReply => ({
  kind: "answer",
  text: "…",
  citations: cited.map((articleId) => ({ articleId, title: articleId, url: `/help/${articleId}` })),
  confidence: 0.8,
  locale: "en",
});
const clarify: AgentReply = { kind: "clarify", text: "Which one?", options: [{ articleId: "returns", label: "Returns" }, { articleId: "shipping", label: "Shipping" }], confidence: 0.7, locale: "en" };
const handoff: AgentReply = { kind: "handoff", reason: "no_answer", locale: "en" };
const smalltalk: AgentReply = { kind: "smalltalk", text: "Hello!", locale: "en" };

const asks = (expect: EvalQuestion["expect"], article?: string): EvalQuestion => ({
  question: "How do I return an item?",
  expect,
  ...(article === undefined ? {} : { article }),
  line: 1,
});
const score = (question: EvalQuestion, reply: AgentReply) => {
  const { correct, wrong, answeredAmbiguous } = scoreReply(question, reply, 1, groups);
  return { correct, wrong, answeredAmbiguous };
};
const CORRECT = { correct: true, wrong: false, answeredAmbiguous: false };
const WRONG = { correct: false, wrong: true, answeredAmbiguous: false };
const MISSED = { correct: false, wrong: false, answeredAmbiguous: false };

test("an answer citing the expected article first is correct, even when it cites another too", () => {
  expect(score(asks("answer", "returns"), answer("returns"))).toEqual(CORRECT);
  expect(score(asks("answer", "returns"), answer("returns", "shipping"))).toEqual(CORRECT);
});

test("an answer citing a translation of the expected article is correct, whichever way the link is written", () => {
  expect(score(asks("answer", "returns"), answer("returns-fr"))).toEqual(CORRECT);
  expect(score(asks("answer", "returns"), answer("retours"))).toEqual(CORRECT);
  expect(score(asks("answer", "returns-fr"), answer("retours"))).toEqual(CORRECT);
});

test("an answer citing another article first is confidently wrong, even when the expected one comes second", () => {
  expect(score(asks("answer", "returns"), answer("shipping", "returns"))).toEqual(WRONG);
  expect(score(asks("answer", "returns"), answer())).toEqual(WRONG);
});

test("an answer where a hand-off was expected is wrong; one where a clarifying question was expected is reported apart", () => {
  expect(score(asks("handoff"), answer("returns"))).toEqual(WRONG);
  expect(score(asks("clarify"), answer("returns"))).toEqual({ correct: false, wrong: false, answeredAmbiguous: true });
});

test("clarifying and handing off are correct when expected; not answering is never wrong", () => {
  expect(score(asks("clarify"), clarify)).toEqual(CORRECT);
  expect(score(asks("handoff"), handoff)).toEqual(CORRECT);
  expect(score(asks("answer", "returns"), handoff)).toEqual(MISSED);
  expect(score(asks("answer", "returns"), clarify)).toEqual(MISSED);
  expect(score(asks("handoff"), clarify)).toEqual(MISSED);
  expect(score(asks("clarify"), handoff)).toEqual(MISSED);
});

test("small talk is its own outcome: never correct for a labelled question, never wrong", () => {
  for (const q of [asks("answer", "returns"), asks("clarify"), asks("handoff")]) {
    expect(score(q, smalltalk)).toEqual(MISSED);
    expect(scoreReply(q, smalltalk, 1, groups).got).toBe("smalltalk");
  }
});

test("a result records what was cited or offered, in order, the confidence, and the time to 2 decimals", () => {
  expect(scoreReply({ ...asks("answer", "returns"), locale: "fr" }, answer("shipping", "returns"), 3.14159, groups)).toEqual({
    question: "How do I return an item?",
    expect: "answer",
    article: "returns",
    locale: "fr",
    got: "answer",
    cited: ["shipping", "returns"],
    offered: [],
    suggested: [],
    ms: 3.14,
    confidence: 0.8,
    correct: false,
    wrong: true,
    answeredAmbiguous: false,
  });
  expect(scoreReply(asks("clarify"), clarify, 0.005, groups)).toMatchObject({ got: "clarify", cited: [], offered: ["returns", "shipping"], ms: 0.01 });
  expect(scoreReply(asks("handoff"), handoff, 1, groups)).not.toHaveProperty("confidence");
});

test("totals count every outcome, the confusion rows, precision, recall and latency", () => {
  const results = [
    scoreReply(asks("answer", "returns"), answer("returns"), 1, groups), // correct
    scoreReply(asks("answer", "returns"), answer("shipping"), 2, groups), // wrong
    scoreReply(asks("answer", "returns"), handoff, 3, groups), // missed
    scoreReply(asks("clarify"), answer("returns"), 4, groups), // answered an ambiguous question
    scoreReply(asks("clarify"), clarify, 5, groups), // correct
    scoreReply(asks("handoff"), answer("returns"), 6, groups), // wrong
    scoreReply(asks("handoff"), smalltalk, 7, groups),
    scoreReply(asks("handoff"), handoff, 100, groups), // correct
  ];
  expect(totalsOf(results)).toEqual({
    total: 8,
    correct: 3,
    wrong: 2,
    answer: { total: 3, correct: 1, wrong: 1, got: { answer: 2, clarify: 0, handoff: 1, smalltalk: 0 } },
    clarify: { total: 2, correct: 1, wrong: 0, got: { answer: 1, clarify: 1, handoff: 0, smalltalk: 0 } },
    handoff: { total: 3, correct: 1, wrong: 1, got: { answer: 1, clarify: 0, handoff: 1, smalltalk: 1 } },
    p50_ms: 4,
    p99_ms: 100,
    answered_ambiguous: 1,
    precision: 0.25, // 1 of 4 answers cites the expected article
    recall: 0.3333, // 1 of 3 questions expecting an answer
    clarify_offers: { ambiguous: { questions: 0, all: 0, some: 0 }, answerable: { questions: 0, expected: 0 } },
    handoff_suggestions: { handoffs: 0, answerable: { questions: 0, expected: 0 } },
  });
});

test("the articles a hand-off suggests are recorded, and counted against an answerable question's article, translations included", () => {
  const suggesting = (...ids: string[]): AgentReply => ({
    ...handoff,
    suggestions: ids.map((articleId) => ({ articleId, title: articleId, url: `/help/${articleId}` })),
  });
  const results = [
    scoreReply(asks("answer", "returns"), suggesting("retours"), 1, groups), // the expected article, as its translation
    scoreReply(asks("answer", "returns"), suggesting("shipping"), 1, groups), // another
    scoreReply(asks("handoff"), suggesting("shipping"), 1, groups), // a hand-off was expected: still one
    scoreReply(asks("answer", "returns"), handoff, 1, groups), // nothing suggested
  ];
  expect(results[0]).toMatchObject({ got: "handoff", suggested: ["retours"], correct: false, wrong: false });
  expect(results[2]).toMatchObject({ got: "handoff", suggested: ["shipping"], correct: true });
  expect(totalsOf(results).handoff_suggestions).toEqual({ handoffs: 3, answerable: { questions: 2, expected: 1 } });
});

test("what a clarifying question offered is counted against the articles the question file names, translations included", () => {
  const ambiguous = (...candidates: string[]): EvalQuestion => ({ ...asks("clarify"), candidates });
  const offering = (...ids: string[]): AgentReply => ({ ...clarify, options: ids.map((articleId) => ({ articleId, label: articleId })) });
  const results = [
    scoreReply(ambiguous("returns", "shipping"), offering("retours", "shipping"), 1, groups), // both, one as its translation
    scoreReply(ambiguous("returns", "shipping"), offering("shipping", "gift-cards"), 1, groups), // one of two
    scoreReply(ambiguous("returns", "shipping"), offering("gift-cards"), 1, groups), // none
    scoreReply(ambiguous("returns", "shipping"), answer("returns"), 1, groups), // no clarifying question: not counted
    scoreReply(asks("clarify"), clarify, 1, groups), // no candidates named: not counted
    scoreReply(asks("answer", "returns-fr"), offering("shipping", "returns"), 1, groups), // the expected article
    scoreReply(asks("answer", "returns"), offering("shipping"), 1, groups), // not it
  ];
  expect(results[1]?.offeredLabelled).toEqual({ offered: 1, of: 2 });
  expect(totalsOf(results).clarify_offers).toEqual({ ambiguous: { questions: 3, all: 1, some: 2 }, answerable: { questions: 2, expected: 1 } });
});

test("totals say 'no figure' rather than 0% when no answer was given or expected", () => {
  const totals = totalsOf([scoreReply(asks("handoff"), handoff, 1, groups)]);
  expect(totals.precision).toBeNull();
  expect(totals.recall).toBeNull();
});

test("percentiles are nearest-rank: always one of the measurements", () => {
  const ms = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
  expect(percentile(ms, 50)).toBe(5);
  expect(percentile(ms, 99)).toBe(10);
  expect(percentile(ms, 10)).toBe(1);
  expect(percentile([42], 99)).toBe(42);
  expect(() => percentile([], 50)).toThrow(RangeError);
  expect(() => percentile(ms, 0)).toThrow(RangeError);
});
