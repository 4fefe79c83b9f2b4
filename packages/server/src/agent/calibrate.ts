/**
 * Chooses the answerer's confidence threshold on the labelled demo questions and prints the
 * evidence. Run it after changing the scoring, the demo articles or the question set:
 *
 *   npx tsx packages/server/src/agent/calibrate.ts [--verbose]
 *
 * It sweeps `minConfidence` from 0.01 to 0.99 over the "calibration" split and reports the range
 * that gets the most questions right and its middle (the value to put in calibration.ts). The
 * "holdout" split, written after the scoring was settled, is scored at the threshold in use: it
 * shows how the choice carries over to questions it was not tuned on. Last come the questions of
 * testdata/hard-questions.json, which the answerer is known to get wrong (so the tests do not
 * assert them): a change that fixes one shows up here.
 */
import { fileURLToPath } from "node:url";
import { createBuiltInAnswerer } from "./answerer";
import { DEFAULT_MIN_CONFIDENCE } from "./calibration";
import { loadKnowledgeDir } from "./knowledge";
import { loadQuestionSet, type LabelledQuestion } from "./question-set";
import { KnowledgeIndex } from "./search";

const knowledgeDir = fileURLToPath(new URL("../../../../examples/knowledge", import.meta.url));
const questionFile = fileURLToPath(new URL("./testdata/demo-questions.json", import.meta.url));
const hardQuestionFile = fileURLToPath(new URL("./testdata/hard-questions.json", import.meta.url));
const verbose = process.argv.includes("--verbose");

const { articles, problems } = await loadKnowledgeDir(knowledgeDir);
if (problems.length > 0) throw new Error(problems.map((problem) => problem.message).join("\n"));
const index = KnowledgeIndex.build(articles);
const questions = await loadQuestionSet(questionFile);
const calibration = questions.filter((q) => q.split === "calibration");
const holdout = questions.filter((q) => q.split === "holdout");

if (verbose) {
  for (const q of questions) {
    const best = index.search(q.question, 1)[0];
    const expected = "cites" in q ? q.cites : `hand-off (${q.handoff})`;
    const found = best ? `${best.passage.id} ${best.score.toFixed(2)} ${JSON.stringify(best.signals, round)}` : "nothing";
    console.log(`${q.split.padEnd(11)} ${q.question}\n    → ${found}\n    expected ${expected}`);
  }
}

const sweep: { threshold: number; right: number }[] = [];
for (let step = 1; step < 100; step++) {
  const threshold = step / 100;
  sweep.push({ threshold, right: (await wrongAnswers(calibration, threshold)).length });
}
for (const row of sweep) row.right = calibration.length - row.right;
const bestRight = Math.max(...sweep.map((row) => row.right));
const best = sweep.filter((row) => row.right === bestRight).map((row) => row.threshold);
const low = Math.min(...best);
const high = Math.max(...best);
console.log(`calibration split: ${calibration.length} questions`);
console.log(sweep.filter((_, i) => i % 5 === 4).map((row) => `${row.threshold.toFixed(2)}:${row.right}`).join("  "));
console.log(`best: ${bestRight}/${calibration.length} right for every threshold in ${low.toFixed(2)}..${high.toFixed(2)}; middle ${((low + high) / 2).toFixed(2)}`);
for (const q of await wrongAnswers(calibration, DEFAULT_MIN_CONFIDENCE)) console.log(`  wrong at ${DEFAULT_MIN_CONFIDENCE}: ${q}`);
if (holdout.length > 0) {
  const wrong = await wrongAnswers(holdout, DEFAULT_MIN_CONFIDENCE);
  console.log(`holdout split at ${DEFAULT_MIN_CONFIDENCE} (in use): ${holdout.length - wrong.length}/${holdout.length} right`);
  for (const q of wrong) console.log(`  wrong: ${q}`);
}
const hard = await loadQuestionSet(hardQuestionFile);
const hardWrong = await wrongAnswers(hard, DEFAULT_MIN_CONFIDENCE);
console.log(`known hard questions at ${DEFAULT_MIN_CONFIDENCE}: ${hard.length - hardWrong.length}/${hard.length} right`);
for (const q of hardWrong) console.log(`  still wrong: ${q}`);

async function wrongAnswers(set: LabelledQuestion[], minConfidence: number): Promise<string[]> {
  const answerer = createBuiltInAnswerer(index, { minConfidence });
  const wrong: string[] = [];
  for (const q of set) {
    const reply = await answerer.answer({ question: q.question });
    const right =
      "cites" in q
        ? reply.kind === "answer" && reply.citations[0]?.url === articles.find((a) => a.id === q.cites)?.url
        : reply.kind === "handoff" && reply.reason === q.handoff;
    if (!right) {
      const got = reply.kind === "answer" ? `answer citing ${reply.citations.map((c) => c.url).join(", ")} (${reply.confidence.toFixed(2)})` : reply.kind === "handoff" ? `hand-off (${reply.reason})` : reply.kind;
      wrong.push(`"${q.question}": got ${got}, expected ${"cites" in q ? q.cites : `hand-off (${q.handoff})`}`);
    }
  }
  return wrong;
}

function round(_key: string, value: unknown): unknown {
  return typeof value === "number" ? Math.round(value * 100) / 100 : value;
}
