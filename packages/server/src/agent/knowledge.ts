import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { marked, type Token, type Tokens } from "marked";
import { z } from "zod";
import { readFrontMatter, type FrontMatter } from "./front-matter";
import { htmlToMarkdown } from "./html";
import { articleLanguage } from "./language";
import { languageOf } from "./terms";

/** A help-center article the AI agent answers from. */
export interface Article {
  id: string;
  title: string;
  /** Where customers read it; relative addresses are resolved by the server against its public address. */
  url: string;
  locale: string;
  /**
   * The id of the article this one translates (front matter `translation_of`), or null. An article
   * whose id is another's plus `-<its locale>` (`returns-fr`) is a translation too: see `translationGroups`.
   */
  translationOf: string | null;
  /**
   * The owner's example phrasings of questions this article answers (front matter `questions:`): a
   * question put in the same words is answered from this article (see exampleAsked in ./answerer).
   */
  questions?: readonly string[];
  /** Markdown, without the front matter. */
  body: string;
}

/** A retrievable piece of an article: its intro, or one of its sections (see `chunkArticle`). */
export interface Passage {
  id: string;
  articleId: string;
  articleTitle: string;
  articleUrl: string;
  heading: string | null;
  /** Plain text, Markdown stripped. Paragraphs are separated by a blank line, list items by a line break. */
  text: string;
  /** The article's example questions (see Article.questions). */
  articleQuestions?: readonly string[];
  /**
   * For each line of `text`, the Markdown list marker it had ("1.", "2.", "-"), or null; absent
   * when the passage has no list. Answers give step lists back as lists.
   */
  listMarkers?: readonly (string | null)[];
}

/** An article file that cannot be used, naming the file so the owner can fix it. */
export class KnowledgeError extends Error {
  readonly file: string;
  /** What is wrong, without the file name. */
  readonly reason: string;

  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = "KnowledgeError";
    this.file = file;
    this.reason = reason;
  }
}

const text = z.string().trim().min(1);
/** More example questions than this are a second article, not hints. */
export const MAX_ARTICLE_QUESTIONS = 50;
const FrontMatterFields = z.object({
  // YAML reads `id: 42` as a number; an id is a name, so accept it as text.
  id: z.union([text, z.number().transform(String)]).optional(),
  title: text.optional(),
  url: text.optional(),
  locale: text.optional(),
  translation_of: z.union([text, z.number().transform(String)]).optional(),
  questions: z.array(text).max(MAX_ARTICLE_QUESTIONS).optional(),
});

/** Whether a file name is an article's: Markdown (`.md`, `.markdown`), or HTML (`.html`, `.htm`). */
export function isArticleFile(fileName: string): boolean {
  const extension = extname(fileName).toLowerCase();
  return extension === ".md" || extension === ".markdown" || isHtmlFile(fileName);
}

function isHtmlFile(fileName: string): boolean {
  const extension = extname(fileName).toLowerCase();
  return extension === ".html" || extension === ".htm";
}

/**
 * Parses an article file with YAML front matter (id, title, url, locale, translation_of, questions): Markdown,
 * or HTML when the file name ends in `.html` / `.htm` (its body is converted to Markdown, scripts
 * and styles dropped). Missing id → derived from the file name; missing title → the first `#`
 * heading (an HTML `<h1>`); missing url → `options.defaultUrl(id)`, or else a KnowledgeError naming the file; missing
 * locale → the language its words are in (`articleLanguage`: English unless they tell). A `#` heading that opens the body and repeats the title is left out of `body`, so pages
 * that print the title do not print it twice.
 */
