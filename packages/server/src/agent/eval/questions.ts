import { z } from "zod";

/** What a labelled question should lead to: an answer citing an article, a clarifying question, or a hand-off. */
export const EXPECTED_OUTCOMES = ["answer", "clarify", "handoff"] as const;
export type ExpectedOutcome = (typeof EXPECTED_OUTCOMES)[number];

const nonEmpty = (message: string) => z.string({ error: message }).trim().min(1, { error: message });
/** An article id: text, or a whole number as Zendesk's article ids are (front matter takes both too). */
const articleId = (message: string) => z.union([nonEmpty(message), z.number().int().nonnegative().transform(String)], { error: message });

/**
 * One line of a question file. Fields it does not name (notes, …) belong to whoever wrote the file
 * and are ignored.
 */
const QuestionLine = z
  .object({
    question: nonEmpty('"question" must be non-empty text'),
    expect: z.enum(EXPECTED_OUTCOMES, { error: '"expect" must be "answer", "clarify" or "handoff"' }),
    article: articleId('"article" must be an article id (non-empty text or a whole number)').optional(),
    locale: nonEmpty('"locale" must be non-empty text (e.g. "fr")').optional(),
    /** For a clarifying question: the articles it should offer (the readings of the question). */
    candidates: z
      .array(articleId('"candidates" must be a list of article ids'), { error: '"candidates" must be a list of article ids' })
      .min(1, { error: '"candidates" must be a list of article ids' })
      .optional(),
  })
  .refine((line) => line.expect !== "answer" || line.article !== undefined, {
    error: '"article" is required when "expect" is "answer" (the id of the article the answer must cite)',
  });

/** A labelled question, with the line of the file it came from. */
export interface EvalQuestion {
  question: string;
  expect: ExpectedOutcome;
  /** The article an answer must cite (or one of its translations). */
  article?: string;
  /** The Messenger's language the question is asked in. */
  locale?: string;
  /** The articles a clarifying question should offer. */
  candidates?: string[];
  line: number;
}

/**
 * Reads a question file's text (one JSON object a line; blank lines skipped). Every bad line is
 * reported as `<file>:<line>: <what is wrong>`, in order, so all of them can be fixed in one go;
 * given the knowledge folder's article ids, so is a line naming an article it does not have.
 */
export function parseQuestionFile(
  text: string,
  file: string,
  knowledge?: { articleIds: ReadonlySet<string>; dir: string },
): { questions: EvalQuestion[]; problems: string[] } {
  const questions: EvalQuestion[] = [];
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const [index, source] of lines.entries()) {
    const line = index + 1;
    if (source.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      problems.push(`${file}:${line}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`${file}:${line}: expected a JSON object like {"question": "…", "expect": "answer", "article": "…"}`);
      continue;
    }
    const parsed = QuestionLine.safeParse(value);
    if (!parsed.success) {
      problems.push(`${file}:${line}: ${[...new Set(parsed.error.issues.map((issue) => issue.message))].join("; ")}`);
      continue;
    }
    const { question, expect, article, locale, candidates } = parsed.data;
    const unknown = [...(article === undefined ? [] : [article]), ...(candidates ?? [])].filter((id) => knowledge !== undefined && !knowledge.articleIds.has(id));
    if (knowledge !== undefined && unknown.length > 0) {
      problems.push(`${file}:${line}: ${unknown.map((id) => `article "${id}"`).join(", ")} ${unknown.length === 1 ? "is" : "are"} not in the knowledge folder ${knowledge.dir}`);
      continue;
    }
    questions.push({
      question,
      expect,
      ...(article === undefined ? {} : { article }),
      ...(locale === undefined ? {} : { locale }),
      ...(candidates === undefined ? {} : { candidates }),
      line,
    });
  }
  if (questions.length === 0 && problems.length === 0) problems.push(`${file}: has no questions`);
  return { questions, problems };
}
