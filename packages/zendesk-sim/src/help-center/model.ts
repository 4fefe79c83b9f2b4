import { z } from "zod";

/** One language version of an article: Zendesk Guide keeps title, body and draft state per locale. */
export interface ArticleTranslation {
  /** The translation's own id (Guide numbers translations apart from articles). */
  id: number;
  locale: string;
  title: string;
  /** HTML, as Guide stores it. */
  body: string;
  draft: boolean;
  created_at: string;
  updated_at: string;
}

export interface HelpCenterArticle {
  id: number;
  section_id: number;
  source_locale: string;
  label_names: string[];
  /** By locale; the source locale's translation is the article itself. */
  translations: Map<string, ArticleTranslation>;
}

const Locale = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "use a Guide locale such as en-us, fr or pt-br");
const Timestamp = z.iso.datetime({ offset: false });

const TranslationSpec = z.strictObject({
  locale: Locale,
  title: z.string().trim().min(1),
  body: z.string(),
  draft: z.boolean().default(false),
  updated_at: Timestamp.optional(),
});

const ArticleSpec = z.strictObject({
  /** Given to replace an article seeded before (its translations too); left out for a new one. */
  id: z.number().int().positive().optional(),
  title: z.string().trim().min(1),
  body: z.string(),
  locale: Locale.optional(),
  draft: z.boolean().default(false),
  section_id: z.number().int().positive().optional(),
  label_names: z.array(z.string()).default([]),
  updated_at: Timestamp.optional(),
  translations: z.array(TranslationSpec).default([]),
});

/** What `/__sim/help-center/articles` takes: articles to add or replace, and optionally the default locale. */
export const HelpCenterSeed = z.strictObject({
  default_locale: Locale.optional(),
  articles: z.array(ArticleSpec).max(1000),
});
export type HelpCenterSeed = z.output<typeof HelpCenterSeed>;

const DEFAULT_SECTION = 360_000_000_001;
const FIRST_ARTICLE_ID = 360_001_000_001;
const FIRST_TRANSLATION_ID = 7_000_000_001;

/**
 * The account's help center (Zendesk Guide): articles with their translations, the enabled locales
 * and the default one. Filled only through the simulator's controls; the API reads it.
 */
export class HelpCenter {
  defaultLocale = "en-us";
  /** Enabled locales besides the default one: every locale an article was seeded in. */
  readonly #locales = new Set<string>();
  readonly articles = new Map<number, HelpCenterArticle>();
  #nextId = FIRST_ARTICLE_ID;
  #nextTranslationId = FIRST_TRANSLATION_ID;

  /** The enabled locales, the default first. */
  locales(): string[] {
    return [this.defaultLocale, ...[...this.#locales].filter((locale) => locale !== this.defaultLocale).sort()];
  }

  /** Adds the seed's articles (replacing those it names by id); answers them in seed order. */
  seed(seed: HelpCenterSeed, now: string): HelpCenterArticle[] {
    if (seed.default_locale) this.defaultLocale = seed.default_locale;
    return seed.articles.map((spec) => {
      const id = spec.id ?? this.#nextId;
      this.#nextId = Math.max(this.#nextId, id + 1);
      const created = this.articles.get(id)?.translations.get(spec.locale ?? this.defaultLocale)?.created_at ?? now;
      const source: ArticleTranslation = {
        id: this.#nextTranslationId++,
        locale: spec.locale ?? this.defaultLocale,
        title: spec.title,
        body: spec.body,
        draft: spec.draft,
        created_at: created,
        updated_at: spec.updated_at ?? now,
      };
      const translations = new Map([[source.locale, source]]);
      for (const translation of spec.translations) {
        translations.set(translation.locale, {
          id: this.#nextTranslationId++,
          locale: translation.locale,
          title: translation.title,
          body: translation.body,
          draft: translation.draft,
          created_at: now,
          updated_at: translation.updated_at ?? now,
        });
      }
      for (const locale of translations.keys()) this.#locales.add(locale);
      const article: HelpCenterArticle = {
        id,
        section_id: spec.section_id ?? DEFAULT_SECTION,
        source_locale: source.locale,
        label_names: spec.label_names,
        translations,
      };
      this.articles.set(id, article);
      return article;
    });
  }

  /** Deletes an article with all its translations (Guide's archive); false when there is none. */
  remove(id: number): boolean {
    return this.articles.delete(id);
  }

  /** Every article that has a translation in `locale`, oldest first, as that translation. */
  inLocale(locale: string): { article: HelpCenterArticle; translation: ArticleTranslation }[] {
    const found = [];
    for (const article of [...this.articles.values()].sort((a, b) => a.id - b.id)) {
      const translation = article.translations.get(locale);
      if (translation) found.push({ article, translation });
    }
    return found;
  }
}
