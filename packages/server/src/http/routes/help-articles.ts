import {
  type ArticleSearchResponse,
  type ArticleSearchResult,
  ArticleSearchQuery,
  type HelpArticleResponse,
} from "@parley/protocol";
import { Hono } from "hono";
import { type Article, chunkArticle, type KnowledgeSnapshot, type Passage, translationGroups } from "../../agent";
import type { Config } from "../../config";
import { validate } from "../body";
import { ApiError } from "../errors";
import { safeLinkUrl } from "../../security/safe-url";
import { publicBase } from "../public-url";

/** What the help space's search needs of an index: passages ranked for a query, best first. */
export interface PassageSearch {
  search(query: string, options: { limit: number; hint?: string }): { candidates: readonly { passage: Passage }[] };
}

export interface HelpArticlesDeps {
  config: Config;
  knowledge: { current(): KnowledgeSnapshot<PassageSearch> };
}

/** Passages asked of the index per search; results list each article once, so there may be fewer. */
const SEARCH_PASSAGES = 10;
const SNIPPET_LENGTH = 160;

/**
 * The help center for the Messenger's help space (public, like the rest of the widget API):
 * GET /v1/apps/{app_id}/articles/search?q=…&locale=… and GET /v1/apps/{app_id}/articles/{id}.
 * Searched with the AI agent's own index, so the help space finds what the agent answers from.
 * (An article whose id is "search" is reached at /help/search, not by id here.)
 */
export function helpArticles(deps: HelpArticlesDeps): Hono {
  const { config, knowledge } = deps;
  const api = new Hono();

  api.get("/:appId/articles/search", (c) => {
    const query = validate({ q: c.req.query("q") ?? "", locale: c.req.query("locale") }, ArticleSearchQuery);
    const base = publicBase(c, config);
    const results = searchArticles(knowledge.current(), query.q, query.locale).map((result) => ({ ...result, url: absolute(result.url, base, result.id) }));
    const body: ArticleSearchResponse = { articles: results };
    return c.json(body);
  });

  api.get("/:appId/articles/:articleId", (c) => {
    const id = c.req.param("articleId");
    const article = knowledge.current().entries.get(id)?.article;
    if (article === undefined) throw new ApiError(404, "article_not_found", `No help-center article has the id "${id}".`);
    const body: HelpArticleResponse = {
      article: { id: article.id, title: article.title, url: absolute(article.url, publicBase(c, config), article.id), locale: article.locale, body: article.body },
    };
    return c.json(body);
  });

  return api;
}

/**
 * The articles whose passages best match the query, each once, best first. With a locale, an
 * article found in another language is shown as its translation in that one when there is one.
 */
function searchArticles(snapshot: KnowledgeSnapshot<PassageSearch>, query: string, locale?: string): ArticleSearchResult[] {
  const hits = snapshot.index.search(query, { limit: SEARCH_PASSAGES, ...(locale !== undefined && { hint: locale }) }).candidates;
  const translated = locale === undefined ? null : translations(snapshot.articles, locale);
  const results: ArticleSearchResult[] = [];
  const seen = new Set<string>();
  for (const { passage } of hits) {
    const found = snapshot.entries.get(passage.articleId)?.article;
    if (found === undefined) continue;
    const translation = translated !== null && !sameLanguage(found.locale, locale ?? "") ? translated(found) : undefined;
    const article = translation ?? found;
    if (seen.has(article.id)) continue;
    seen.add(article.id);
    // The passage that matched is in the other language; a translation shows its own opening.
    const text = translation === undefined ? passage.text : (chunkArticle(translation)[0]?.text ?? "");
    results.push({ id: article.id, title: article.title, url: article.url, locale: article.locale, snippet: snippet(text) });
  }
  return results;
}

/** Finds an article's translation into `locale` (the exact tag first, then the same language). */
function translations(articles: readonly Article[], locale: string): (article: Article) => Article | undefined {
  const groups = translationGroups(articles);
  const members = new Map<string, Article[]>();
  for (const article of articles) {
    const group = groups.get(article.id) ?? article.id;
    members.set(group, [...(members.get(group) ?? []), article]);
  }
  return (article) => {
    const candidates = (members.get(groups.get(article.id) ?? article.id) ?? []).filter((member) => member.id !== article.id);
    return (
      candidates.find((member) => member.locale.toLowerCase() === locale.toLowerCase()) ??
      candidates.find((member) => sameLanguage(member.locale, locale))
    );
  };
}

function sameLanguage(a: string, b: string): boolean {
  return a.split("-")[0]?.toLowerCase() === b.split("-")[0]?.toLowerCase();
}

/** The passage's first words, on one line, cut at a word boundary. */
function snippet(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= SNIPPET_LENGTH) return line;
  const cut = line.slice(0, SNIPPET_LENGTH);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > SNIPPET_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}

/**
 * Article addresses may be relative to this server; the Messenger runs on another site. An address
 * that must not be a link (javascript:, data:…) becomes the article's page on the help center.
 */
function absolute(url: string, base: string, id: string): string {
  return new URL(safeLinkUrl(url) ?? `/help/${encodeURIComponent(id)}`, base).href;
}
