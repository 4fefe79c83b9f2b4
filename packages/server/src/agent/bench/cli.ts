/**
 * `npm run bench:agent [-- --articles 1000 --questions 2000 --seed 1] [--examples]`: how fast the
 * AI agent is on a large help center. Builds the agent (`createAgent`) over a synthetic help center,
 * asks it generated questions one at a time, and prints the build time, the time per question and
 * the memory the process holds once the agent is built. Synthetic text: the reply mix it prints is
 * a sanity check, not a quality score (that is `npm run eval`). With --examples, the help center is
 * made of the labelled help centers in examples/ instead (./examples.ts), real text with real
 * questions: long stories cost more than generated questions.
 */
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createAgent } from "../create";
import { parseArticle, type Article } from "../knowledge";
import { percentile } from "../eval/percentile";
import { countByGot, type Got } from "../eval/score";
import { labelledHelpCenters } from "./examples";
import { generateHelpCenter, generateQuestions } from "./synthetic";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    questions: { type: "string" },
    seed: { type: "string", default: "1" },
    examples: { type: "boolean", default: false },
  },
});
const articleCount = positiveInteger("articles", values.articles);
/** How many questions to ask: 2,000 generated ones by default, or every labelled one. */
const questionCount = values.questions === undefined ? undefined : positiveInteger("questions", values.questions);
const seed = positiveInteger("seed", values.seed);
/** Questions asked before timing starts, so the first timed ones do not pay for compiling the code. */
const WARM_UP = 50;
// `tsx --expose-gc` (the npm script) makes heap figures settle; without it they include garbage.
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

const source = values.examples ? await fromExamples() : synthetic();
const words = source.articles.reduce((sum, article) => sum + article.body.split(/\s+/).length, 0);
const sections = source.articles.reduce((sum, article) => sum + (article.body.match(/^## /gm)?.length ?? 0), 0);

collectGarbage();
const before = process.memoryUsage();
let started = performance.now();
const agent = createAgent(source.articles);
const buildMs = performance.now() - started;
collectGarbage();
const after = process.memoryUsage();

const { questions } = source;
for (const question of source.warmUp) await agent.answer({ question });
const times: number[] = [];
const byKind = new Map<string, { asked: number; got: Record<Got, number>; citesSource: number }>();
started = performance.now();
for (const { question, kind, articleId, locale } of questions) {
  const asked = performance.now();
  const reply = await agent.answer({ question, ...(locale !== undefined && { locale }) });
  times.push(performance.now() - asked);
  const tally = byKind.get(kind) ?? { asked: 0, got: countByGot(), citesSource: 0 };
  tally.asked += 1;
  tally.got[reply.kind] += 1;
  if (reply.kind === "answer" && articleId !== undefined && reply.citations[0]?.articleId === articleId) tally.citesSource += 1;
  byKind.set(kind, tally);
}
const askMs = performance.now() - started;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`${source.name}: ${source.articles.length} articles, ${sections} sections, ${words.toLocaleString("en")} words`);
if (source.made !== undefined) console.log(`  ${source.made}`);
console.log(`Agent built (createAgent, index included) in ${ms(buildMs)}`);
console.log(`Memory once built: RSS ${mb(after.rss)}, heap used ${mb(after.heapUsed)} (the agent added ${mb(after.heapUsed - before.heapUsed)} of heap)`);
console.log(`${questions.length} questions, one at a time after ${source.warmUp.length} to warm up, in ${ms(askMs)}:`);
console.log(`  per question p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, p99 ${ms(percentile(times, 99))}, max ${ms(Math.max(...times))}`);
console.log(`Replies by ${source.kinds}`);
const kinds = Object.keys(countByGot()) as Got[];
console.log(`  ${"question kind".padEnd(14)}${"asked".padStart(7)}${kinds.map((kind) => kind.padStart(11)).join("")}  cites its source article`);
for (const [kind, tally] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
  const cited = kind === "from_article" || kind === "one_word" || kind === "answer" ? `${tally.citesSource} (${((tally.citesSource / tally.asked) * 100).toFixed(1)}%)` : "—";
  console.log(`  ${kind.padEnd(14)}${String(tally.asked).padStart(7)}${kinds.map((k) => String(tally.got[k]).padStart(11)).join("")}  ${cited}`);
}

interface Source {
  name: string;
  /** How it was made, when that took time worth printing. */
  made?: string;
  articles: Article[];
  warmUp: string[];
  questions: { question: string; kind: string; articleId?: string; locale?: string }[];
  /** What the questions' kinds are, for the table's title. */
  kinds: string;
}

function synthetic(): Source {
  let started = performance.now();
  const helpCenter = generateHelpCenter({ seed, articles: articleCount });
  const generatedMs = performance.now() - started;
  started = performance.now();
  const articles = helpCenter.files.map((file) => parseArticle(file.source, file.fileName));
  const parsedMs = performance.now() - started;
  return {
    name: `Synthetic help center (seed ${seed})`,
    made: `generated in ${ms(generatedMs)}, parsed in ${ms(parsedMs)}`,
    articles,
    warmUp: generateQuestions(articles, helpCenter.unusedWords, { seed: seed + 2, count: WARM_UP }).map(({ question }) => question),
    questions: generateQuestions(articles, helpCenter.unusedWords, { seed: seed + 1, count: questionCount ?? 2000 }),
    kinds: "kind of question (synthetic text: a sanity check, not a quality score)",
  };
}

/** The labelled help centers' articles and questions; the first articles' titles warm up, as in `npm run eval`. */
async function fromExamples(): Promise<Source> {
  const { names, articles, questions } = await labelledHelpCenters(articleCount);
  return {
    name: `Labelled help centers of examples/ (${names.join(", ")})`,
    articles,
    warmUp: articles.slice(0, WARM_UP).map((article) => article.title),
    questions: questions.slice(0, questionCount ?? questions.length),
    kinds: "outcome the label expects (fitted-on help centers: not a hold-out score, that is fit-decision.ts)",
  };
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) {
    console.error(`--${name} must be a positive whole number, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return number;
}
