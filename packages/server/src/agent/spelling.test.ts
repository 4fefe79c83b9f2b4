import { expect, test } from "vitest";
import { editDistance, SpellingCorrector } from "./spelling";

test("edit distance counts insertions, deletions, substitutions and swapped neighbours", () => {
  expect(editDistance("reciept", "receipt", 2)).toBe(1);
  expect(editDistance("pasword", "password", 2)).toBe(1);
  expect(editDistance("refund", "refund", 2)).toBe(0);
  expect(editDistance("refund", "return", 1)).toBe(2);
});

test("a misspelt word becomes the most frequent help-center word within reach; short words and strangers stay as they are", () => {
  const speller = new SpellingCorrector(new Map([["password", 10], ["passport", 1], ["delivery", 5], ["tax", 4]]));
  expect(speller.correct("pasword")).toBe("password");
  expect(speller.correct("delivry")).toBe("delivery");
  expect(speller.correct("tx")).toBeNull();
  expect(speller.correct("kayak")).toBeNull();
});
