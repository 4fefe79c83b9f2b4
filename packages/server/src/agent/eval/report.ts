import { countByGot, type Got, type QuestionResult, type Totals } from "./score";
import { EXPECTED_OUTCOMES } from "./questions";

/** `--json`: one line per question. `question`, `expect`, `got`, `cited`, `ms` are the stable part; the rest helps reading. */
export function jsonLine(result: QuestionResult): string {
  return JSON.stringify({
    question: result.question,
    expect: result.expect,
    got: result.got,
    cited: result.cited,
    ms: result.ms,
    ...(result.article === undefined ? {} : { article: result.article }),
    ...(result.locale === undefined ? {} : { locale: result.locale }),
    ...(result.got === "clarify" ? { offered: result.offered } : {}),
    ...(result.suggested.length > 0 ? { suggested: result.suggested } : {}),
    ...(result.confidence === undefined ? {} : { confidence: result.confidence }),
    correct: result.correct,
    wrong: result.wrong,
  });
}

/** `--json`: the last line. */
export function jsonTotals(totals: Totals): string {
  return JSON.stringify(totals);
}

/** Confidence buckets of the reliability table: [0, 0.5), [0.5, 0.6), … [0.9, 1]. */
const BUCKETS = ["0.0–0.5", "0.5–0.6", "0.6–0.7", "0.7–0.8", "0.8–0.9", "0.9–1.0"] as const;

export function confidenceBucket(confidence: number): number {
  // The epsilon keeps 0.6 (stored as 0.59999…) in the 0.6–0.7 bucket.
  const tenth = Math.floor(confidence * 10 + 1e-9);
  return tenth < 5 ? 0 : Math.min(tenth, 9) - 4;
}