export function parseArticle(source: string, fileName: string, options: { defaultUrl?: (id: string) => string } = {}): Article {
  let parsed: FrontMatter;
  try {
    parsed = readFrontMatter(source);
  } catch (error) {
    throw new KnowledgeError(fileName, `the front matter is not valid YAML (${firstLine(error)})`);
  }
  const front = FrontMatterFields.safeParse(parsed.data);
  if (!front.success) {
    const fields = [...new Set(front.error.issues.map((issue) => String(issue.path[0])))];
    const expected = fields.map((field) =>
      field === "questions" ? `questions must be a list of at most ${MAX_ARTICLE_QUESTIONS} non-empty questions` : `front matter field ${field} must be non-empty text`,
    );
    throw new KnowledgeError(fileName, expected.join("; "));
  }
  const { id, title, locale, translation_of: translationOf, questions } = front.data;
  const articleId = id ?? slugFromFileName(fileName);
  const url = front.data.url ?? (articleId === "" ? undefined : options.defaultUrl?.(articleId));
  if (url === undefined) {
    throw new KnowledgeError(fileName, "the front matter has no url (where customers can read the article)");
  }
  if (!URL.canParse(url, "http://localhost/")) {
    throw new KnowledgeError(fileName, `url "${url}" is not a valid address`);
  }
  const body = (isHtmlFile(fileName) ? htmlToMarkdown(parsed.content) : parsed.content).trim();
  const heading = title ?? firstTopHeading(body);
  if (heading === undefined) {
    const where = isHtmlFile(fileName) ? "an <h1> heading" : "a `# ` heading";
    throw new KnowledgeError(fileName, `the article has no title: add \`title:\` to the front matter or ${where}`);
  }
  if (articleId === "") {
    throw new KnowledgeError(fileName, "cannot derive an id from the file name: add `id:` to the front matter");
  }
  const content = withoutTitleHeading(body, heading);
  return {
    id: articleId,
    title: heading,
    url,
    locale: locale ?? articleLanguage(heading, content),
    translationOf: translationOf ?? null,
    ...(questions && questions.length > 0 && { questions }),
    body: content,
  };
}

/** The body without a `#` heading that opens it and repeats the title. */
export function withoutTitleHeading(markdown: string, title: string): string {
  const body = markdown.trim();
  const opening = marked.lexer(body)[0];
  if (opening?.type === "heading" && (opening as Tokens.Heading).depth === 1 && headingText(opening as Tokens.Heading) === title) {
    return body.slice(opening.raw.length).trim();
  }
  return body;
}

/**
 * Which articles are one article in several languages: maps every article id to the id of its
 * group's original. An article is a translation of another when it names it in `translation_of`,
 * or when its id is the other's id plus `-<its locale>` or `-<its language>` (`returns-fr`, locale
 * fr or fr-CA, of `returns`).
 */
export function translationGroups(articles: readonly Article[]): Map<string, string> {
  const ids = new Set(articles.map((article) => article.id));
  const parent = new Map<string, string>();
  for (const article of articles) {
    if (article.translationOf !== null && ids.has(article.translationOf) && article.translationOf !== article.id) {
      parent.set(article.id, article.translationOf);
      continue;
    }
    // The whole locale or its language: `returns-fr` is a translation whether its locale is fr or fr-CA.
    for (const suffix of new Set([`-${article.locale.toLowerCase()}`, `-${languageOf(article.locale)}`])) {
      const original = article.id.slice(0, -suffix.length);
      if (article.id.toLowerCase().endsWith(suffix) && ids.has(original)) {
        parent.set(article.id, original);
        break;
      }
    }
  }
  const root = (id: string): string => {
    const seen = new Set<string>();
    let current = id;
    while (parent.has(current) && !seen.has(current)) {
      seen.add(current);
      current = parent.get(current) ?? current;
    }
    return current;
  };
  return new Map(articles.map((article) => [article.id, root(article.id)]));
}

/**
 * Splits an article into passages by its section headings (`sectionParts`); the intro before
 * the first one is a passage too, and a long section is several (`windows`). The `#` title heading
 * is not repeated in the text; empty sections are dropped.
 */
export function chunkArticle(article: Article): Passage[] {
  const sections: Section[] = [{ heading: null, blocks: [] }];
  for (const part of sectionParts(marked.lexer(article.body), article.title)) {
    if ("heading" in part) {
      sections.push({ heading: part.heading, blocks: [] });
      continue;
    }
    const block = blockLines(part.block);
    if (block.length > 0) sections.at(-1)?.blocks.push(block);
  }
  const passages: Passage[] = [];
  for (const section of sections.flatMap(windows)) {
    if (section.blocks.length === 0) continue;
    passages.push({
      id: `${article.id}#${passages.length}`,
      articleId: article.id,
      articleTitle: article.title,
      articleUrl: article.url,
      heading: section.heading,
      ...passageText(section.blocks),
      ...(article.questions && article.questions.length > 0 && { articleQuestions: article.questions }),
    });
  }
  return passages;
}

interface Section {
  heading: string | null;
  blocks: Line[][];
}

