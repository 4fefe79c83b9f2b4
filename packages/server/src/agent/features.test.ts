import { expect, test } from "vitest";
import { decide } from "./answerer";
import { DEFAULT_DECISION_MODEL } from "./decision-model";
import { FEATURE_NAMES, featuresOf, namedByTitle } from "./features";
import { parseArticle } from "./knowledge";
import { KnowledgeIndex } from "./search";
import { wordingOf } from "./wording";

/** The question's wording as the shipped decision model reads it. */
const worded = (question: string) => wordingOf(DEFAULT_DECISION_MODEL.wording, question);

const index = KnowledgeIndex.build([
  parseArticle(
    "---\nid: refunds\ntitle: Refunds\nurl: /help/refunds\n---\nWe refund to the card you paid with.\n\n## When the money arrives\n\nA refund reaches your card within 5 business days.",
    "refunds.md",
  ),
  parseArticle("---\nid: gift-cards\ntitle: Gift cards\nurl: /help/gift-cards\n---\nGift cards never expire and are refunded as store credit.", "gift-cards.md"),
]);

const form = (question: string) => {
  const features = featuresOf(index.search(question, { keyWordTest: true }), index, worded(question));
  const value = (name: (typeof FEATURE_NAMES)[number]) => features[FEATURE_NAMES.indexOf(name)] ?? Number.NaN;
  return {
    questionMark: value("questionMark"),
    questionMarkTimesTerms: value("questionMarkTimesTerms"),
    knownTerms: value("knownTerms"),
    asksFact: value("asksFact"),
    factStated: value("factStated"),
  };
};

test("the decision reads whether the question is put whole, with a question mark", () => {
  expect(form("when does my refund arrive?").questionMark).toBe(1);
  expect(form("refund").questionMark).toBe(0);
  expect(form("my refund never came").questionMark).toBe(0);
});

test("the decision reads whether the message is asked as a question, weighed by how many words it names", () => {
  const short = form("refund?");
  const long = form("when does the refund for my gift card reach my card?");
  expect(long.knownTerms).toBeGreaterThan(short.knownTerms);
  expect(short.questionMarkTimesTerms).toBeCloseTo(short.knownTerms);
  expect(long.questionMarkTimesTerms).toBeCloseTo(long.knownTerms);
  // Without a question mark it is nothing, however many words the message names.
  expect(form("the refund for my gift card never reached my card").questionMarkTimesTerms).toBe(0);
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
  const result = returns.search("how long do I have to return an item?", { keyWordTest: true });
  // The heading matches best, but it is the opening that says how long.
  expect(result.candidates[0]?.passage.heading).toBe("How to return an item");
  expect(featuresOf(result, returns, worded("how long do I have to return an item?"))[FEATURE_NAMES.indexOf("factStated")]).toBe(1);
});

const accounts = KnowledgeIndex.build(
  [
    ["delete-account", "Deleting your account", "Deleting your account removes your orders, addresses and saved cards for good. Open Settings, then Account, and choose Delete account."],
    ["pause-account", "Pausing your account", "Not ready to delete your account? Pause it instead: your orders and saved cards stay, and nothing is charged."],
    ["privacy", "Your data and privacy", "When you delete your account we erase your data within 30 days. Invoices are kept for 7 years, as the law requires."],
    ["account-help", "Account help", "Change your email, reset your password or delete your account from Settings."],
    ["supprimer-compte", "Supprimer votre compte", "Ouvrez Paramètres, puis Compte, et choisissez Supprimer le compte.", "fr"],
  ].map(([id, title, body, locale]) =>
    parseArticle(`---\nid: ${id}\ntitle: ${title}\nurl: /help/${id}\n${locale ? `locale: ${locale}\n` : ""}---\n${body}`, `${id}.md`),
  ),
);
const titled = (question: string) => namedByTitle(accounts.search(question, { limit: 10 }), accounts);

test("a question that is an article's title in other words names that article, however many others use its words", () => {
  expect(titled("how do I delete my account?")).toBe(true);
  expect(titled("Deleting account")).toBe(true);
  expect(titled("comment supprimer mon compte ?")).toBe(true);
  expect(titled("how do I pause my account?")).toBe(true);
  // A word more than any title has, known to the help center or not: not a title.
  expect(titled("can I pause my account for the summer?")).toBe(false);
  expect(titled("delete my account and my data")).toBe(false);
  // One word names a topic, not a question; a misspelt word is not the title's.
  expect(titled("account?")).toBe(false);
  expect(titled("how do I delte my account")).toBe(false);
});

