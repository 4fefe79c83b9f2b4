import { type Article, htmlToMarkdown, type KnowledgeSnapshot, withoutTitleHeading } from "../agent";
import { safeLinkUrl } from "../security/safe-url";
import { deleteArticle, getArticle, insertArticle, replaceArticle } from "../store/articles";
import type { Db } from "../store/db";
import { forgetGuideImport, listGuideImports, recordGuideImport } from "../store/zendesk-guide-articles";
import type { ZendeskClient } from "./client";
import type { ZendeskApiError } from "./errors";
import type { HelpCenterArticle } from "./schemas";

/** An article of the help center that was not imported, and why. */
export interface SkippedGuideArticle {
  zendesk_id: number;
  locale: string;
  title: string;
  reason: string;
}

/** What an import from Zendesk Guide changed. */
export interface GuideImportResult {
  /** Every locale the help center has, the default first. */
  locales: string[];
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: SkippedGuideArticle[];
}

export interface GuideImportDeps {
  client: ZendeskClient;
  db: Db;
  /** The AI agent's knowledge: which ids the folder holds, and a reload once the import is stored. */
  knowledge: { current(): KnowledgeSnapshot<unknown>; reloadApiArticles(): Promise<void> };
  clock: () => Date;
}

/** As the admin API takes articles: longer titles are cut, longer bodies refused. */
const MAX_TITLE = 300;
const MAX_BODY_CHARS = 1024 * 1024;

/** The id an article of Zendesk Guide gets in Parley: stable across imports, one per locale. */
export function guideArticleId(zendeskId: number, locale: string, sourceLocale: string): string {
  return locale === sourceLocale ? `zendesk-${zendeskId}` : `zendesk-${zendeskId}-${locale}`;
}

/**
 * Imports every published article of the connected Zendesk Guide, in every locale the help center
 * has, as admin-API articles. Everything is read before anything is written, and written in one
 * transaction: a Zendesk failure part-way changes nothing. Importing again updates what changed,
 * adds what is new, and removes what an earlier import added that is now gone or a draft; articles
 * not imported from Zendesk Guide are never touched. The AI agent answers from the result when
 * this resolves.
 */
export async function importZendeskGuide(deps: GuideImportDeps): Promise<GuideImportResult> {
  const { client, db, knowledge, clock } = deps;
  const { locales: enabled, default_locale: defaultLocale } = await client.helpCenter.locales();
  const locales = unique([defaultLocale, ...enabled].map((locale) => locale.toLowerCase()));
  const translations: HelpCenterArticle[] = [];
  const seen = new Set<string>();
  for (const locale of locales) {
    for (const translation of await client.helpCenter.listArticles(locale)) {
      const key = `${translation.id} ${translation.locale.toLowerCase()}`;
      if (!seen.has(key)) translations.push(translation);
      seen.add(key);
    }
  }

  const skipped: SkippedGuideArticle[] = [];
  const skip = (translation: HelpCenterArticle, reason: string) =>
    skipped.push({ zendesk_id: translation.id, locale: translation.locale, title: translation.title, reason });
  const importable: { translation: HelpCenterArticle; article: Article }[] = [];
  for (const translation of translations) {
    const problem = problemOf(translation);
    if (problem) skip(translation, problem);
    else importable.push({ translation, article: toArticle(translation) });
  }
  // A translation names its original only when the original is imported too.
  const ids = new Set(importable.map(({ article }) => article.id));
  for (const { article } of importable) {
    if (article.translationOf !== null && !ids.has(article.translationOf)) article.translationOf = null;
  }

  const now = clock().toISOString();
  const counts = { added: 0, updated: 0, unchanged: 0, removed: 0 };
  await db.transaction().execute(async (trx) => {
    const imported = await listGuideImports(trx);
    const snapshot = knowledge.current();
    const kept = new Set<string>();
    for (const { translation, article } of importable) {
      const existing = await getArticle(trx, article.id);
      if (!imported.has(article.id)) {
        const folder = snapshot.entries.get(article.id)?.source === "folder";
        if (folder || existing) {
          skip(translation, `its id "${article.id}" is already used by ${folder ? "a file in the knowledge folder" : "an article not imported from Zendesk Guide"}`);
          continue;
        }
      }
      kept.add(article.id);
      await recordGuideImport(trx, { article_id: article.id, zendesk_article_id: String(translation.id), locale: article.locale, imported_at: now });
      if (!existing) {
        await insertArticle(trx, article, now);
        counts.added++;
      } else if (sameArticle(existing.article, article)) {
        counts.unchanged++;
      } else {
        // The owner's example questions (added through the admin API) are Parley's, not Zendesk's: they stay.
        await replaceArticle(trx, { ...article, ...(existing.article.questions && { questions: existing.article.questions }) }, now);
        counts.updated++;
      }
    }
    for (const articleId of imported.keys()) {
      if (kept.has(articleId)) continue;
      if (await deleteArticle(trx, articleId)) counts.removed++;
      await forgetGuideImport(trx, articleId);
    }
  });
  await knowledge.reloadApiArticles();
  return { locales, ...counts, skipped };
}

/** Zendesk's refusal of an import, said so the owner knows what to change (nothing was imported or removed). */
export function guideImportFailure(error: ZendeskApiError): string {
  const unchanged = "Nothing was changed.";
  if (error.status === 401) return `Zendesk refused the credentials of the connected account (401): connect Zendesk again with a working API token. ${unchanged}`;
  if (error.status === 403) {
    return `Zendesk does not let the connected user read the help center (403): connect with an agent or admin whose token can read Guide. ${unchanged}`;
  }
  if (error.status === 404) return `The connected Zendesk account has no help center (404): turn on Zendesk Guide, or connect the account that has it. ${unchanged}`;
  const what = error.status === 0 ? "did not answer" : error.status === 200 ? "answered something Parley cannot read" : `answered ${error.status}`;
  return `Zendesk ${what} while the help center was read: try again in a minute. ${unchanged}`;
}

/** Why a translation cannot be an article the AI agent answers from; null when it can. */
function problemOf(translation: HelpCenterArticle): string | null {
  if (translation.draft) return "it is a draft in Zendesk Guide";
  if (translation.title.trim() === "") return "it has no title";
  if (safeLinkUrl(translation.html_url) === null) return `its address is not a web address: ${translation.html_url.slice(0, 100)}`;
  const body = bodyOf(translation);
  if (body === "") return "it has no text";
  if (body.length > MAX_BODY_CHARS) return "its text is longer than the 1 MB an article may have";
  return null;
}

function toArticle(translation: HelpCenterArticle): Article {
  const locale = translation.locale.toLowerCase();
  const sourceLocale = translation.source_locale.toLowerCase();
  const title = translation.title.trim().slice(0, MAX_TITLE);
  return {
    id: guideArticleId(translation.id, locale, sourceLocale),
    title,
    url: translation.html_url,
    locale,
    translationOf: locale === sourceLocale ? null : guideArticleId(translation.id, sourceLocale, sourceLocale),
    body: withoutTitleHeading(bodyOf(translation), title),
  };
}

function bodyOf(translation: HelpCenterArticle): string {
  return translation.body === null ? "" : htmlToMarkdown(translation.body).trim();
}

function sameArticle(a: Article, b: Article): boolean {
  return a.title === b.title && a.url === b.url && a.locale === b.locale && a.translationOf === b.translationOf && a.body === b.body;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
