import * as z from "zod/mini";
import { LIMITS } from "./limits";

/**
 * A language tag such as `en`, `fr` or `pt-BR`. (`@__PURE__` on a checked schema lets the
 * Messenger's bundle drop it where it does not use it: `.check()` otherwise counts as a side effect.)
 */
export const Locale = /* @__PURE__ */ z.string().check(
  z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "use a language tag such as en, fr or pt-BR"),
);
export type Locale = z.infer<typeof Locale>;

/** GET /v1/apps/{app_id}/articles/search?q=…&locale=…: the help center's articles that match `q`. */
export const ArticleSearchQuery = z.object({
  q: /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1, "type something to search for"), z.maxLength(LIMITS.searchQueryLength)),
  /** The Messenger's language: an article found in another language is shown in this one when it has a translation. */
  locale: z.optional(Locale),
});
export type ArticleSearchQuery = z.infer<typeof ArticleSearchQuery>;

/** One article found by a search, with a passage of it to show under the title. `url` is absolute. */
export const ArticleSearchResult = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  locale: z.string(),
  snippet: z.string(),
});
export type ArticleSearchResult = z.infer<typeof ArticleSearchResult>;

/** Best match first; each article at most once. */
export const ArticleSearchResponse = z.object({
  articles: z.array(ArticleSearchResult),
});
export type ArticleSearchResponse = z.infer<typeof ArticleSearchResponse>;

/** A help-center article as the Messenger shows it. `body` is Markdown; `url` (the article's page) is absolute. */
export const HelpArticle = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  locale: z.string(),
  body: z.string(),
});
export type HelpArticle = z.infer<typeof HelpArticle>;

/** GET /v1/apps/{app_id}/articles/{id}. */
export const HelpArticleResponse = z.object({
  article: HelpArticle,
});
export type HelpArticleResponse = z.infer<typeof HelpArticleResponse>;
