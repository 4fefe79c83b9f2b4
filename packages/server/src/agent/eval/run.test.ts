import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { EXIT_BAD_INPUT, EXIT_OK, runEval } from "./run";

// A tiny help center on disk, a question file, and the eval run over them as the CLI runs it.
let dir: string;
const article = (id: string, title: string, body: string) => `---\nid: ${id}\ntitle: ${title}\nurl: /help/${id}\n---\n\n${body}\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-eval-"));
  await mkdir(join(dir, "help"));
  await writeFile(join(dir, "help", "returns.md"), article("returns", "Returns and refunds", "You can return most items within 60 days of delivery.\n\n## How to return an item\n\nStart your return in the Returns Center and print the prepaid label.\n\n## Refunds\n\nRefunds go back to the original payment method within 5 business days."));
  await writeFile(join(dir, "help", "shipping.md"), article("shipping", "Shipping times", "We ship every order within one business day.\n\n## Standard delivery\n\nStandard delivery takes 3 to 7 business days."));
  await writeFile(join(dir, "help", "gift-cards.md"), article("gift-cards", "Gift cards", "Gift cards never expire.\n\n## Check a balance\n\nEnter the card number on the gift card page to see its balance."));
  await writeFile(join(dir, "help", "broken.md"), "---\n[unclosed\n---\nThis article's front matter is broken.");
  await writeFile(
    join(dir, "questions.jsonl"),
    [
      '{"question": "How do I return an item?", "expect": "answer", "article": "returns", "candidates": ["returns"]}',
      '{"question": "How long does standard delivery take?", "expect": "answer", "article": "shipping", "locale": "en"}',
      "",
      '{"question": "Can I talk to a real person?", "expect": "handoff"}',
      '{"question": "Which one applies to me?", "expect": "clarify"}',
    ].join("\n"),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(questionsFile: string, json: boolean, knowledgeDir = "help", withoutHints = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runEval(
    { knowledgeDir, questionsFile, json, withoutHints, cwd: dir },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  );
  return { code, out, err };
}

test("--json: one line per question in file order, then totals that add them up; skipped articles named on stderr", async () => {
  const { code, out, err } = await run("questions.jsonl", true);
  expect(code).toBe(EXIT_OK);
  expect(err).toEqual([expect.stringMatching(/^help\/broken\.md: skipped: the front matter is not valid YAML/)]);
  const lines = out.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toHaveLength(5);
  const questions = lines.slice(0, 4);
  expect(questions.map((line) => line.question)).toEqual([
    "How do I return an item?",
    "How long does standard delivery take?",
    "Can I talk to a real person?",
    "Which one applies to me?",
  ]);
  for (const line of questions) {
    expect(line).toEqual(expect.objectContaining({ expect: expect.any(String), got: expect.any(String), cited: expect.any(Array), ms: expect.any(Number) }));
  }
  // What a customer would see: the plainly answerable question answered from its article, the person asked for.
  expect(questions[0]).toMatchObject({ got: "answer", cited: ["returns"], correct: true });
  expect(questions[2]).toMatchObject({ got: "handoff", correct: true });

  const totals = lines[4] as { total: number; correct: number; wrong: number; answer: { total: number }; p50_ms: number; p99_ms: number };
  expect(totals.total).toBe(4);
  expect(totals.correct).toBe(questions.filter((line) => line.correct === true).length);
  expect(totals.wrong).toBe(questions.filter((line) => line.wrong === true).length);
  expect(totals.answer.total).toBe(2);
  expect(totals.p99_ms).toBeGreaterThanOrEqual(totals.p50_ms);
});

test("without --json: a readable report", async () => {
  const { code, out } = await run("questions.jsonl", false);
  expect(code).toBe(EXIT_OK);
  const report = out.join("\n");
  expect(report).toContain("AI agent eval: 4 questions from questions.jsonl, 3 articles from help");
  expect(report).toMatch(/Correct\s+\d of 4/);
  expect(report).toContain("By expected outcome");
  expect(report).toContain("By locale");
  expect(report).toMatch(/Time per question, once warm: p50 \d+\.\d\d ms, p99 \d+\.\d\d ms/);
});

test("--without-hints scores the same help center without the articles' example questions", async () => {
  await mkdir(join(dir, "hinted"));
  for (const name of ["returns.md", "shipping.md"]) await writeFile(join(dir, "hinted", name), await readFile(join(dir, "help", name), "utf8"));
  await writeFile(
    join(dir, "hinted", "gift-wrap.md"),
    "---\nid: gift-wrap\ntitle: Gift wrapping\nurl: /help/gift-wrap\nquestions:\n  - Can I send an order as a present?\n  - Will they see what I paid?\n---\n\nAdd wrapping paper and a card at checkout for $5 per item. The receipt inside shows no prices.\n",
  );
  await writeFile(join(dir, "gifts.jsonl"), '{"question": "Will they see what I paid??", "expect": "answer", "article": "gift-wrap"}\n');

  const used = await run("gifts.jsonl", false, "hinted");
  expect(used.out[0]).toMatch(/3 articles from hinted \(with their example questions\)$/);
  expect(used.out).toContainEqual(expect.stringMatching(/^Correct +1 of 1/));
  const ignored = await run("gifts.jsonl", false, "hinted", true);
  expect(ignored.out[0]).toMatch(/\(their example questions left out\)$/);
  expect(ignored.out).toContainEqual(expect.stringMatching(/^Correct +0 of 1/));
});

test("a question naming an article the folder lacks stops the run with the file and line, before asking anything", async () => {
  await writeFile(join(dir, "typo.jsonl"), '{"question": "Hi?", "expect": "handoff"}\n{"question": "How do I return an item?", "expect": "answer", "article": "return"}\n');
  const { code, out, err } = await run("typo.jsonl", true);
  expect(code).toBe(EXIT_BAD_INPUT);
  expect(out).toEqual([]);
  expect(err).toContain('typo.jsonl:2: article "return" is not in the knowledge folder help');
});

test("a missing question file, a missing folder or a folder without articles is bad input", async () => {
  expect(await run("nowhere.jsonl", false)).toMatchObject({ code: EXIT_BAD_INPUT, err: expect.arrayContaining(["nowhere.jsonl: cannot read the question file (not found)"]) });
  expect(await run("questions.jsonl", false, "no-such-folder")).toMatchObject({ code: EXIT_BAD_INPUT, err: ["no-such-folder: cannot read the knowledge folder (not found)"] });
  const empty = await mkdtemp(join(tmpdir(), "parley-eval-empty-"));
  try {
    expect(await run(join(dir, "questions.jsonl"), false, empty)).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringMatching(/: no articles to answer from/)] });
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
