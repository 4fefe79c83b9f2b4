import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { createBuiltInAnswerer } from "./answerer";
import { chunkArticle, loadKnowledgeDir } from "./knowledge";
import { loadQuestionSet } from "./question-set";
import { KnowledgeIndex } from "./search";
import { splitSentences } from "./sentences";

// The demo help center served by `npm start`, and the labelled questions the thresholds were
// calibrated on (see calibration.ts and calibrate.ts).
const knowledgeDir = fileURLToPath(new URL("../../../../examples/knowledge", import.meta.url));
const { articles, problems } = await loadKnowledgeDir(knowledgeDir);
const questions = await loadQuestionSet(fileURLToPath(new URL("./testdata/demo-questions.json", import.meta.url)));
const answerer = createBuiltInAnswerer(KnowledgeIndex.build(articles));

describe("the demo help center", () => {
  test("loads 8 to 10 articles without problems", () => {
    expect(problems).toEqual([]);
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles.length).toBeLessThanOrEqual(10);
  });

  test.each(articles.map((article) => [article.id, article] as const))("%s: served at /help/<id>, in English, 2–4 sections, 150–400 words", (id, article) => {
    expect(article.url).toBe(`/help/${id}`);
    expect(article.locale).toBe("en");
    const sections = article.body.match(/^## /gm) ?? [];
    expect(sections.length).toBeGreaterThanOrEqual(2);
    expect(sections.length).toBeLessThanOrEqual(4);
    const words = article.body.split(/\s+/).filter((word) => /\w/.test(word)).length;
    expect(words).toBeGreaterThanOrEqual(150);
    expect(words).toBeLessThanOrEqual(400);
  });
});

describe("the labelled demo questions", () => {
  test("cover at least 40 questions, at least 15 of them hand-offs, each citing an article that exists", () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(questions.filter((q) => "handoff" in q).length).toBeGreaterThanOrEqual(15);
    const ids = new Set(articles.map((article) => article.id));
    for (const q of questions) if ("cites" in q) expect(ids, q.question).toContain(q.cites);
  });

  test.each(questions.map((q) => [q.question, q] as const))("%s", async (question, labelled) => {
    const reply = await answerer.answer({ question: question });
    if ("handoff" in labelled) {
      expect(reply).toMatchObject({ kind: "handoff", reason: labelled.handoff });
      return;
    }
    const cited = articles.find((article) => article.id === labelled.cites);
    expect(reply.kind).toBe("answer");
    if (reply.kind !== "answer" || cited === undefined) return;
    expect(reply.citations[0]).toEqual({ articleId: cited.id, title: cited.title, url: cited.url });
    // Extractive: every sentence is one of the cited article's own sentences.
    const own = new Set(chunkArticle(cited).flatMap((passage) => splitSentences(passage.text).map((s) => s.text)));
    for (const sentence of splitSentences(reply.text)) expect(own, sentence.text).toContain(sentence.text);
    expect(splitSentences(reply.text).length).toBeLessThanOrEqual(3);
    expect(reply.text.length).toBeLessThanOrEqual(450);
  });
});

test.each([
  ["How long do I have to return an item?", "within 60 days of delivery"],
  ["How do I return an item?", "Start your return in the Returns Center"],
  ["How long does standard shipping take?", "Standard delivery takes 3–7 business days"],
])("%s gets the sentence that answers it", async (question, expected) => {
  const reply = await answerer.answer({ question: question });
  expect(reply.kind === "answer" && reply.text).toContain(expected);
});
