import * as z from "zod/mini";

/** Where an article lives: a file of the knowledge folder (changed in the file), or the admin API. */
export const ArticleSource = z.enum(["folder", "api"]);
export type ArticleSource = z.infer<typeof ArticleSource>;

/** A help-center article in the console's list. `url` is as the owner wrote it (may be relative). */
export const ArticleSummary = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  locale: z.string(),
  /** The article this one translates, or null. */
  translation_of: z.nullable(z.string()),
  /** Example questions the article answers: the AI agent answers a question put in the same words from it. */
  questions: z.array(z.string()),
  source: ArticleSource,
  /** "zendesk-guide": written by the Zendesk Guide import, which updates or removes it. */
  imported_from: z.nullable(z.enum(["zendesk-guide"])),
  updated_at: z.string(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

/** The article with its Markdown body. */
export const ArticleDetail = z.extend(ArticleSummary, { body: z.string() });
export type ArticleDetail = z.infer<typeof ArticleDetail>;

/** GET /admin/api/articles. */
export const ArticleListResponse = z.object({ articles: z.array(ArticleSummary) });
export type ArticleListResponse = z.infer<typeof ArticleListResponse>;

/** GET, POST, PUT /admin/api/articles[/{id}] and POST /admin/api/articles/upload: the article as stored. */
export const ArticleResponse = z.object({ article: ArticleDetail });
export type ArticleResponse = z.infer<typeof ArticleResponse>;

/** A Zendesk Guide article the import left out, and why (a draft, no body, an id taken by the folder…). */
export const SkippedGuideArticle = z.object({ zendesk_id: z.number(), locale: z.string(), title: z.string(), reason: z.string() });
export type SkippedGuideArticle = z.infer<typeof SkippedGuideArticle>;

/** What "Import from Zendesk Guide" changed. */
export const GuideImport = z.object({
  /** Every locale the help center has, the default first. */
  locales: z.array(z.string()),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  removed: z.number(),
  skipped: z.array(SkippedGuideArticle),
});
export type GuideImport = z.infer<typeof GuideImport>;

/** POST /admin/api/articles/import/zendesk-guide. */
export const GuideImportResponse = z.object({ import: GuideImport });
export type GuideImportResponse = z.infer<typeof GuideImportResponse>;

/** A customer question the AI agent answered citing an article. */
export const CitingQuestion = z.object({ conversation_id: z.string(), question: z.string(), answered_at: z.string() });
export type CitingQuestion = z.infer<typeof CitingQuestion>;

/** GET /admin/api/articles/{id}/questions: newest first. */
export const CitingQuestionsResponse = z.object({ questions: z.array(CitingQuestion) });
export type CitingQuestionsResponse = z.infer<typeof CitingQuestionsResponse>;