/** A section longer than this many words is read as windows of its paragraphs, lists and tables… */
const LONG_SECTION_WORDS = 150;
/** …of up to this many words each (a longer block is a window of its own). */
const WINDOW_WORDS = 80;

/**
 * A long section as windows of its consecutive blocks, each under the section's heading. A passage
 * that is a whole article without headings (or a long stretch of one) holds a word of nearly every
 * question, and its one strong sentence is lost among the rest. On seven labelled help centers
 * written without headings (each article one passage), windows kept the wrong answers at 19 where
 * whole articles gave 40 (windows of 60 words in sections over 120 gave 610 right with 17 wrong,
 * of 100 in sections over 200 638 with 22, against 622 with 19 for these). With their headings,
 * few of their sections are this long, and the labelled help centers score the same.
 */
function windows(section: Section): Section[] {
  const words = section.blocks.map((block) => block.reduce((sum, line) => sum + (line.text.match(/\S+/g)?.length ?? 0), 0));
  if (words.reduce((sum, n) => sum + n, 0) <= LONG_SECTION_WORDS) return [section];
  const out: Section[] = [];
  let current: Section = { heading: section.heading, blocks: [] };
  let count = 0;
  section.blocks.forEach((block, i) => {
    if (current.blocks.length > 0 && count + (words[i] ?? 0) > WINDOW_WORDS) {
      out.push(current);
      current = { heading: section.heading, blocks: [] };
      count = 0;
    }
    current.blocks.push(block);
    count += words[i] ?? 0;
  });
  out.push(current);
  return out;
}

/** A bold line this long or shorter may be a heading; longer, it is a sentence that stands out. */
const PSEUDO_HEADING_WORDS = 12;

/**
 * An article's blocks in order, with the headings that open its sections. Articles come from many
 * editors, so sections are found however they are marked:
 * - headings down to `###` (`#` too, in a page that heads its sections with `<h1>`, unless it
 *   repeats the title), or, in a page whose headings start deeper, down to one level below its
 *   first (`####` and `#####` in one that starts at `<h4>`); deeper ones stay in the section's text;
 * - in an article without headings, a short line that is bold and nothing else, on its own or
 *   opening a paragraph (`**Returning an item**`, `<p><strong>Refunds:</strong></p>`, an FAQ's
 *   `**How long does delivery take?**` over its answer): a page written without heading styles. A
 *   bold sentence ending in a full stop is emphasis, not a heading;
 * - in an article without headings, an FAQ's question on a line of its own over its answer ("How
 *   long does delivery take?", "Q: Do you ship abroad?", its answer's "A:" left out).
 * Without sections an article is one long passage, which every question finds a word in: on seven
 * labelled help centers with their headings written as bold lines, `####` or `#`, twice as many
 * questions were answered with the wrong article.
 */
function* sectionParts(tokens: readonly Token[], title: string): Generator<{ heading: string } | { block: Token }> {
  const depths = tokens.filter((token): token is Tokens.Heading => token.type === "heading").map((heading) => heading.depth);
  const deepest = Math.max(Math.min(...depths) + 1, 3);
  for (const token of tokens) {
    if (depths.length > 0) {
      const heading = token.type === "heading" ? (token as Tokens.Heading) : null;
      if (heading === null || heading.depth > deepest) yield { block: token };
      else if (heading.depth > 1 || headingText(heading) !== title) yield { heading: headingText(heading) };
      continue;
    }
    const lead = boldLead(token);
    if (lead !== null) {
      yield { heading: lead.heading };
      if (lead.rest !== null) yield { block: lead.rest };
      continue;
    }
    const question = questionLead(token);
    if (question !== null) {
      yield { heading: question.heading };
      for (const block of question.rest) yield { block };
    } else if (token.type === "paragraph" && ANSWER_MARK_UP.test(token.text)) {
      // "Q: …?" then, a paragraph on, "A: …".
      for (const block of marked.lexer(token.text.replace(ANSWER_MARK_UP, ""))) yield { block };
    } else yield { block: token };
  }
}

/** An FAQ's question line may be this long; a bold one too. */
const QUESTION_LINE_WORDS = 20;
/** "Q:", "Question:", and an answer's "A:", in the help centers' languages. */
const QUESTION_MARK_UP = /^(?:q|question|f|frage|p|pregunta|pergunta|d|domanda|v|vraag)\s*[:.)]\s*/i;
const ANSWER_MARK_UP = /^(?:a|answer|r|r[ée]ponse|antwort|respuesta|resposta|risposta|antwoord)\s*[:)]\s*/i;

