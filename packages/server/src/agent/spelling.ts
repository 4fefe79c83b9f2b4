import { createRequire } from "node:module";

/**
 * Edit distance with adjacent transpositions (optimal string alignment), giving up as soon as it
 * must exceed `max`: "reciept" is 1 from "receipt", "pasword" 1 from "password".
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/** How many typos a word of this length may carry and still be recognised: none below 4 letters. */
export function allowedTypos(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Corrects a customer's misspelt word against the words a help center uses: the most frequent
 * known word within `allowedTypos` edits (and at most `maxTypos`), or null. Words are bucketed by
 * length so a lookup only reads words that could be close enough.
 */
export class SpellingCorrector {
  readonly #byLength = new Map<number, { word: string; count: number }[]>();
  readonly #cache = new Map<string, string | null>();
  readonly #maxTypos: number;

  constructor(counts: ReadonlyMap<string, number>, { maxTypos = Infinity }: { maxTypos?: number } = {}) {
    this.#maxTypos = maxTypos;
    for (const [word, count] of counts) {
      if (word.length < 4 || /\d/.test(word)) continue;
      const bucket = this.#byLength.get(word.length) ?? [];
      bucket.push({ word, count });
      this.#byLength.set(word.length, bucket);
    }
    for (const bucket of this.#byLength.values()) bucket.sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1));
  }

  correct(word: string): string | null {
    const cached = this.#cache.get(word);
    if (cached !== undefined) return cached;
    const max = Math.min(allowedTypos(word.length), this.#maxTypos);
    let best: { word: string; distance: number; count: number } | null = null;
    if (max > 0 && !/\d/.test(word)) {
      for (let length = word.length - max; length <= word.length + max; length++) {
        for (const candidate of this.#byLength.get(length) ?? []) {
          // The first letter is rarely the one mistyped; requiring it keeps corrections honest.
          if (candidate.word[0] !== word[0]) continue;
          const distance = editDistance(word, candidate.word, max);
          if (distance > max) continue;
          if (best === null || distance < best.distance || (distance === best.distance && candidate.count > best.count)) {
            best = { word: candidate.word, distance, count: candidate.count };
          }
        }
      }
    }
    const result = best?.word ?? null;
    if (this.#cache.size < 10_000) this.#cache.set(word, result);
    return result;
  }
}

let englishWords: Set<string> | null = null;

/** Loads the language's dictionary, if it has one (English: `an-array-of-english-words`, about 275,000 words). */
export function loadDictionary(language: string): void {
  if (language === "en") englishWords ??= new Set(createRequire(import.meta.url)("an-array-of-english-words") as string[]);
}

/**
 * Whether a word is a real word of the language, so must not be "corrected" into a help center's
 * word ("wife" is not a typo of "wipe"). English has a dictionary; for other languages only long
 * words are trusted to be typos.
 */
export function isDictionaryWord(language: string, word: string): boolean {
  if (language !== "en") return word.length < 6;
  loadDictionary(language);
  return englishWords?.has(word) ?? false;
}

/**
 * Reads a typo of a word some patterns are written with as that word ("plaese" as "please",
 * "humen" as "human"): one edit away, the first letter kept, and no English word itself (English is
 * the language with a dictionary here). For lower-case text, as the patterns read it. The words are
 * the patterns' own, in English, their optional letters dropped ("agents?" is "agent").
 */
export function typoMender(patterns: readonly RegExp[]): (text: string) => string {
  let speller: SpellingCorrector | null = null;
  return (text) => {
    speller ??= new SpellingCorrector(patternWords(patterns), { maxTypos: 1 });
    return text.replace(/[a-z]{5,}/g, (word) => (isDictionaryWord("en", word) ? word : (speller?.correct(word) ?? word)));
  };
}

/** The English words of five letters or more the patterns are written with, each counted once. */
function patternWords(patterns: readonly RegExp[]): Map<string, number> {
  const source = patterns.map((pattern) => pattern.source.replace(/[a-z]\?/g, "")).join(" ");
  return new Map([...new Set(source.match(/[a-z]{5,}/g) ?? [])].filter((word) => isDictionaryWord("en", word)).map((word) => [word, 1]));
}