test("an article named by the question is answered, where the words alone would leave the decision unsure", () => {
  const result = accounts.search("how do I delete my account?", { limit: 10, keyWordTest: true });
  const decision = decide("how do I delete my account?", result, accounts);
  expect(decision.kind).toBe("answer");
  expect(decision.kind === "answer" && decision.best.passage.articleId).toBe("delete-account");
  expect(decision.pAnswer).toBeLessThan(DEFAULT_DECISION_MODEL.thresholds.answer);
});

test("the decision reads how much of the help center is written in the language searched", () => {
  const share = (articles: KnowledgeIndex, question: string) => featuresOf(articles.search(question, { keyWordTest: true }), articles, worded(question))[FEATURE_NAMES.indexOf("languageShare")];
  const bilingual = KnowledgeIndex.build([
    ...index.articles,
    parseArticle("---\nid: refunds-fr\ntitle: Remboursements\nurl: /help/refunds-fr\nlocale: fr\n---\nNous remboursons sur la carte utilisée pour payer.", "refunds-fr.md"),
  ]);
  expect(share(bilingual, "when does my refund arrive?")).toBe(1);
  // One of the two articles is in French (its translation counts once).
  expect(share(bilingual, "quand mon remboursement arrive-t-il sur ma carte ?")).toBe(0.5);
});

test("the decision reads whether the best article holds without the question's weightiest word", () => {
  const keyWord = (question: string) => {
    const features = featuresOf(index.search(question, { limit: 10, keyWordTest: true }), index, worded(question));
    return { holds: features[FEATURE_NAMES.indexOf("keyWordHolds")], rank: features[FEATURE_NAMES.indexOf("keyWordRank")], best: features[FEATURE_NAMES.indexOf("rank")] };
  };
  const holds = keyWord("do gift cards expire?");
  expect(holds.holds).toBe(1);
  expect(holds.rank).toBeGreaterThan(0.5);
  // "store" points to Gift cards; without it, "business days" point to Refunds.
  const byOneWord = keyWord("business days for store credit");
  expect(byOneWord.holds).toBe(0);
  expect(byOneWord.rank).toBeLessThan(holds.rank ?? 0);
  // A one-word question holds, at its own probability.
  const one = keyWord("refunds");
  expect(one.holds).toBe(1);
  expect(one.rank).toBe(one.best);
});

test("the decision reads whether the passage closest in meaning to the question is the best article's", () => {
  const agrees = (question: string) => featuresOf(index.search(question, { limit: 10, keyWordTest: true }), index, worded(question))[FEATURE_NAMES.indexOf("meaningAgrees")];
  expect(agrees("do gift cards expire?")).toBe(1);
  // "card" ranks Gift cards first; "cash come back" means the money arriving, which Refunds tells.
  const found = index.search("when does the cash come back to my card", { limit: 10 });
  expect(found.candidates[0]?.passage.articleId).toBe("gift-cards");
  expect(agrees("when does the cash come back to my card")).toBe(0);
});

test("the decision reads how many articles say all of the question's words in one sentence, and how long the question is", () => {
  const focus = (question: string) => {
    const features = featuresOf(accounts.search(question, { limit: 10, keyWordTest: true }), accounts, worded(question));
    const value = (name: (typeof FEATURE_NAMES)[number]) => features[FEATURE_NAMES.indexOf(name)] ?? Number.NaN;
    return { articles: value("focusArticles"), terms: value("knownTerms"), timesTerms: value("focusArticlesTimesTerms") };
  };
  // Four articles say "delete" and "account" in one sentence: the readings of a short question.
  const short = focus("delete account");
  expect(short).toMatchObject({ articles: 1, terms: 2 / 8 });
  expect(short.timesTerms).toBeCloseTo(2 / 8);
  // One article says "erase", "data", "30 days" and "delete account" together: a long question that sentence answers.
  const long = focus("if I delete my account do you erase my data within 30 days");
  expect(long.articles).toBe(1 / 4);
  expect(long.terms).toBeGreaterThan(short.terms);
  expect(long.timesTerms).toBeCloseTo(long.terms / 4);
});
