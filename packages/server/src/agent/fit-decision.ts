/**
 * Fits the answerer's decision model (decision-model.json) on labelled help centers and reports how
 * it does on a help center it was not fitted on:
 *
 *   npx tsx packages/server/src/agent/fit-decision.ts [--write] [--verbose]
 *
 * For each help center in TRAINING: fit on the others, choose the thresholds on the others, score
 * on it (leave one help center out). Then, with --write, fit on all of them and store the model.
 * Labels: the answer model learns "the best article is the expected one"; the clarify model learns
 * "the question is ambiguous". Questions that small talk, a request for a person or an account
 * request settle before any search are left out of the fit, as they are at run time.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { needsAccountAccess, smallTalkOf, asksForPersonElsewhere } from "./chat-intent";
import { fitRegression, probability, type DecisionModel } from "./decision-model";
import { candidatesOf, featuresOf } from "./features";
import { asksForPerson } from "./intent";
import { loadKnowledgeDir } from "./knowledge";
import { KnowledgeIndex } from "./search";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
/** Labelled help centers: articles, and questions written before any tuning. */
const TRAINING = [
  { name: "store", knowledge: "examples/knowledge", questions: "examples/eval/store.jsonl" },
  { name: "tasklane", knowledge: "examples/help-centers/tasklane", questions: "examples/eval/tasklane.jsonl" },
  { name: "brightwave", knowledge: "examples/help-centers/brightwave", questions: "examples/eval/brightwave.jsonl" },
];
const write = process.argv.includes("--write");
const verbose = process.argv.includes("--verbose");
/** A confidently wrong answer costs this many right ones: the goal is ≤ 2 % wrong. */
const WRONG_COST = 4;

interface Row {
  center: string;
  question: string;
  expect: "answer" | "clarify" | "handoff";
  /** Settled before search: small talk, a person, an account request. */
  gate: "smalltalk" | "handoff" | null;
  features: number[];
  bestIsExpected: boolean;
  hasOther: boolean;
  best: string | null;
}

async function rowsOf(center: (typeof TRAINING)[number]): Promise<Row[]> {
  const { articles } = await loadKnowledgeDir(root + center.knowledge);
  const index = KnowledgeIndex.build(articles);
  const lines = (await readFile(root + center.questions, "utf8")).split("\n").filter((line) => line.trim() !== "");
  return lines.map((line) => {
    const q = JSON.parse(line) as { question: string; expect: Row["expect"]; article?: string };
    const gate = smallTalkOf(q.question) ? "smalltalk" : asksForPerson(q.question) || asksForPersonElsewhere(q.question) || needsAccountAccess(q.question) ? "handoff" : null;
    const result = index.search(q.question, { limit: 10 });
    const { best, other } = candidatesOf(result, index);
    const bestGroup = best ? index.groupOf(best.passage.articleId) : null;
    return {
      center: center.name,
      question: q.question,
      expect: q.expect,
      gate,
      features: featuresOf(result, index),
      bestIsExpected: q.article !== undefined && bestGroup === index.groupOf(q.article),
      hasOther: other !== undefined,
      best: best?.passage.articleId ?? null,
    };
  });
}

function fit(rows: Row[]): DecisionModel {
  const searched = rows.filter((row) => row.gate === null && row.features[0] !== undefined);
  const answer = fitRegression(searched.map((row) => row.features), searched.map((row) => (row.expect === "answer" && row.bestIsExpected ? 1 : 0)));
  const clarify = fitRegression(searched.map((row) => row.features), searched.map((row) => (row.expect === "clarify" ? 1 : 0)));
  let best = { answer: 0.5, clarify: 0.5, value: -Infinity };
  for (let a = 0.2; a < 0.99; a += 0.02) {
    for (let c = 0.2; c < 0.99; c += 0.02) {
      const thresholds = { answer: a, clarify: c };
      const score = scoreRows(rows, { answer, clarify, thresholds, fittedOn: [] });
      const value = score.correct - WRONG_COST * score.wrong;
      if (value > best.value) best = { answer: a, clarify: c, value };
    }
  }
  return {
    answer,
    clarify,
    thresholds: { answer: round(best.answer), clarify: round(best.clarify) },
    fittedOn: [...new Set(rows.map((row) => row.center))],
  };
}

