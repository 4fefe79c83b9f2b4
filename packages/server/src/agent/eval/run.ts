import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createAgent } from "../create";
import { loadKnowledgeDir, translationGroups, type Article } from "../knowledge";
import { parseQuestionFile } from "./questions";
import { formatReport, jsonLine, jsonTotals } from "./report";
import { scoreReply, totalsOf, type QuestionResult } from "./score";

export interface EvalOptions {
  /** The folder of Markdown articles, as the user named it (messages repeat it). */
  knowledgeDir: string;
  /** The question file (JSON lines), as the user named it. */
  questionsFile: string;
  json: boolean;
  /** Leave out the articles' example questions (front matter `questions:`): what the agent does without the owner's hints. */
  withoutHints?: boolean;
  /** Where relative paths start from (default: the current directory). */
  cwd?: string;
}

/** Where the eval writes: results to `out`, problems with its input to `err`, one line per call. */
export interface EvalOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: the run finished (whatever the score), or its input is unusable. */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;

/** Questions asked (the articles' titles) before timing starts. */
const WARM_UP = 50;

/**
 * Scores the AI agent on a labelled question file: loads the knowledge folder, asks every question
 * in order (one at a time, so each time is the agent's alone), and writes the report or JSON lines.
 */
export async function runEval(options: EvalOptions, output: EvalOutput): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadArticles(resolve(cwd, options.knowledgeDir), options.knowledgeDir, output);
  if (loaded === null) return EXIT_BAD_INPUT;
  const hinted = loaded.filter((article) => article.questions !== undefined).length;
  const articles = options.withoutHints ? loaded.map(({ questions: _hints, ...article }) => article) : loaded;

  let text: string;
  try {
    text = await readFile(resolve(cwd, options.questionsFile), "utf8");
  } catch (error) {
    output.err(`${options.questionsFile}: cannot read the question file (${reason(error)})`);
    return EXIT_BAD_INPUT;
  }
  const { questions, problems } = parseQuestionFile(text, options.questionsFile, {
    articleIds: new Set(articles.map((article) => article.id)),
    dir: options.knowledgeDir,
  });
  if (problems.length > 0) {
    for (const problem of problems) output.err(problem);
    return EXIT_BAD_INPUT;
  }

  const agent = createAgent(articles);
  // As `npm run bench:agent` does: the first questions pay for compiling the code, which a running
  // server has long done; the latency reported is a warm agent's.
  for (const article of articles.slice(0, WARM_UP)) await agent.answer({ question: article.title });
  const groups = translationGroups(articles);
  const results: QuestionResult[] = [];
  for (const question of questions) {
    const started = performance.now();
    const reply = await agent.answer({ question: question.question, ...(question.locale === undefined ? {} : { locale: question.locale }) });
    const result = scoreReply(question, reply, performance.now() - started, groups);
    results.push(result);
    if (options.json) output.out(jsonLine(result));
  }
  const totals = totalsOf(results);
  if (options.json) output.out(jsonTotals(totals));
  else {
    const source = {
      knowledgeDir: options.knowledgeDir,
      articles: articles.length,
      questionsFile: options.questionsFile,
      hints: hinted === 0 ? ("none" as const) : options.withoutHints ? ("ignored" as const) : ("used" as const),
    };
    for (const line of formatReport(results, totals, source).split("\n")) output.out(line);
  }
  return EXIT_OK;
}

/** The folder's articles, its skipped files reported on `err`; null when there is nothing to answer from. */
async function loadArticles(dir: string, named: string, output: EvalOutput): Promise<Article[] | null> {
  let loaded: Awaited<ReturnType<typeof loadKnowledgeDir>>;
  try {
    loaded = await loadKnowledgeDir(dir);
  } catch (error) {
    output.err(`${named}: cannot read the knowledge folder (${reason(error)})`);
    return null;
  }
  for (const problem of loaded.problems) output.err(`${join(named, problem.file)}: skipped: ${problem.message}`);
  if (loaded.articles.length === 0) {
    output.err(`${named}: no articles to answer from (expected Markdown or HTML files with front matter: .md, .markdown, .html, .htm; see examples/knowledge/README.md)`);
    return null;
  }
  return loaded.articles;
}

function reason(error: unknown): string {
  if (error instanceof Error && "code" in error && typeof error.code === "string") {
    const known: Record<string, string> = { ENOENT: "not found", ENOTDIR: "not a folder", EISDIR: "a folder, not a file", EACCES: "permission denied" };
    return known[error.code] ?? error.code;
  }
  return error instanceof Error ? error.message : String(error);
}
