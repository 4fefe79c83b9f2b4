import matter from "gray-matter";

/** The fields of an article's front matter that are one line of text. */
const TEXT_FIELDS: ReadonlySet<string> = new Set(["id", "title", "url", "locale", "translation_of"]);

/** The front matter block: between a `---` line opening the file and the next `---` line. */
const BLOCK = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;
/** A top-level `key: value` line. */
const FIELD = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/;
/** A list item line under a field (`  - How do I …?`). */
const ITEM = /^[ \t]*-[ \t]+(.*?)[ \t]*$/;

export interface FrontMatter {
  /** The fields, as YAML reads them, with the one-line text fields as written (see readFrontMatter). */
  data: Record<string, unknown>;
  /** The file after the front matter. */
  content: string;
}

/**
 * The front matter of an article file, and what follows it. Front matter is YAML, but owners write
 * its one-line text fields (id, title, url, locale, translation_of) as plain text, and strict YAML
 * misreads plain text: it rejects "title: Refunds: how they work", "[Guide] Returns", "*New* plans"
 * and "@team", cuts "What's the #1 rule" at the "#", and reads "2024" as a number. So such a field
 * is read as the text after its colon, unless it is quoted (then YAML's reading stands). When the
 * YAML cannot be read at all, the other fields are read line by line too: `questions:` as its
 * "- " lines. Throws (gray-matter's error) only when neither reading finds a field.
 */
export function readFrontMatter(source: string): FrontMatter {
  const block = BLOCK.exec(source);
  if (block === null) return { data: {}, content: source };
  const lines = (block[1] ?? "").split(/\r?\n/);
  let data: Record<string, unknown>;
  try {
    // Passing options turns off gray-matter's cache, which would hand back a shared object.
    const parsed: unknown = matter(source, {}).data;
    data = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
  } catch (error) {
    data = fieldsLineByLine(lines);
    if (Object.keys(data).length === 0) throw error;
  }
  for (const line of lines) {
    const field = FIELD.exec(line);
    const [, key, value] = field ?? [];
    if (key !== undefined && value !== undefined && TEXT_FIELDS.has(key) && !/^["'|>]/.test(value)) data[key] = value;
  }
  return { data, content: source.slice(block[0].length) };
}

/** The fields of front matter YAML cannot read: `key: value` lines, and a field's "- " lines as a list. */
function fieldsLineByLine(lines: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  let listOf: string | null = null;
  for (const line of lines) {
    const field = FIELD.exec(line);
    const item = ITEM.exec(line);
    if (field?.[1] !== undefined) {
      const [, key, value] = field;
      listOf = value === undefined ? key : null;
      if (value !== undefined) data[key] = unquoted(value);
    } else if (item?.[1] !== undefined && listOf !== null) {
      const list = Array.isArray(data[listOf]) ? (data[listOf] as unknown[]) : [];
      data[listOf] = [...list, unquoted(item[1])];
    }
  }
  return data;
}

function unquoted(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted?.[2] ?? value;
}
