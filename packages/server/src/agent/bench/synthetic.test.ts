import { expect, test } from "vitest";
import { chunkArticle, parseArticle } from "../knowledge";
import { generateHelpCenter, generateQuestions, seededRandom } from "./synthetic";

test("the same seed gives the same help center and the same questions; another seed, others", () => {
  const first = generateHelpCenter({ seed: 7, articles: 20 });
  const again = generateHelpCenter({ seed: 7, articles: 20 });
  const other = generateHelpCenter({ seed: 8, articles: 20 });
  expect(again).toEqual(first);
  expect(other.files.map((file) => file.source)).not.toEqual(first.files.map((file) => file.source));

  const articles = first.files.map((file) => parseArticle(file.source, file.fileName));
  const questions = generateQuestions(articles, first.unusedWords, { seed: 1, count: 50 });
  expect(generateQuestions(articles, first.unusedWords, { seed: 1, count: 50 })).toEqual(questions);
  expect(generateQuestions(articles, first.unusedWords, { seed: 2, count: 50 })).not.toEqual(questions);
});

test("every generated article parses, with a title, sections and its own id", () => {
  const { files } = generateHelpCenter({ seed: 3, articles: 30 });
  const articles = files.map((file) => parseArticle(file.source, file.fileName));
  expect(new Set(articles.map((article) => article.id)).size).toBe(30);
  for (const article of articles) {
    expect(article.title).not.toBe("");
    expect(chunkArticle(article).length).toBeGreaterThanOrEqual(3); // an intro and at least two sections
  }
});

test("a question made from an article uses its words; one about nothing covered uses words no article has", () => {
  const helpCenter = generateHelpCenter({ seed: 5, articles: 10 });
  const articles = helpCenter.files.map((file) => parseArticle(file.source, file.fileName));
  const wordsOf = (text: string) => new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
  const everyWord = wordsOf(articles.map((article) => `${article.title} ${article.body}`).join(" "));
  const unused = new Set(helpCenter.unusedWords);
  for (const word of unused) expect(everyWord.has(word), word).toBe(false);
  const questions = generateQuestions(articles, helpCenter.unusedWords, { seed: 9, count: 200 });
  expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(["from_article", "one_word", "random_words", "unknown_words"]));
  for (const { question, kind, articleId } of questions) {
    const asked = [...wordsOf(question)];
    if (kind === "unknown_words") {
      expect(asked.filter((word) => unused.has(word)).length, question).toBeGreaterThanOrEqual(2);
      continue;
    }
    const source = articles.find((article) => article.id === articleId);
    if (kind === "random_words") expect(source).toBeUndefined();
    else {
      const own = wordsOf(`${source?.title ?? ""} ${source?.body ?? ""}`);
      expect(asked.filter((word) => own.has(word)).length, question).toBeGreaterThanOrEqual(kind === "one_word" ? 1 : 2);
    }
  }
});

test("the seeded random source stays within its bounds", () => {
  const random = seededRandom(42);
  for (let i = 0; i < 1000; i++) {
    const value = random.int(3, 5);
    expect(value).toBeGreaterThanOrEqual(3);
    expect(value).toBeLessThanOrEqual(5);
    expect(random.next()).toBeLessThan(1);
  }
});
