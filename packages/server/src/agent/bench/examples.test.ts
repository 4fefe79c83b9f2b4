import { expect, test } from "vitest";
import { labelledHelpCenters } from "./examples";

test("the labelled help centers make one help center: whole ones in order, ids kept apart, every answer's article there", async () => {
  const { names, articles, questions } = await labelledHelpCenters(100);
  const centerOf = (id: string) => id.split("-")[0];
  expect(names.slice(0, 2)).toEqual(["store", "tasklane"]);
  expect(new Set(articles.map((article) => centerOf(article.id)))).toEqual(new Set(names));
  // Whole help centers, and no more than it takes.
  expect(articles.length).toBeGreaterThanOrEqual(100);
  expect(articles.filter((article) => centerOf(article.id) !== names.at(-1)).length).toBeLessThan(100);
  const ids = new Set(articles.map((article) => article.id));
  const answers = questions.filter((question) => question.kind === "answer");
  expect(answers.length).toBeGreaterThan(100);
  for (const { articleId } of answers) expect(ids, articleId).toContain(articleId);
  for (const { translationOf } of articles) if (translationOf !== null) expect(ids).toContain(translationOf);
  // In turn: the first answerable questions come from every help center.
  const firstAnswers = questions.filter((question) => question.articleId !== undefined).slice(0, 6);
  expect(new Set(firstAnswers.map(({ articleId }) => centerOf(articleId ?? "")))).toEqual(new Set(names));
});
