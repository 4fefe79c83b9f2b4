import { expect, test } from "vitest";
import { associationOf, combineAssociations, countAssociations, MIN_CENTERS } from "./associations";
import type { Article } from "./knowledge";
import { KnowledgeIndex } from "./search";

const center = (examples: [string, string][]) => countAssociations(examples.map(([question, title]) => ({ question, title })), "en");

test("a pair is learnt only when the questions of enough help centers show it", () => {
  const crushed = center([
    ["the box arrived crushed", "Damaged items"],
    ["what do I do with a crushed parcel", "Damaged or faulty items"],
  ]);
  const table = (count: number) => combineAssociations(Array.from({ length: count }, () => crushed), "en");
  expect(associationOf(table(MIN_CENTERS - 1), "crush", "damag")).toBe(0);
  expect(associationOf(table(MIN_CENTERS), "crush", "damag")).toBe(1);
  // A word the question shares with the title is no association: the title says it already.
  expect(associationOf(table(MIN_CENTERS), "item", "damag")).toBe(0);
});

test("the strength is the share of the questions with the word whose article's title has the other", () => {
  const moving = center([
    ["relocating next month, what now", "Moving house"],
    ["relocating abroad", "Closing your account"],
  ]);
  const table = combineAssociations([moving, moving, moving], "en");
  expect(associationOf(table, "reloc", "move")).toBeCloseTo(0.5);
  expect(associationOf(table, "reloc", "close")).toBeCloseTo(0.5);
});

const article = (id: string, title: string, body: string): Article => ({ id, title, url: `https://help.example/${id}`, locale: "en", translationOf: null, body });

test("the ranker reads how much of the question a title says in other words", () => {
  const index = KnowledgeIndex.build([
    article("damaged", "Damaged items", "If your order arrives broken, send us a photo and we replace it."),
    article("returns", "Returning an order", "Send your order back within 30 days for a refund."),
  ]);
  const table = combineAssociations(Array.from({ length: MIN_CENTERS }, () => center([["my parcel came crushed", "Damaged items"]])), "en");
  const featureOf = (associations: typeof table) => {
    const { candidates } = index.search("my order came crushed", { limit: 5, associations });
    const damaged = candidates.find((candidate) => candidate.passage.articleId === "damaged");
    return damaged?.rankFeatures.at(-1);
  };
  expect(featureOf(table)).toBeGreaterThan(0);
  expect(featureOf({ language: "en", pairs: {} })).toBe(0);
});
