import { expect, test } from "vitest";
import type { AgentReply } from "../types";
import type { EvalQuestion } from "./questions";
import { confidenceBucket, formatReport, jsonLine, jsonTotals } from "./report";
import { scoreReply, totalsOf } from "./score";

const groups = new Map<string, string>();
const answer = (articleId: string, confidence: number): AgentReply => ({
  kind: "answer",
  text: "…",
  citations: [{ articleId, title: articleId, url: `/help/${articleId}` }],
  confidence,
  locale: "en",
});
const handoff: AgentReply = { kind: "handoff", reason: "no_answer", locale: "en" };
const q = (question: string, expect: EvalQuestion["expect"], article?: string, locale?: string): EvalQuestion => ({
  question,
  expect,
  ...(article === undefined ? {} : { article }),
  ...(locale === undefined ? {} : { locale }),
  line: 1,
});

const results = [
  scoreReply(q("How do I return an item?", "answer", "returns"), answer("returns", 0.95), 1.5, groups),
  scoreReply(q("Combien coûte la livraison ?", "answer", "shipping", "fr"), answer("returns", 0.55), 2.25, groups),
  scoreReply(q("How long does it take?", "clarify"), answer("shipping", 0.92), 0.75, groups),
  scoreReply(q("Do you sell kayaks?", "handoff"), handoff, 0.5, groups),
];
const totals = totalsOf(results);
const report = formatReport(results, totals, { knowledgeDir: "help", articles: 2, questionsFile: "q.jsonl" });

test("--json writes a question's line with the fields other tools read, then the totals", () => {
  const line = JSON.parse(jsonLine(results[1]!)) as Record<string, unknown>;
  expect(Object.keys(line).slice(0, 5)).toEqual(["question", "expect", "got", "cited", "ms"]);
  expect(line).toMatchObject({
    question: "Combien coûte la livraison ?",
    expect: "answer",
    got: "answer",
    cited: ["returns"],
    ms: 2.25,
    article: "shipping",
    locale: "fr",
    correct: false,
  });
  expect(JSON.parse(jsonLine(results[3]!))).toEqual({ question: "Do you sell kayaks?", expect: "handoff", got: "handoff", cited: [], ms: 0.5, correct: true, wrong: false });
  expect(JSON.parse(jsonTotals(totals))).toEqual(totals);
  expect(jsonLine(results[0]!)).not.toContain("\n");
});

test("the report gives the correct and wrong shares and the expected × got table", () => {
  expect(report).toMatch(/Correct\s+2 of 4\s+50\.0%/);
  expect(report).toMatch(/Wrong\s+1 of 4\s+25\.0%/);
  expect(report).toMatch(/Answered an ambiguous question .*1 of 1/);
  expect(report).toMatch(/expected\s+questions\s+answer\s+clarify\s+hand-off\s+small talk\s+correct\s+wrong/);
  expect(report).toMatch(/answer\s+2\s+2\s+0\s+0\s+0\s+50\.0%\s+50\.0%/);
  expect(report).toMatch(/hand-off\s+1\s+0\s+0\s+1\s+0\s+100\.0%\s+0\.0%/);
});

test("the report splits by locale, gives latency, and lists the wrong and the over-confident answers", () => {
  expect(report).toMatch(/\(none\)\s+3\s+66\.7%\s+0\.0%/);
  expect(report).toMatch(/fr\s+1\s+0\.0%\s+100\.0%/);
  expect(report).toContain("p50 0.75 ms, p99 2.25 ms");
  expect(report).toContain('Wrong (1)\n  "Combien coûte la livraison ?" [fr]\n    expected answer citing shipping; got answer citing returns (confidence 0.55)');
  expect(report).toContain('Answered an ambiguous question (1)\n  "How long does it take?"\n    expected clarify; got answer citing shipping');
});

test("the reliability table buckets answers by confidence with the share that was right", () => {
  expect(report).toMatch(/0\.5–0\.6\s+1\s+0\.0%/);
  expect(report).toMatch(/0\.9–1\.0\s+2\s+50\.0%/);
  expect(report).toMatch(/0\.7–0\.8\s+0\s+—/);
});

test("the report says what the clarifying questions offered, only when the question file names the articles", () => {
  const clarify = (...ids: string[]): AgentReply => ({ kind: "clarify", text: "Which one?", options: ids.map((articleId) => ({ articleId, label: articleId })), confidence: 0.6, locale: "en" });
  const ambiguous = { ...q("How do I send it back?", "clarify"), candidates: ["returns", "exchanges"] };
  const offers = [
    scoreReply(ambiguous, clarify("returns", "exchanges"), 1, groups),
    scoreReply(ambiguous, clarify("returns", "shipping"), 1, groups),
    scoreReply(q("What does shipping cost?", "answer", "shipping"), clarify("returns", "gift-cards"), 1, groups),
  ];
  const text = formatReport(offers, totalsOf(offers), { knowledgeDir: "help", articles: 4, questionsFile: "q.jsonl" });
  expect(text).toContain("ambiguous questions: all their candidates 1 of 2, at least one 2 of 2");
  expect(text).toContain("answerable questions: the expected article 0 of 1");
  expect(report).not.toContain("What the clarifying questions offered");
});

test("the report and --json say which articles the hand-offs suggested, only when some did", () => {
  const suggesting = (articleId: string): AgentReply => ({ ...handoff, suggestions: [{ articleId, title: articleId, url: `/help/${articleId}` }] });
  const handoffs = [
    scoreReply(q("Can I bring my bike?", "answer", "bikes"), suggesting("bikes"), 1, groups),
    scoreReply(q("Can my dog come?", "answer", "pets"), suggesting("bikes"), 1, groups),
    scoreReply(q("Do you sell kayaks?", "handoff"), handoff, 1, groups),
  ];
  const text = formatReport(handoffs, totalsOf(handoffs), { knowledgeDir: "help", articles: 2, questionsFile: "q.jsonl" });
  expect(text).toContain("Hand-offs that suggested an article that may help meanwhile: 2 of 3\n  answerable questions: the expected article 1 of 2");
  expect(JSON.parse(jsonLine(handoffs[1]!))).toMatchObject({ got: "handoff", suggested: ["bikes"], correct: false, wrong: false });
  expect(text).toContain(
    'Not answered, though an article was expected to answer (2)\n  "Can I bring my bike?"\n    expected answer citing bikes; got hand-off suggesting bikes\n  "Can my dog come?"\n    expected answer citing pets; got hand-off suggesting bikes',
  );
  expect(report).not.toContain("Hand-offs that suggested");
});

test("a report without answers has no reliability table", () => {
  const only = [scoreReply(q("Do you sell kayaks?", "handoff"), handoff, 0.5, groups)];
  expect(formatReport(only, totalsOf(only), { knowledgeDir: "help", articles: 2, questionsFile: "q.jsonl" })).not.toContain("Reliability");
});

test.each([
  [0, 0], [0.4999, 0], [0.5, 1], [0.59, 1], [0.6, 2], [0.7, 3], [0.8, 4], [0.9, 5], [0.99, 5], [1, 5],
])("confidence %s falls in bucket %s", (confidence, bucket) => {
  expect(confidenceBucket(confidence)).toBe(bucket);
});
