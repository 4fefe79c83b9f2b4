import { expect, test } from "vitest";
import { englishVectors, WordVectors } from "./word-vectors";

test("the shipped English table puts words of like meaning close and unrelated ones apart", () => {
  const vectors = englishVectors();
  const similarity = (a: string, b: string) => vectors.similarity(vectors.id(a) ?? -1, vectors.id(b) ?? -1);
  expect(similarity("price", "price")).toBeCloseTo(1, 1);
  expect(similarity("price", "cost")).toBeGreaterThan(0.6);
  expect(similarity("broken", "damaged")).toBeGreaterThan(0.6);
  expect(similarity("price", "tent")).toBeLessThan(0.2);
  expect(vectors.id("xqzv")).toBeUndefined();
});

test("a table whose bytes do not match its words is refused", () => {
  expect(() => new WordVectors(["a", "b"], new Int8Array(150), 100)).toThrow(/150 bytes for 2 words/);
});