/**
 * A paragraph whose first line is a question and nothing else ("Do you ship abroad?", "Q: …?"),
 * with what follows it in the paragraph, its "A:" left out, as blocks of their own; else null.
 */
function questionLead(token: Token): { heading: string; rest: Token[] } | null {
  if (token.type !== "paragraph") return null;
  const [line = "", ...more] = (token as Tokens.Paragraph).text.split("\n");
  const heading = inlineText(marked.Lexer.lexInline(line.replace(QUESTION_MARK_UP, ""))).replace(/\s+/g, " ").trim();
  if (!heading.endsWith("?") || heading.split(" ").length > QUESTION_LINE_WORDS) return null;
  const rest = more.join("\n").replace(ANSWER_MARK_UP, "").trim();
  return { heading, rest: rest === "" ? [] : marked.lexer(rest) };
}

/**
 * A paragraph's first line when it is one short bold run and nothing else (a colon after it aside),
 * with the paragraph's other lines, if any, as a paragraph of their own; else null.
 */
function boldLead(token: Token): { heading: string; rest: Tokens.Paragraph | null } | null {
  if (token.type !== "paragraph") return null;
  const [first, ...after] = (token as Tokens.Paragraph).tokens;
  if (first?.type !== "strong") return null;
  const heading = inlineText((first as Tokens.Strong).tokens).replace(/\s+/g, " ").trim().replace(/\s*:$/, "");
  const most = heading.endsWith("?") ? QUESTION_LINE_WORDS : PSEUDO_HEADING_WORDS;
  if (heading === "" || /[.!]$/.test(heading) || heading.split(" ").length > most) return null;
  // The bold run must end its line: the paragraph ends (a colon aside), or breaks into the rest.
  const next = after[0];
  if (next === undefined || (after.length === 1 && /^\s*:?\s*$/.test(next.raw))) return { heading, rest: null };
  let restTokens: Token[];
  if (next.type === "br") restTokens = after.slice(1);
  else {
    const lineEnd = next.type === "text" ? /^\s*:?[ \t]*\n/.exec(next.raw) : null;
    if (lineEnd === null) return null;
    const text = next.raw.slice(lineEnd[0].length);
    restTokens = [{ type: "text", raw: text, text } satisfies Tokens.Text, ...after.slice(1)];
  }
  const raw = restTokens.map((part) => part.raw).join("");
  return { heading, rest: { type: "paragraph", raw, text: raw, tokens: restTokens } };
}

/**
 * A paragraph or list that many articles share word for word ("Still need help? Contact us…",
 * "Was this article helpful?", a "Related articles" section) is the help center's furniture, not
 * an answer: it is left out of their passages when at least three articles, and a fifth of the
 * articles these passages come from, have it; a passage left with nothing is dropped.
 */
export function withoutBoilerplate(passages: readonly Passage[]): Passage[] {
  const blocks = passages.map(blocksOf);
  // Each block's text, compared in lower case with its spacing evened out.
  const keys = blocks.map((each) => each.map((block) => block.map((line) => line.text).join(" ").toLowerCase().replace(/\s+/g, " ").trim()));
  const articlesWith = new Map<string, Set<string>>();
  passages.forEach((passage, i) => {
    for (const key of keys[i] ?? []) articlesWith.set(key, (articlesWith.get(key) ?? new Set()).add(passage.articleId));
  });
  const articleCount = new Set(passages.map((passage) => passage.articleId)).size;
  const shared = (key: string) => {
    const count = articlesWith.get(key)?.size ?? 0;
    return count >= 3 && count >= articleCount / 5;
  };
  return passages.flatMap((passage, i) => {
    const all = blocks[i] ?? [];
    const own = all.filter((_, j) => !shared(keys[i]?.[j] ?? ""));
    if (own.length === all.length) return [passage];
    if (own.length === 0) return [];
    const { listMarkers, ...rest } = passage;
    return [{ ...rest, ...passageText(own) }];
  });
}

/** A passage's text and list markers as the blocks (paragraphs, lists, tables) they were made of. */
function blocksOf(passage: Passage): Line[][] {
  const blocks: Line[][] = [[]];
  passage.text.split("\n").forEach((text, i) => {
    if (text === "") blocks.push([]);
    else blocks.at(-1)?.push({ text, marker: passage.listMarkers?.[i] ?? null });
  });
  return blocks.filter((block) => block.length > 0);
}