type Got = "answer" | "clarify" | "handoff" | "smalltalk";

function outcome(row: Row, model: DecisionModel): { got: Got; correct: boolean; wrong: boolean; p: number } {
  let got: Got;
  let p = 0;
  if (row.gate !== null) got = row.gate;
  else {
    p = probability(model.answer, row.features);
    const pc = probability(model.clarify, row.features);
    if (row.best === null) got = "handoff";
    else if (row.hasOther && pc >= model.thresholds.clarify && pc > p) got = "clarify";
    else got = p >= model.thresholds.answer ? "answer" : "handoff";
  }
  const correct = got === row.expect && (got !== "answer" || row.bestIsExpected);
  const wrong = got === "answer" && (row.expect === "handoff" || (row.expect === "answer" && !row.bestIsExpected));
  return { got, correct, wrong, p };
}

function scoreRows(rows: Row[], model: DecisionModel) {
  let correct = 0;
  let wrong = 0;
  const byExpect: Record<string, { total: number; correct: number; wrong: number }> = {};
  for (const row of rows) {
    const result = outcome(row, model);
    const bucket = (byExpect[row.expect] ??= { total: 0, correct: 0, wrong: 0 });
    bucket.total++;
    if (result.correct) (correct++, bucket.correct++);
    if (result.wrong) (wrong++, bucket.wrong++);
  }
  return { total: rows.length, correct, wrong, byExpect };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

const all = (await Promise.all(TRAINING.map(rowsOf))).flat();
console.log("leave one help center out (fit on the others, score on this one):");
let sum = { total: 0, correct: 0, wrong: 0 };
for (const center of TRAINING) {
  const held = all.filter((row) => row.center === center.name);
  const model = fit(all.filter((row) => row.center !== center.name));
  const score = scoreRows(held, model);
  sum = { total: sum.total + score.total, correct: sum.correct + score.correct, wrong: sum.wrong + score.wrong };
  const parts = Object.entries(score.byExpect).map(([expect, b]) => `${expect} ${b.correct}/${b.total}${b.wrong ? ` (${b.wrong} wrong)` : ""}`);
  console.log(`  ${center.name.padEnd(11)} ${score.correct}/${score.total} right (${pct(score.correct, score.total)}), ${score.wrong} wrong (${pct(score.wrong, score.total)}); ${parts.join(", ")}; thresholds ${JSON.stringify(model.thresholds)}`);
  if (verbose) {
    for (const row of held) {
      const result = outcome(row, model);
      if (!result.correct) console.log(`      ${result.wrong ? "WRONG" : "miss "} expect ${row.expect} got ${result.got} p=${result.p.toFixed(2)} best=${row.best}: ${row.question}`);
    }
  }
}
console.log(`  all         ${sum.correct}/${sum.total} right (${pct(sum.correct, sum.total)}), ${sum.wrong} wrong (${pct(sum.wrong, sum.total)})`);

if (write) {
  const model = fit(all);
  const file = fileURLToPath(new URL("./decision-model.json", import.meta.url));
  await writeFile(file, `${JSON.stringify(model, (_key, value: unknown) => (typeof value === "number" ? Math.round(value * 1e4) / 1e4 : value), 2)}\n`);
  console.log(`wrote ${file}: thresholds ${JSON.stringify(model.thresholds)}, fitted on ${model.fittedOn.join(", ")}`);
}

function pct(part: number, total: number): string {
  return `${((100 * part) / Math.max(total, 1)).toFixed(1)} %`;
}
