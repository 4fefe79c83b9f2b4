// stopword ships no types: its per-language lists (ISO 639-3 names) are arrays of words.
declare module "stopword" {
  const lists: Record<string, string[] | undefined>;
  export = lists;
}
