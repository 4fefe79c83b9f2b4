import { expect, test } from "vitest";
import { extractAnswer, MAX_ANSWER_CHARS, MAX_ANSWER_SENTENCES, MAX_LIST_CHARS } from "./extract";
import { chunkArticle, parseArticle, type Passage } from "./knowledge";
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

const sectionOf = (markdown: string): Passage => {
  const [first] = chunkArticle(parseArticle(`---\nid: b\ntitle: Bikes\nurl: /help/b\n---\n## Booking a service\n\n${markdown}`, "b.md"));
  if (first === undefined) throw new Error("no passage");
  return first;
};

test("a step of a numbered list brings the whole list as Markdown, with the sentence that introduces it", () => {
  const section = sectionOf(
    "Book online or in the app. To book online:\n\n1. Go to **Services > Bike service**.\n2. Choose a store and a date. You get a reminder the day before.\n3. Confirm with your email address.\n\nYou pay when you collect your bike.",
  );
  expect(extractAnswer(section, "where do I choose the store and date", uniform, english)).toBe(
    "To book online:\n\n1. Go to Services > Bike service.\n2. Choose a store and a date. You get a reminder the day before.\n3. Confirm with your email address.",
  );
});

test("a bulleted list is given with its markers, set apart from the sentence that introduces it", () => {
  const section = sectionOf("We repair these for free:\n\n- Zippers\n- Seams\n\nOther repairs are quoted in store.");
  expect(extractAnswer(section, "what do you repair for free", uniform, english)).toBe("We repair these for free:\n\n- Zippers\n- Seams");
});

test("a numbered list too long to give whole is answered from its best sentences", () => {
  const step = (i: number) => (i === 7 ? "Tighten the saddle bolt" : "Follow the usual instruction");
  const steps = Array.from({ length: 12 }, (_, i) => `${i + 1}. ${step(i + 1)} and check that it is done properly before you go on.`).join("\n");
  const answer = extractAnswer(sectionOf(`${steps}\n`), "how do i tighten the saddle bolt", uniform, english);
  expect(answer.length).toBeLessThanOrEqual(MAX_LIST_CHARS);
  expect(answer).toMatch(/^7\. Tighten the saddle bolt and check/);
});
