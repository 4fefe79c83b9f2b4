import { type FSWatcher, watch } from "node:fs";
import { type Article, type ArticleFile, isArticleFile, type KnowledgeProblem, loadKnowledgeDir } from "./knowledge";
import type { Answerer } from "./types";

/** Where an article comes from: a file in the knowledge folder, or the admin API (the database). */
export type ArticleSource = "folder" | "api";

/** An article with where it comes from and when it last changed. */
export interface KnowledgeEntry {
  article: Article;
  source: ArticleSource;
  /** ISO-8601: the file's modification time, or when the admin API last wrote the article. */
  updatedAt: string;
  /** The file's name in the knowledge folder; null for admin-API articles. */
  file: string | null;
}

/** The articles and the index built from exactly them; replaced whole on every change, never edited. */
export interface KnowledgeSnapshot<Index> {
  readonly articles: readonly Article[];
  readonly index: Index;
  /** Every article's entry, by id. */
  readonly entries: ReadonlyMap<string, KnowledgeEntry>;
}

/** An article written through the admin API, as the store hands it back. */
export interface ApiArticle {
  article: Article;
  updatedAt: string;
}

export interface KnowledgeBaseOptions<Index> {
  /** The knowledge folder (PARLEY_KNOWLEDGE_DIR), or null for none. */
  dir: string | null;
  /** Reads the articles written through the admin API. */
  loadApiArticles: () => Promise<readonly ApiArticle[]>;
  /** Builds what retrieval searches; injected so retrieval can change without touching this. */
  buildIndex: (articles: readonly Article[]) => Index;
  /** Re-read the folder when its files change (default true). */
  watch?: boolean;
  /** How long the folder must be quiet before it is re-read: one save fires several events. */
  debounceMs?: number;
  log?: (message: string) => void;
}

const DEFAULT_DEBOUNCE_MS = 200;

/**
 * The help-center articles the AI agent answers from, from the knowledge folder and the admin API,
 * kept current without a restart: the folder is re-read when a file is added, changed, removed or
 * renamed, and the admin API calls `reloadApiArticles` after each write. An id exists once: an
 * article written through the admin API keeps its id, and a file that takes it is skipped and logged.
 */
