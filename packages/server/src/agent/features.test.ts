import { expect, test } from "vitest";
import { FEATURE_NAMES, featuresOf } from "./features";
import { parseArticle } from "./knowledge";
import { KnowledgeIndex } from "./search";

const index = KnowledgeIndex.build([
  parseArticle(
    "---\nid: refunds\ntitle: Refunds\nurl: /help/refunds\n---\nWe refund to the card you paid with.\n\n## When the money arrives\n\nA refund reaches your card within 5 business days.",
    "refunds.md",
  ),
  parseArticle("---\nid: gift-cards\ntitle: Gift cards\nurl: /help/gift-cards\n---\nGift cards never expire and are refunded as store credit.", "gift-cards.md"),
]);

const form = (question: string) => {
  const features = featuresOf(index.search(question), index);
  const value = (name: (typeof FEATURE_NAMES)[number]) => features[FEATURE_NAMES.indexOf(name)];
  return { questionMark: value("questionMark"), asksFact: value("asksFact"), factStated: value("factStated") };
};

test("the decision reads whether the question is put whole, with a question mark", () => {
  expect(form("when does my refund arrive?").questionMark).toBe(1);
  expect(form("refund").questionMark).toBe(0);
  expect(form("my refund never came").questionMark).toBe(0);
});

test("the decision reads whether a question asks for a kind of fact, and whether the best passage states one", () => {
  expect(form("how long does a refund take to reach my card?")).toMatchObject({ asksFact: 1, factStated: 1 });
  expect(form("how much is a gift card")).toMatchObject({ asksFact: 1, factStated: 0 });
  expect(form("can I get a refund on a gift card?")).toMatchObject({ asksFact: 0, factStated: 0 });
});

test("the fact is looked for in the passage the answer would quote, which may be another of the best article's", () => {
  const returns = KnowledgeIndex.build([
    parseArticle(
      "---\nid: returns\ntitle: Returns\nurl: /help/returns\n---\nReturn most items within 60 days of delivery.\n\n## How to return an item\n\nStart a return item by item in your order history and print the label.",
      "returns.md",
    ),
    parseArticle("---\nid: exchanges\ntitle: Exchanges\nurl: /help/exchanges\n---\nExchange an item for another size at no cost.", "exchanges.md"),
  ]);
  const result = returns.search("how long do I have to return an item?");
  // The heading matches best, but it is the opening that says how long.
  expect(result.candidates[0]?.passage.heading).toBe("How to return an item");
  expect(featuresOf(result, returns)[FEATURE_NAMES.indexOf("factStated")]).toBe(1);
});
