/**
 * Tags the way Zendesk stores them: lower-case, no spaces (a space inside one tag becomes `_`), no
 * duplicates. A string is a space-separated list of tags; an array holds one tag per element.
 */
export function normalizeTags(input: string | readonly string[]): string[] {
  const raw = typeof input === "string" ? input.split(/[\s,]+/) : input;
  const tags = raw.map((tag) => tag.trim().toLowerCase().replace(/\s+/g, "_")).filter((tag) => tag !== "");
  return [...new Set(tags)];
}

/** Whether two tag lists hold the same tags, in any order. */
export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag) => b.includes(tag));
}