export class KnowledgeBase<Index> {
  readonly #options: KnowledgeBaseOptions<Index>;
  readonly #log: (message: string) => void;
  #snapshot: KnowledgeSnapshot<Index>;
  #folder: { articles: Article[]; files: Map<string, ArticleFile>; problems: KnowledgeProblem[] } = {
    articles: [],
    files: new Map(),
    problems: [],
  };
  #apiArticles: readonly ApiArticle[] = [];
  /** Problems already logged, so a reload repeats only what is new. */
  #logged = new Set<string>();
  /** Reloads run one at a time, in the order asked: a later one never loses to an earlier one. */
  #queue: Promise<void> = Promise.resolve();
  #watcher: FSWatcher | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  private constructor(options: KnowledgeBaseOptions<Index>) {
    this.#options = options;
    this.#log = options.log ?? ((message) => console.log(message));
    this.#snapshot = { articles: [], index: options.buildIndex([]), entries: new Map() };
  }

  /**
   * Loads both sources and, unless told not to, starts watching the folder. Fails when the folder
   * cannot be read at all; a single file that cannot be used is logged and skipped.
   */
  static async open<Index>(options: KnowledgeBaseOptions<Index>): Promise<KnowledgeBase<Index>> {
    const base = new KnowledgeBase(options);
    if (options.dir !== null) base.#folder = await loadKnowledgeDir(options.dir);
    base.#apiArticles = await options.loadApiArticles();
    base.#rebuild();
    if (options.dir !== null && options.watch !== false) base.#watch(options.dir);
    return base;
  }

  /** The current articles and their index. Hold on to the snapshot for one question: it never changes. */
  current(): KnowledgeSnapshot<Index> {
    return this.#snapshot;
  }

  /** Re-reads the folder and swaps in a new snapshot. If the folder cannot be read, the last good one stays. */
  reloadFolder(): Promise<void> {
    return this.#enqueue(async () => {
      const dir = this.#options.dir;
      if (dir === null) return;
      try {
        this.#folder = await loadKnowledgeDir(dir);
      } catch (error) {
        this.#log(`[knowledge] could not read ${dir}, keeping the articles loaded before: ${String(error)}`);
        return;
      }
      this.#rebuild();
    });
  }

  /** Re-reads the articles written through the admin API; resolves once the new snapshot answers. */
  reloadApiArticles(): Promise<void> {
    return this.#enqueue(async () => {
      this.#apiArticles = await this.#options.loadApiArticles();
      this.#rebuild();
    });
  }

  /** Stops watching the folder; resolves once a reload under way has finished. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#watcher?.close();
    this.#watcher = null;
    await this.#queue;
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  #rebuild(): void {
    const entries = new Map<string, KnowledgeEntry>();
    for (const { article, updatedAt } of this.#apiArticles) entries.set(article.id, { article, source: "api", updatedAt, file: null });
    const problems = [...this.#folder.problems];
    const fromFolder: KnowledgeEntry[] = [];
    for (const article of this.#folder.articles) {
      const file = this.#folder.files.get(article.id);
      if (entries.has(article.id)) {
        problems.push({
          file: file?.name ?? article.id,
          message: `id "${article.id}" is already used by an article written through the admin API`,
        });
        continue;
      }
      fromFolder.push({
        article,
        source: "folder",
        updatedAt: (file?.modifiedAt ?? new Date(0)).toISOString(),
        file: file?.name ?? null,
      });
    }
    // Folder articles first, in file-name order, as they were before the admin API existed.
    const ordered = [...fromFolder, ...entries.values()];
    const articles = ordered.map((entry) => entry.article);
    const index = this.#options.buildIndex(articles);
    this.#snapshot = { articles, index, entries: new Map(ordered.map((entry) => [entry.article.id, entry])) };
    this.#report(problems);
  }

  /** Logs each skipped file once, until it is fixed (or breaks differently). */
  #report(problems: readonly KnowledgeProblem[]): void {
    const now = new Set<string>();
    for (const problem of problems) {
      const line = `[knowledge] skipped ${problem.file}: ${problem.message}`;
      now.add(line);
      if (!this.#logged.has(line)) this.#log(line);
    }
    this.#logged = now;
  }

  #watch(dir: string): void {
    try {
      // Subfolders too: articles may be kept by category (see loadKnowledgeDir).
      this.#watcher = watch(dir, { recursive: true }, (_event, name) => {
        // Editors' swap and backup files come and go with every save; they are not articles.
        if (name !== null && !isArticleFile(String(name))) return;
        this.#scheduleReload();
      });
    } catch (error) {
      this.#log(`[knowledge] cannot watch ${dir}, so changes there need a restart: ${String(error)}`);
      return;
    }
    this.#watcher.on("error", (error) => this.#log(`[knowledge] stopped watching ${dir}: ${String(error)}`));
  }

  #scheduleReload(): void {
    if (this.#closed) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.reloadFolder();
    }, this.#options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    this.#timer.unref();
  }
}

/**
 * An Answerer that always answers from the knowledge base's current snapshot: one answerer is made
 * per snapshot (on the first question after a change) and used until the next change.
 */
export function answererFollowing<Index>(
  knowledge: { current(): KnowledgeSnapshot<Index> },
  create: (index: Index) => Answerer,
): Answerer {
  let made: { snapshot: KnowledgeSnapshot<Index>; answerer: Answerer } | null = null;
  return {
    answer(request) {
      const snapshot = knowledge.current();
      if (made?.snapshot !== snapshot) made = { snapshot, answerer: create(snapshot.index) };
      return made.answerer.answer(request);
    },
  };
}
