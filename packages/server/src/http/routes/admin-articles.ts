import type { ArticleDetail, ArticleListResponse, ArticleResponse, ArticleSummary } from "@parley/protocol";
import { Hono } from "hono";
import { z } from "zod";
import { type Article, articleLanguage, htmlToMarkdown, KnowledgeError, MAX_ARTICLE_QUESTIONS, parseArticle, type KnowledgeEntry, type KnowledgeSnapshot, slugify, withoutTitleHeading } from "../../agent";
import type { Config } from "../../config";
import { deleteArticle, getArticle, insertArticle, replaceArticle } from "../../store/articles";
import type { Db } from "../../store/db";
import { forgetGuideImport, listGuideImports } from "../../store/zendesk-guide-articles";
import { requireAdminToken } from "../admin-auth";
import { limitBody, readJson } from "../body";
import { ApiError } from "../errors";
import { safeLinkUrl } from "../../security/safe-url";

/** What the admin API needs of the knowledge base: its current articles, and a reload after each write. */
export interface EditableKnowledge {
  current(): KnowledgeSnapshot<unknown>;
  reloadApiArticles(): Promise<void>;
}

export interface AdminArticlesDeps {
  config: Pick<Config, "adminToken">;
  db: Db;
  knowledge: EditableKnowledge;
  clock: () => Date;
}

/** Help-center articles are longer than chat messages. */
const ARTICLE_REQUEST_BYTES = 1024 * 1024;

const ArticleId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "use 1 to 100 letters, digits, '.', '-' and '_', starting with a letter or digit");

const ArticleInput = z
  .strictObject({
    id: ArticleId.optional(),
    title: z.string().trim().min(1, "an article needs a title").max(300),
    url: z
      .string()
      .trim()
      .min(1, "say where customers read the article")
      .max(2048)
      // A javascript: or data: address would run script when the help pages and the Messenger link to it.
      .refine((url) => safeLinkUrl(url) !== null, "must be an http(s), mailto or tel address, or one relative to this server"),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "use a language tag such as en, fr or pt-BR")
      .optional(),
    translation_of: ArticleId.nullable().optional(),
    questions: z
      .array(z.string().trim().min(1, "an example question cannot be empty").max(300))
      .max(MAX_ARTICLE_QUESTIONS, `give at most ${MAX_ARTICLE_QUESTIONS} example questions`)
      .optional(),
    body: z.string().trim().min(1, "the article is empty").max(ARTICLE_REQUEST_BYTES).optional(),
    html: z.string().trim().min(1, "the article is empty").max(ARTICLE_REQUEST_BYTES).optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.body === undefined) === (input.html === undefined)) {
      ctx.addIssue({ code: "custom", path: ["body"], message: "send the article's text as either body (Markdown) or html, not both" });
    }
  });
type ArticleInput = z.infer<typeof ArticleInput>;

const ArticleUpload = z.strictObject({
  file_name: z
    .string()
    .trim()
    .regex(/^[^/\\]{1,200}\.(md|markdown|html?)$/i, "name a Markdown (.md) or HTML (.html) file, without folders"),
  content: z.string().min(1, "the file is empty").max(ARTICLE_REQUEST_BYTES),
});

/**
 * The admin API's help-center articles: /admin/api/articles. Folder articles are listed and read
 * here but changed in their files; each write is in the AI agent's answers when the call returns.
 */
