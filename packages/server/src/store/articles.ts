import { z } from "zod";
import type { Article } from "../agent";
import type { Db } from "./db";
import type { ArticlesTable } from "./schema";

/** A help-center article written through the admin API, with when it was written. */
export interface StoredArticle {
  article: Article;
  createdAt: string;
  updatedAt: string;
}

/** Every stored article, by id. */
export async function listArticles(db: Db): Promise<StoredArticle[]> {
  const rows = await db.selectFrom("articles").selectAll().orderBy("id").execute();
  return rows.map(toArticle);
}

export async function getArticle(db: Db, id: string): Promise<StoredArticle | undefined> {
  const row = await db.selectFrom("articles").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toArticle(row);
}

/** Stores a new article; false when its id is taken. */
export async function insertArticle(db: Db, article: Article, now: string): Promise<boolean> {
  const result = await db
    .insertInto("articles")
    .values({ ...toRow(article), created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Replaces the article with the same id; false when there is none. */
export async function replaceArticle(db: Db, article: Article, now: string): Promise<boolean> {
  const { id, ...fields } = toRow(article);
  const result = await db.updateTable("articles").set({ ...fields, updated_at: now }).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes an article; false when there was none. */
export async function deleteArticle(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom("articles").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function toRow(article: Article): Omit<ArticlesTable, "created_at" | "updated_at"> {
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    locale: article.locale,
    translation_of: article.translationOf,
    questions: JSON.stringify(article.questions ?? []),
    body: article.body,
  };
}

function toArticle(row: ArticlesTable): StoredArticle {
  return {
    article: {
      id: row.id,
      title: row.title,
      url: row.url,
      locale: row.locale,
      translationOf: row.translation_of,
      ...questionsOf(row.questions),
      body: row.body,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Stored as a JSON list; a row that is not one (written by hand) has no example questions. */
function questionsOf(stored: string): Pick<Article, "questions"> {
  const parsed = StoredQuestions.safeParse(safeJson(stored));
  return parsed.success && parsed.data.length > 0 ? { questions: parsed.data } : {};
}

const StoredQuestions = z.array(z.string());

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
