import { expect, test } from "vitest";
import { splitSentences } from "./sentences";

const texts = (text: string) => splitSentences(text).map((sentence) => sentence.text);

test("a paragraph splits at sentence ends and keeps each sentence's punctuation", () => {
  expect(texts("We ship today. Tracking follows! Questions? Ask us.")).toEqual([
    "We ship today.",
    "Tracking follows!",
    "Questions?",
    "Ask us.",
  ]);
});

test("prices, times, abbreviations and initials do not end a sentence", () => {
  expect(texts("Orders before 1 p.m. Mountain Time cost $5.95 each. We accept e.g. Visa and J. Smith's cards.")).toEqual([
    "Orders before 1 p.m. Mountain Time cost $5.95 each.",
    "We accept e.g. Visa and J. Smith's cards.",
  ]);
});

test("a sentence that ends in a quote or bracket keeps it; lower-case continuations stay joined", () => {
  expect(texts('Your page shows "Held by customs." Then it moves on. Weights are in lb. and oz. on the tag.')).toEqual([
    'Your page shows "Held by customs."',
    "Then it moves on.",
    "Weights are in lb. and oz. on the tag.",
  ]);
});

test("each line is its own sentence, with the line it came from", () => {
  expect(splitSentences("Lead in:\nFirst item\n\nNew paragraph. Two.")).toEqual([
    { text: "Lead in:", line: 0 },
    { text: "First item", line: 1 },
    { text: "New paragraph.", line: 3 },
    { text: "Two.", line: 3 },
  ]);
});

test("joining the sentences of a line gives the line back", () => {
  const line = "Standard delivery takes 3–7 business days and costs $5.95. Overnight orders must be placed before 11 a.m. Mountain Time.";
  expect(texts(line).join(" ")).toBe(line);
});