/** The readable report: totals, expected × got, locales, latency, what went wrong, and how far confidence can be trusted. */
export function formatReport(
  results: readonly QuestionResult[],
  totals: Totals,
  source: { knowledgeDir: string; articles: number; questionsFile: string; hints?: "none" | "used" | "ignored" },
): string {
  const out: string[] = [];
  const hints = { none: "", used: " (with their example questions)", ignored: " (their example questions left out)" }[source.hints ?? "none"];
  out.push(
    `AI agent eval: ${totals.total} questions from ${source.questionsFile}, ${source.articles} articles from ${source.knowledgeDir}${hints}`,
    "",
    `Correct  ${totals.correct} of ${totals.total}  ${percent(totals.correct, totals.total)}`,
    `Wrong    ${totals.wrong} of ${totals.total}  ${percent(totals.wrong, totals.total)}  (an answer citing another article first, or an answer where a hand-off was expected)`,
  );
  if (totals.clarify.total > 0) {
    out.push(`Answered an ambiguous question (a clarifying question was expected): ${totals.answered_ambiguous} of ${totals.clarify.total}`);
  }
  out.push(
    `Answers: precision ${fraction(totals.precision)} (answers given that cite the expected article), recall ${fraction(totals.recall)} (questions expecting an answer that got the right one)`,
    "",
    "By expected outcome (rows: expected; columns: what the agent did)",
  );
  const kinds = Object.keys(countByGot()) as Got[];
  out.push(
    ...table(
      ["expected", "questions", ...kinds.map(gotLabel), "correct", "wrong"],
      EXPECTED_OUTCOMES.filter((expect) => totals[expect].total > 0).map((expect) => {
        const row = totals[expect];
        return [gotLabel(expect), String(row.total), ...kinds.map((kind) => String(row.got[kind])), percent(row.correct, row.total), percent(row.wrong, row.total)];
      }),
    ),
  );
  if (totals.answer.got.smalltalk + totals.clarify.got.smalltalk + totals.handoff.got.smalltalk > 0) {
    out.push("(small talk is never what a labelled question expects: it counts as not correct, not as wrong)");
  }

  out.push("", "By locale");
  const locales = [...new Set(results.map(localeOf))].sort((a, b) => (a === NO_LOCALE ? -1 : b === NO_LOCALE ? 1 : a.localeCompare(b)));
  out.push(
    ...table(
      ["locale", "questions", "correct", "wrong"],
      locales.map((locale) => {
        const rows = results.filter((result) => localeOf(result) === locale);
        return [locale, String(rows.length), percent(rows.filter((r) => r.correct).length, rows.length), percent(rows.filter((r) => r.wrong).length, rows.length)];
      }),
    ),
  );

  const { ambiguous, answerable } = totals.clarify_offers;
  if (ambiguous.questions + answerable.questions > 0) {
    out.push("", "What the clarifying questions offered (where the question file names the articles)");
    if (ambiguous.questions > 0) {
      out.push(`  ambiguous questions: all their candidates ${ambiguous.all} of ${ambiguous.questions}, at least one ${ambiguous.some} of ${ambiguous.questions}`);
    }
    if (answerable.questions > 0) out.push(`  answerable questions: the expected article ${answerable.expected} of ${answerable.questions}`);
  }

  const suggestions = totals.handoff_suggestions;
  if (suggestions.handoffs > 0) {
    out.push("", `Hand-offs that suggested an article that may help meanwhile: ${suggestions.handoffs} of ${totals.answer.got.handoff + totals.clarify.got.handoff + totals.handoff.got.handoff}`);
    if (suggestions.answerable.questions > 0) {
      out.push(`  answerable questions: the expected article ${suggestions.answerable.expected} of ${suggestions.answerable.questions}`);
    }
  }

  out.push("", `Time per question, once warm: p50 ${totals.p50_ms.toFixed(2)} ms, p99 ${totals.p99_ms.toFixed(2)} ms`);

  listed(out, "Wrong", results.filter((r) => r.wrong));
  listed(out, "Answered an ambiguous question", results.filter((r) => r.answeredAmbiguous));
  listed(out, "Small talk instead", results.filter((r) => r.got === "smalltalk"));
  // What an owner can act on: a clearer article, or the question itself as an example on the expected one (front matter `questions:`).
  listed(out, "Not answered, though an article was expected to answer", results.filter((r) => r.expect === "answer" && (r.got === "handoff" || r.got === "clarify")));

  const answers = results.filter((r) => r.got === "answer" && r.confidence !== undefined);
  if (answers.length > 0) {
    out.push("", "Reliability: answers by the agent's confidence");
    const buckets = BUCKETS.map(() => ({ answers: 0, correct: 0 }));
    for (const answer of answers) {
      const bucket = buckets[confidenceBucket(answer.confidence ?? 0)];
      if (bucket === undefined) continue;
      bucket.answers += 1;
      if (answer.correct) bucket.correct += 1;
    }
    out.push(
      ...table(
        ["confidence", "answers", "correct"],
        BUCKETS.map((label, i) => [label, String(buckets[i]?.answers ?? 0), percent(buckets[i]?.correct ?? 0, buckets[i]?.answers ?? 0)]),
      ),
    );
  }
  return out.join("\n");
}

const NO_LOCALE = "(none)";

function localeOf(result: QuestionResult): string {
  return result.locale ?? NO_LOCALE;
}

function listed(out: string[], heading: string, results: readonly QuestionResult[]): void {
  if (results.length === 0) return;
  out.push("", `${heading} (${results.length})`);
  for (const result of results) {
    const expected = result.expect === "answer" ? `answer citing ${result.article ?? "?"}` : gotLabel(result.expect);
    out.push(`  ${JSON.stringify(result.question)}${result.locale === undefined ? "" : ` [${result.locale}]`}`, `    expected ${expected}; got ${describeGot(result)}`);
  }
}

function describeGot(result: QuestionResult): string {
  const confidence = result.confidence === undefined ? "" : ` (confidence ${result.confidence.toFixed(2)})`;
  if (result.got === "answer") return `answer citing ${result.cited.join(", ") || "nothing"}${confidence}`;
  if (result.got === "clarify") return `clarifying question offering ${result.offered.join(", ") || "nothing"}${confidence}`;
  if (result.got === "handoff" && result.suggested.length > 0) return `hand-off suggesting ${result.suggested.join(", ")}`;
  return gotLabel(result.got);
}

function gotLabel(kind: Got): string {
  return { answer: "answer", clarify: "clarify", handoff: "hand-off", smalltalk: "small talk" }[kind];
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${((part / whole) * 100).toFixed(1)}%`;
}

function fraction(share: number | null): string {
  return share === null ? "—" : `${(share * 100).toFixed(1)}%`;
}

/** Columns padded to their widest cell: the first left-aligned, the others right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    "  " + cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}
