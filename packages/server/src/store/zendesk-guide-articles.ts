import type { Db } from "./db";
import type { ZendeskGuideArticlesTable } from "./schema";

/** The admin-API articles an import from Zendesk Guide wrote, by article id. */
export async function listGuideImports(db: Db): Promise<Map<string, ZendeskGuideArticlesTable>> {
  const rows = await db.selectFrom("zendesk_guide_articles").selectAll().execute();
  return new Map(rows.map((row) => [row.article_id, row]));
}

/** Notes that an article came from Zendesk Guide (again: the time is updated). */
export async function recordGuideImport(db: Db, row: ZendeskGuideArticlesTable): Promise<void> {
  await db
    .insertInto("zendesk_guide_articles")
    .values(row)
    .onConflict((oc) => oc.column("article_id").doUpdateSet({ zendesk_article_id: row.zendesk_article_id, locale: row.locale, imported_at: row.imported_at }))
    .execute();
}

export async function forgetGuideImport(db: Db, articleId: string): Promise<void> {
  await db.deleteFrom("zendesk_guide_articles").where("article_id", "=", articleId).execute();
}