export function adminArticles(deps: AdminArticlesDeps): Hono {
  const { db, knowledge, clock } = deps;
  const api = new Hono();
  api.use("*", requireAdminToken(deps.config));
  // Scoped to the articles' paths: this router is mounted on /admin/api, so "*" would set every admin route's limit.
  api.use("/articles", limitBody(ARTICLE_REQUEST_BYTES));
  api.use("/articles/*", limitBody(ARTICLE_REQUEST_BYTES));

  api.get("/articles", async (c) => {
    const entries = [...knowledge.current().entries.values()];
    const imported = await listGuideImports(db);
    return c.json({ articles: entries.map((entry) => summary(entry, imported)) } satisfies ArticleListResponse);
  });

  api.get("/articles/:id", async (c) => {
    const entry = knowledge.current().entries.get(c.req.param("id"));
    if (entry === undefined) throw articleNotFound(c.req.param("id"));
    return c.json({ article: detail(entry, await listGuideImports(db)) } satisfies ArticleResponse);
  });

  api.post("/articles", async (c) => {
    const input = await readJson(c, ArticleInput);
    const id = input.id ?? (await freeId(input.title));
    refuseFolderArticle(id);
    if (!(await insertArticle(db, toArticle(id, input), clock().toISOString()))) {
      throw new ApiError(409, "article_id_taken", `An article with the id "${id}" already exists: PUT /admin/api/articles/${id} to replace it.`);
    }
    await knowledge.reloadApiArticles();
    return c.json({ article: await written(id) } satisfies ArticleResponse, 201);
  });

  // A Markdown or HTML file with front matter, read as the knowledge folder reads its files; without
  // a url, the article is read on this server's help pages.
  api.post("/articles/upload", async (c) => {
    const upload = await readJson(c, ArticleUpload);
    let article: Article;
    try {
      article = parseArticle(upload.content, upload.file_name, { defaultUrl: (id) => `/help/${id}` });
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      throw new ApiError(400, "invalid_request", `${upload.file_name}: ${error.reason}`, [{ path: "content", message: error.reason }]);
    }
    const checked = ArticleId.safeParse(article.id);
    if (!checked.success) {
      const message = `the article id "${article.id}" ${checked.error.issues[0]?.message ?? "is not valid"}: set \`id:\` in the front matter`;
      throw new ApiError(400, "invalid_request", `${upload.file_name}: ${message}`, [{ path: "content", message }]);
    }
    refuseFolderArticle(article.id);
    if (!(await insertArticle(db, article, clock().toISOString()))) {
      throw new ApiError(409, "article_id_taken", `An article with the id "${article.id}" already exists: change \`id:\` in the file, or delete that article first.`);
    }
    await knowledge.reloadApiArticles();
    return c.json({ article: await written(article.id) } satisfies ArticleResponse, 201);
  });

  api.put("/articles/:id", async (c) => {
    const id = c.req.param("id");
    const input = await readJson(c, ArticleInput);
    if (input.id !== undefined && input.id !== id) {
      const message = `must be "${id}", the id in the address (to rename, create a new article and delete this one)`;
      throw new ApiError(400, "invalid_request", `id: ${message}`, [{ path: "id", message }]);
    }
    refuseFolderArticle(id);
    if (!(await replaceArticle(db, toArticle(id, input), clock().toISOString()))) throw articleNotFound(id);
    await knowledge.reloadApiArticles();
    return c.json({ article: await written(id) } satisfies ArticleResponse);
  });

  api.delete("/articles/:id", async (c) => {
    const id = c.req.param("id");
    refuseFolderArticle(id);
    if (!(await deleteArticle(db, id))) throw articleNotFound(id);
    // An article deleted here is no longer the import's: a later one by the same id is the owner's.
    await forgetGuideImport(db, id);
    await knowledge.reloadApiArticles();
    return c.body(null, 204);
  });

  /** Folder articles belong to their files: the next reload of the folder would undo a change made here. */
  function refuseFolderArticle(id: string): void {
    const entry = knowledge.current().entries.get(id);
    if (entry?.source !== "folder") return;
    throw new ApiError(
      409,
      "article_id_taken",
      `The article "${id}" comes from the knowledge folder (${entry.file ?? "a file"}): edit or delete that file instead.`,
    );
  }

  /** The title as an id, numbered when that is taken: "Gift cards" → gift-cards, then gift-cards-2. */
  async function freeId(title: string): Promise<string> {
    const base = slugify(title).slice(0, 90).replace(/-+$/, "") || "article";
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (!knowledge.current().entries.has(id) && (await getArticle(db, id)) === undefined) return id;
    }
  }

  async function written(id: string): Promise<ArticleDetail> {
    const entry = knowledge.current().entries.get(id);
    if (entry === undefined) throw new Error(`article ${id} was stored but is not in the reloaded knowledge`);
    return detail(entry, await listGuideImports(db));
  }

  return api;
}

function toArticle(id: string, input: ArticleInput): Article {
  const markdown = input.html !== undefined ? htmlToMarkdown(input.html) : (input.body ?? "");
  const body = withoutTitleHeading(markdown, input.title);
  return {
    id,
    title: input.title,
    url: input.url,
    locale: input.locale ?? articleLanguage(input.title, body),
    translationOf: input.translation_of ?? null,
    ...(input.questions && input.questions.length > 0 && { questions: input.questions }),
    body,
  };
}

/** Which articles an import from Zendesk Guide wrote (by id). */
type GuideImports = ReadonlyMap<string, unknown>;

function summary({ article, source, updatedAt }: KnowledgeEntry, imported: GuideImports): ArticleSummary {
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    locale: article.locale,
    translation_of: article.translationOf,
    questions: [...(article.questions ?? [])],
    source,
    imported_from: source === "api" && imported.has(article.id) ? "zendesk-guide" : null,
    updated_at: updatedAt,
  };
}

function detail(entry: KnowledgeEntry, imported: GuideImports): ArticleDetail {
  return { ...summary(entry, imported), body: entry.article.body };
}

function articleNotFound(id: string): ApiError {
  return new ApiError(404, "article_not_found", `No help-center article has the id "${id}".`);
}
