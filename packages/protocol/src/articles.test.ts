import { expect, test } from "vitest";
import { ArticleSearchQuery, ArticleSearchResponse } from "./articles";
import { LIMITS } from "./limits";

test("a search is trimmed, and cannot be empty or longer than the limit", () => {
  expect(ArticleSearchQuery.parse({ q: "  refund  " }).q).toBe("refund");
  expect(ArticleSearchQuery.safeParse({ q: "   " }).success).toBe(false);
  expect(ArticleSearchQuery.safeParse({ q: "a".repeat(LIMITS.searchQueryLength + 1) }).success).toBe(false);
});

test("a search's locale is a language tag", () => {
  expect(ArticleSearchQuery.parse({ q: "refund", locale: "pt-BR" }).locale).toBe("pt-BR");
  expect(ArticleSearchQuery.safeParse({ q: "refund", locale: "<script>" }).success).toBe(false);
});

test("a search result names the article, where to read it, and a snippet", () => {
  const hit = { id: "returns", title: "Returns", url: "https://example.com/help/returns", locale: "en", snippet: "Within 60 days." };
  expect(ArticleSearchResponse.parse({ articles: [hit] })).toEqual({ articles: [hit] });
  expect(ArticleSearchResponse.safeParse({ articles: [{ ...hit, snippet: undefined }] }).success).toBe(false);
});
