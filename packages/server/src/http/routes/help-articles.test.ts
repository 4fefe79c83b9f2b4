import { ArticleSearchResponse, HelpArticleResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../../testing/parley";

const TOKEN = "test-admin-token-0123";

let server: TestParley;
beforeEach(async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN });
});
afterEach(async () => {
  await server.close();
});

async function search(query: string): Promise<ArticleSearchResponse> {
  const response = await server.request(`/v1/apps/${APP_ID}/articles/search?${query}`, { headers: { Origin: "https://shop.example.com" } });
  expect(response.status).toBe(200);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  // The answer is what the protocol says it is.
  return ArticleSearchResponse.parse(await response.json());
}

async function createArticle(article: Record<string, unknown>): Promise<void> {
  const response = await server.request("/admin/api/articles", json(article, { Authorization: `Bearer ${TOKEN}` }));
  expect(response.status).toBe(201);
}

test("a search finds the help center's articles, best first, each once, with a snippet and an absolute address", async () => {
  const { articles } = await search("q=how+long+to+return+an+item");
  expect(articles[0]).toEqual({
    id: "returns-and-refunds",
    title: "Returns and refunds",
    url: "http://localhost/help/returns-and-refunds",
    locale: "en",
    snippet: expect.stringMatching(/\S/),
  });
  expect(new Set(articles.map((article) => article.id)).size).toBe(articles.length);
  for (const article of articles) expect(article.snippet.length).toBeLessThanOrEqual(161);
});

test("a search with nothing the help center knows finds nothing", async () => {
  expect(await search("q=zyxwvut+qqqq")).toEqual({ articles: [] });
});

test("a search finds an article written through the admin API as soon as it is written", async () => {
  expect((await search("q=dog+leash")).articles.map((article) => article.id)).not.toContain("dogs-in-stores");
  await createArticle({ id: "dogs-in-stores", title: "Dogs in our stores", url: "/help/dogs-in-stores", body: "Dogs on a leash are welcome." });
  expect((await search("q=dog+leash")).articles[0]).toMatchObject({ id: "dogs-in-stores", snippet: "Dogs on a leash are welcome." });
});

test("with a locale, an article found in another language is shown as its translation", async () => {
  await createArticle({
    id: "ruecksendungen",
    title: "Rücksendungen und Erstattungen",
    url: "/help/ruecksendungen",
    locale: "de",
    translation_of: "returns-and-refunds",
    body: "Sie können die meisten Artikel innerhalb von 60 Tagen zurückgeben.",
  });
  const german = await search("q=return+an+item&locale=de-AT");
  expect(german.articles[0]).toMatchObject({
    id: "ruecksendungen",
    title: "Rücksendungen und Erstattungen",
    locale: "de",
    snippet: "Sie können die meisten Artikel innerhalb von 60 Tagen zurückgeben.",
  });
  expect(german.articles.map((article) => article.id)).not.toContain("returns-and-refunds");
  // Articles without a German translation are still found, in their own language.
  expect(german.articles.length).toBeGreaterThan(1);
  expect((await search("q=return+an+item")).articles[0]?.id).toBe("returns-and-refunds");
});

test("an article reads with its Markdown body and absolute address", async () => {
  const response = await server.request(`/v1/apps/${APP_ID}/articles/gift-cards`);
  expect(response.status).toBe(200);
  const { article } = HelpArticleResponse.parse(await response.json());
  expect(article).toMatchObject({ id: "gift-cards", title: "Gift cards", url: "http://localhost/help/gift-cards", locale: "en" });
  expect(article.body).toMatch(/^## /m);
});

test.each([
  ["an unknown app", `/v1/apps/nope/articles/search?q=refund`, 404, "app_not_found"],
  ["an empty search", `/v1/apps/${APP_ID}/articles/search?q=+`, 400, "invalid_request"],
  ["a bad locale", `/v1/apps/${APP_ID}/articles/search?q=refund&locale=%3Cscript%3E`, 400, "invalid_request"],
  ["an unknown article", `/v1/apps/${APP_ID}/articles/nothing-here`, 404, "article_not_found"],
] as const)("%s gets a clear JSON error", async (_name, path, status, code) => {
  const response = await server.request(path);
  expect(response.status).toBe(status);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
});
