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
