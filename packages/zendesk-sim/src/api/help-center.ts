import type { Context, Hono } from "hono";
import { recordNotFound, ZendeskError } from "../account/errors";
import type { ArticleTranslation, HelpCenterArticle } from "../help-center/model";
import type { SimulatedZendesk } from "../zendesk";
import { baseUrl, idParam, json, listParam, paginate, type ApiEnv } from "./http";

/** Zendesk Guide lists 30 articles a page unless asked for more (at most 100). */
const ARTICLES_PER_PAGE = 30;

/**
 * The Help Center API's article lists, behind the same authentication and rate limit as the
 * Support API: every article of the default locale, or of one locale. Agents see drafts too
 * (`draft: true`), as in Guide. Help Center paths are answered only with `.json`.
 */
export function helpCenterRoutes(app: Hono<ApiEnv>, zendesk: SimulatedZendesk): void {
  app.get("/api/v2/help_center/locales", (c) => {
    requireJsonSuffix(c);
    return json(200, { locales: zendesk.helpCenter.locales(), default_locale: zendesk.helpCenter.defaultLocale });
  });

  app.get("/api/v2/help_center/articles", (c) => {
    requireJsonSuffix(c);
    return listArticles(c, zendesk, zendesk.helpCenter.defaultLocale);
  });

  // Every translation of one article, the source locale's included (drafts too, for agents).
  app.get("/api/v2/help_center/articles/:id/translations", (c) => {
    requireJsonSuffix(c);
    const article = zendesk.helpCenter.articles.get(idParam(c, "id"));
    if (!article) throw recordNotFound();
    const base = baseUrl(c);
    const authorId = zendesk.agent().id;
    return json(200, paginate(c.req.url, "translations", [...article.translations.values()], (translation) => translationJson(article, translation, base, authorId)));
  });

  app.get("/api/v2/help_center/:locale/articles", (c) => {
    requireJsonSuffix(c);
    const locale = c.req.param("locale").toLowerCase();
    if (!zendesk.helpCenter.locales().includes(locale)) throw recordNotFound();
    return listArticles(c, zendesk, locale);
  });
}

function listArticles(c: Context<ApiEnv>, zendesk: SimulatedZendesk, locale: string): Response {
  const labels = listParam(c, "label_names");
  const found = zendesk.helpCenter
    .inLocale(locale)
    .filter(({ article }) => labels.every((label) => article.label_names.includes(label)));
  const base = baseUrl(c);
  const authorId = zendesk.agent().id;
  return json(
    200,
    paginate(c.req.url, "articles", found, ({ article, translation }) => articleJson(article, translation, base, authorId), {
      defaultSize: ARTICLES_PER_PAGE,
    }),
  );
}

/** An article as the Help Center API answers it, in one of its translations. */
export function articleJson(article: HelpCenterArticle, translation: ArticleTranslation, base: string, authorId: number): Record<string, unknown> {
  const { locale } = translation;
  return {
    id: article.id,
    url: `${base}/api/v2/help_center/${locale}/articles/${article.id}.json`,
    html_url: `${base}/hc/${locale}/articles/${article.id}-${slug(translation.title)}`,
    author_id: authorId,
    comments_disabled: false,
    draft: translation.draft,
    promoted: false,
    position: 0,
    vote_sum: 0,
    vote_count: 0,
    section_id: article.section_id,
    created_at: translation.created_at,
    updated_at: translation.updated_at,
    edited_at: translation.updated_at,
    name: translation.title,
    title: translation.title,
    source_locale: article.source_locale,
    locale,
    outdated: false,
    outdated_locales: [],
    permission_group_id: null,
    user_segment_id: null,
    content_tag_ids: [],
    label_names: article.label_names,
    body: translation.body,
  };
}

/** A translation as the Translations API answers it. */
function translationJson(article: HelpCenterArticle, translation: ArticleTranslation, base: string, authorId: number): Record<string, unknown> {
  return {
    id: translation.id,
    url: `${base}/api/v2/help_center/articles/${article.id}/translations/${translation.locale}.json`,
    html_url: `${base}/hc/${translation.locale}/articles/${article.id}-${slug(translation.title)}`,
    source_id: article.id,
    source_type: "Article",
    locale: translation.locale,
    title: translation.title,
    body: translation.body,
    outdated: false,
    draft: translation.draft,
    hidden: false,
    created_at: translation.created_at,
    updated_at: translation.updated_at,
    created_by_id: authorId,
    updated_by_id: authorId,
  };
}

/** Guide's article addresses end in the title, lower-cased and hyphenated. */
function slug(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** The router also sees `.json`-less paths (the Support API takes both); the Help Center API does not. */
function requireJsonSuffix(c: Context): void {
  if (!new URL(c.req.url).pathname.endsWith(".json")) {
    throw new ZendeskError(404, { error: "InvalidEndpoint", description: "Not found" });
  }
}