/** Blocks as a passage's text, separated by a blank line (which has no marker), with their list markers if any. */
function passageText(blocks: Line[][]): Pick<Passage, "text" | "listMarkers"> {
  const lines = blocks.flatMap((block, i) => (i === 0 ? block : [{ text: "", marker: null }, ...block]));
  return {
    text: lines.map((line) => line.text).join("\n"),
    ...(lines.some((line) => line.marker !== null) && { listMarkers: lines.map((line) => line.marker) }),
  };
}

/** The file an article was loaded from. */
export interface ArticleFile {
  name: string;
  modifiedAt: Date;
}

/** An article file that was skipped, and why. */
export interface KnowledgeProblem {
  file: string;
  message: string;
}

/**
 * Loads every `.md`, `.markdown`, `.html` and `.htm` file in `dir` and its subfolders (a help center kept by
 * category), but not in folders whose name starts with `_` or `.` (`_drafts`); README.md files,
 * the folders' own notes, are left out. A file that cannot be read or parsed is reported in
 * `problems` (its path in `dir`, and what is wrong) and skipped; so is a file whose id an earlier
 * file, by path order, already took in the same language (in another, it is that article's
 * translation: see `originalsById`). An article without `url` is read at Parley's `/help/<id>`.
 * `files` names the file each article came from, by article id.
 */
export async function loadKnowledgeDir(
  dir: string,
): Promise<{ articles: Article[]; problems: KnowledgeProblem[]; files: Map<string, ArticleFile> }> {
  // Sorted, so which of two duplicate ids wins never depends on the file system's order.
  const names = (await articleFiles(dir, "")).sort();
  const parsed: { file: string; article: Article; modifiedAt: Date }[] = [];
  const problems: KnowledgeProblem[] = [];
  for (const file of names) {
    try {
      const path = join(dir, file);
      const [source, stats] = await Promise.all([readFile(path, "utf8"), stat(path)]);
      parsed.push({ file, article: parseArticle(source, file, { defaultUrl: (id) => `/help/${encodeURIComponent(id)}` }), modifiedAt: stats.mtime });
    } catch (error) {
      problems.push({ file, message: error instanceof KnowledgeError ? error.reason : firstLine(error) });
    }
  }
  const originals = originalsById(parsed.map(({ article }) => article));
  const articles: Article[] = [];
  const files = new Map<string, ArticleFile>();
  for (const { file, article, modifiedAt } of parsed) {
    const original = originals.get(article.id) ?? article;
    // The same id in another language than the original's: its translation (see originalsById).
    const loaded =
      languageOf(article.locale) === languageOf(original.locale) ? article : { ...article, id: `${article.id}-${article.locale.toLowerCase()}`, translationOf: article.id };
    const earlier = files.get(loaded.id);
    if (earlier !== undefined) {
      problems.push({ file, message: `id "${loaded.id}" is already used by ${earlier.name}` });
      continue;
    }
    files.set(loaded.id, { name: file, modifiedAt });
    articles.push(loaded);
  }
  return { articles, problems, files };
}

/**
 * Of the articles that share an id, the one that keeps it: the first (by path) in the language
 * most articles are in, else the first. The others, in other languages, are its translations,
 * loaded as `<id>-<locale>`: a help center exported by article (Zendesk Guide's articles keep one id
 * across their translations, often in a folder per locale) has one file per language under the
 * same id, and its main language's file is the original whether `de/` sorts before `returns.md` or
 * not. Another file in the original's language under its id is a duplicate.
 */
function originalsById(articles: readonly Article[]): Map<string, Article> {
  const counts = new Map<string, number>();
  for (const article of articles) counts.set(languageOf(article.locale), (counts.get(languageOf(article.locale)) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1] || (a[0] === "en" ? -1 : b[0] === "en" ? 1 : 0))[0]?.[0];
  const originals = new Map<string, Article>();
  for (const article of articles) {
    const current = originals.get(article.id);
    if (current === undefined || (languageOf(current.locale) !== main && languageOf(article.locale) === main)) originals.set(article.id, article);
  }
  return originals;
}

