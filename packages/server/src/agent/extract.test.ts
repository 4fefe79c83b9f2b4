import { expect, test } from "vitest";
import { extractAnswer, MAX_ANSWER_CHARS, MAX_ANSWER_SENTENCES } from "./extract";
import type { Passage } from "./knowledge";
import { analyzerFor } from "./terms";

const passage = (text: string): Passage => ({
  id: "a#1",
  articleId: "a",
  articleTitle: "Shipping",
  articleUrl: "/help/a",
  heading: "Delivery options",
  text,
});
const uniform = () => 1;
const english = analyzerFor("en");

test("the answer is the sentence richest in the question's words, with the one that continues it", () => {
  const text = passage(
    "We ship from Denver. Overnight delivery costs $29.95. Overnight orders must be placed before 11 a.m. Mountain Time. Parcels are packed by hand.",
  );
  expect(extractAnswer(text, "how much does overnight delivery cost", uniform, english)).toBe(
    "Overnight delivery costs $29.95. Overnight orders must be placed before 11 a.m. Mountain Time.",
  );
});

test("sentences keep the passage's order, and weaker sentences are left out", () => {
  const text = passage("Gift cards never expire. You can check the balance online. The balance of a gift card shows on the receipt.");
  // The last sentence holds all three words; the first holds two (kept, before it); the second one (left out).
  expect(extractAnswer(text, "gift card balance", uniform, english)).toBe(
    "Gift cards never expire. The balance of a gift card shows on the receipt.",
  );
});

test("a sentence ending in a colon brings the list it introduces, one item per line", () => {
  const text = passage("We offer two speeds:\nExpress takes 2 days.\nEconomy takes 8 days.\nAll parcels are insured.");
  expect(extractAnswer(text, "which delivery speeds do you offer", uniform, english)).toBe(
    "We offer two speeds:\nExpress takes 2 days.\nEconomy takes 8 days.",
  );
});

test(`at most ${MAX_ANSWER_SENTENCES} sentences and ${MAX_ANSWER_CHARS} characters, always whole sentences`, () => {
  const long = Array.from({ length: 8 }, (_, i) => `Returns step ${i + 1} is described here in a long and detailed sentence about returns that goes on.`).join(" ");
  const answer = extractAnswer(passage(long), "returns", uniform, english);
  const sentences = answer.split(/(?<=\.) /);
  expect(sentences.length).toBeLessThanOrEqual(MAX_ANSWER_SENTENCES);
  expect(answer.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
  for (const sentence of sentences) expect(long).toContain(sentence);
});

test("a single sentence longer than the limit is given whole rather than cut", () => {
  const sentence = `Our policy ${"covers returns of every kind ".repeat(25).trim()}.`;
  expect(extractAnswer(passage(sentence), "returns policy", uniform, english)).toBe(sentence);
});

test("when no sentence holds the question's words, the passage's opening answers", () => {
  expect(extractAnswer(passage("Standard takes 3 days. Express takes 1 day."), "delivery options", uniform, english)).toBe(
    "Standard takes 3 days. Express takes 1 day.",
  );
});

test("rarer words count more when choosing the sentence", () => {
  const text = passage("Your order ships today. Your kayak needs a freight slot.");
  const weight = (term: string) => (term === "kayak" ? 3 : 1);
  expect(extractAnswer(text, "order kayak", weight, english)).toBe("Your kayak needs a freight slot.");
});