/** The article files below `dir`, as paths relative to it ("billing/refunds.md"). */
async function articleFiles(dir: string, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory() && !/^[._]/.test(entry.name) && entry.name !== "node_modules") found.push(...(await articleFiles(dir, path)));
    else if (entry.isFile() && isArticleFile(entry.name) && entry.name.toLowerCase() !== "readme.md") found.push(path);
  }
  return found;
}

/** Collapses runs of spaces inside each line and drops blank lines. */
function tidy(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

function firstTopHeading(markdown: string): string | undefined {
  for (const token of marked.lexer(markdown)) {
    if (token.type === "heading" && (token as Tokens.Heading).depth === 1) {
      const title = headingText(token as Tokens.Heading);
      if (title !== "") return title;
    }
  }
  return undefined;
}

function headingText(heading: Tokens.Heading): string {
  return inlineText(heading.tokens).replace(/\s+/g, " ").trim();
}

function slugFromFileName(fileName: string): string {
  return slugify(basename(fileName, extname(fileName)));
}

/** Lowercase letters, digits and dashes, accents dropped: "Gift Cards (2024)" → "gift-cards-2024". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

interface Line {
  text: string;
  marker: string | null;
}

/** The lines of one block, tidied, empty ones dropped; a list's items each on a line with their marker. */
function blockLines(token: Token): Line[] {
  if (token.type === "list") {
    const list = token as Tokens.List;
    const start = typeof list.start === "number" ? list.start : 1;
    return list.items
      .map((item, i) => ({ text: tidy(itemText(item)).replace(/\n/g, " "), marker: list.ordered ? `${start + i}.` : "-" }))
      .filter((line) => line.text !== "");
  }
  const text = tidy(blockText(token));
  return text === "" ? [] : text.split("\n").map((line) => ({ text: line, marker: null }));
}

function itemText(item: Tokens.ListItem): string {
  return item.tokens.map(blockText).filter((part) => part.trim() !== "").join(" ");
}

/** Plain text of one block-level token; list items and table rows each get their own line. */
function blockText(token: Token): string {
  switch (token.type) {
    case "space":
    case "hr":
      return "";
    case "heading":
    case "paragraph":
      return inlineText((token as Tokens.Heading | Tokens.Paragraph).tokens);
    case "text": {
      const textToken = token as Tokens.Text;
      return textToken.tokens ? inlineText(textToken.tokens) : textToken.text;
    }
    case "list":
      return (token as Tokens.List).items.map(itemText).join("\n");
    case "blockquote":
      return (token as Tokens.Blockquote).tokens.map(blockText).join("\n");
    case "table": {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inlineText(cell.tokens).trim()).join(", ");
      return [row(table.header), ...table.rows.map(row)].join("\n");
    }
    case "code":
      return (token as Tokens.Code).text;
    case "html":
      return stripTags((token as Tokens.HTML).text);
    default:
      return "text" in token && typeof token.text === "string" ? token.text : "";
  }
}

/** Plain text of inline tokens: emphasis, links and code keep their words, images their alt text. */
function inlineText(tokens: Token[]): string {
  let out = "";
  for (const token of tokens) {
    switch (token.type) {
      case "br":
        out += " ";
        break;
      case "image":
        out += (token as Tokens.Image).text;
        break;
      case "html":
        // An inline tag (<b>, <span>) joins words; only a line break separates them.
        out += /^<br\b/i.test((token as Tokens.HTML).text) ? " " : stripTags((token as Tokens.HTML).text, "");
        break;
      case "codespan":
      case "escape":
        out += (token as Tokens.Codespan).text;
        break;
      default:
        if ("tokens" in token && Array.isArray(token.tokens)) out += inlineText(token.tokens);
        else if ("text" in token && typeof token.text === "string") out += token.text;
    }
  }
  return decodeEntities(out);
}

function stripTags(html: string, separator = " "): string {
  return decodeEntities(html.replace(/<[^>]*>/g, separator));
}

const ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ndash: "–", mdash: "—", hellip: "…",
  lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", laquo: "«", raquo: "»", bull: "•", middot: "·",
  copy: "©", reg: "®", trade: "™", deg: "°", times: "×", euro: "€", pound: "£", yen: "¥", cent: "¢",
};

// Passages are plain text: write entities (&amp;, &ndash;, &#8217;) as the characters they stand for.
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith("#")) {
      const hex = name[1] === "x" || name[1] === "X";
      const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
