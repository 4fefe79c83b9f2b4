import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { AdminApiError, type AdminApi, type ArticleDetail, type ArticleInput, type ArticleSummary, type CitingQuestion, type GuideImport, messageOf } from "../api";
import { whileBusy } from "./busy";

/**
 * The help center the AI agent answers from: every article (folder and console), searchable; new
 * ones written here or uploaded as Markdown; console articles edited and deleted here, folder
 * articles in their files.
 */
export function Knowledge({ api }: { api: AdminApi }) {
  const articles = useSignal<ArticleSummary[] | null>(null);
  const query = useSignal("");
  const editing = useSignal<ArticleDetail | "new" | null>(null);
  const notice = useSignal<string | null>(null);
  const problem = useSignal<string | null>(null);
  const importing = useSignal(false);
  const skipped = useSignal<GuideImport["skipped"]>([]);

  async function reload() {
    try {
      articles.value = await api.articles();
    } catch (error) {
      problem.value = messageOf(error);
    }
  }
  useEffect(() => {
    void reload();
  }, [api]);

  async function open(id: string) {
    problem.value = null;
    try {
      editing.value = await api.article(id);
    } catch (error) {
      problem.value = messageOf(error);
    }
  }

  async function upload(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = "";
    problem.value = null;
    const added: string[] = [];
    const refused: string[] = [];
    for (const file of files) {
      try {
        added.push((await api.uploadArticle(file.name, await file.text())).title);
      } catch (error) {
        refused.push(`${file.name}: ${messageOf(error)}`);
      }
    }
    if (added.length > 0) notice.value = `Added ${added.map((title) => `“${title}”`).join(", ")}.`;
    if (refused.length > 0) problem.value = refused.join(" ");
    await reload();
  }

  async function importGuide() {
    if (importing.value) return;
    importing.value = true;
    notice.value = null;
    problem.value = null;
    skipped.value = [];
    try {
      const result = await api.importZendeskGuide();
      notice.value = `Imported from Zendesk Guide: ${result.added} added, ${result.updated} updated, ${result.removed} removed, ${result.unchanged} unchanged, ${result.skipped.length} skipped.`;
      skipped.value = result.skipped;
      await reload();
    } catch (error) {
      problem.value = messageOf(error);
    } finally {
      importing.value = false;
    }
  }

  if (editing.value !== null) {
    return (
      <ArticleEditor
        api={api}
        article={editing.value === "new" ? null : editing.value}
        onDone={async (message) => {
          editing.value = null;
          notice.value = message;
          await reload();
        }}
      />
    );
  }

  const words = query.value.trim().toLowerCase();
  const shown = (articles.value ?? []).filter(
    (article) => words === "" || `${article.title} ${article.id} ${article.questions.join(" ")}`.toLowerCase().includes(words),
  );
  return (
    <section aria-labelledby="knowledge-title">
      <div class="heading-row">
        <h1 id="knowledge-title">Knowledge</h1>
        <div class="actions">
          <button type="button" class="button button--quiet" onClick={importGuide} {...whileBusy(importing.value)}>
            {importing.value ? "Importing…" : "Import from Zendesk Guide"}
          </button>
          <label class="button button--quiet file-button">
            Upload Markdown
            <input type="file" accept=".md,.markdown,text/markdown" multiple onChange={upload} />
          </label>
          <button type="button" class="button" onClick={() => (editing.value = "new")}>
            New article
          </button>
        </div>
      </div>
      <p class="muted">The AI agent answers customers from these articles and cites them. Changes are live as soon as they are saved.</p>
      <div role="status" class="notice">
        {notice.value}
      </div>
      {skipped.value.length > 0 && (
        <details class="card">
          <summary>Not imported ({skipped.value.length})</summary>
          <ul>
            {skipped.value.map((item) => (
              <li key={`${item.zendesk_id}-${item.locale}`}>
                “{item.title}” ({item.locale}): {item.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      <label class="field field--search">
        <span>Search articles</span>
        <input type="search" value={query.value} onInput={(event) => (query.value = event.currentTarget.value)} />
      </label>
      {articles.value === null ? (
        <p class="muted">Loading articles…</p>
      ) : shown.length === 0 ? (
        <p class="muted">{words === "" ? "No articles yet: write one or upload Markdown files." : "No article matches."}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">
            {shown.length} of {articles.value.length} articles
          </caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Language</th>
              <th scope="col">Source</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((article) => (
              <tr key={article.id}>
                <td>
                  <button type="button" class="link" onClick={() => open(article.id)}>
                    {article.title}
                  </button>
                  <div class="muted small">{article.id}</div>
                </td>
                <td>{article.locale}</td>
                <td>{article.source === "folder" ? "Knowledge folder" : article.imported_from === "zendesk-guide" ? "Zendesk Guide" : "Console"}</td>
                <td>
                  <time dateTime={article.updated_at}>{new Date(article.updated_at).toLocaleDateString()}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface EditorProps {
  api: AdminApi;
  /** Null: a new article. */
  article: ArticleDetail | null;
  onDone(message: string | null): void | Promise<void>;
}

function ArticleEditor({ api, article, onDone }: EditorProps) {
  const title = useSignal(article?.title ?? "");
  const url = useSignal(article?.url ?? "");
  const locale = useSignal(article?.locale ?? "en");
  const questions = useSignal(article?.questions.join("\n") ?? "");
  const body = useSignal(article?.body ?? "");
  const issues = useSignal<Record<string, string>>({});
  const problem = useSignal<string | null>(null);
  const busy = useSignal(false);
  const readOnly = article?.source === "folder";

  async function save(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    const input: ArticleInput = {
      title: title.value,
      url: url.value,
      locale: locale.value,
      questions: questions.value.split("\n").map((line) => line.trim()).filter((line) => line !== ""),
      body: body.value,
    };
    busy.value = true;
    issues.value = {};
    problem.value = null;
    try {
      const saved = article === null ? await api.createArticle(input) : await api.replaceArticle(article.id, input);
      await onDone(`Saved “${saved.title}”.`);
    } catch (error) {
      if (error instanceof AdminApiError && error.issues.length > 0) {
        issues.value = Object.fromEntries(error.issues.map((issue) => [issue.path.split(".")[0] ?? issue.path, issue.message]));
      }
      problem.value = messageOf(error);
    } finally {
      busy.value = false;
    }
  }

  async function remove() {
    if (article === null || !confirm(`Delete “${article.title}”? The AI agent stops citing it at once.`)) return;
    try {
      await api.deleteArticle(article.id);
      await onDone(`Deleted “${article.title}”.`);
    } catch (error) {
      problem.value = messageOf(error);
    }
  }

  const field = (name: string, label: string, value: string, set: (value: string) => void, options: { multiline?: boolean; hint?: string; rows?: number } = {}) => {
    const id = `article-${name}`;
    const described = [options.hint && `${id}-hint`, issues.value[name] && `${id}-error`].filter(Boolean).join(" ") || undefined;
    const props = {
      id,
      value,
      readOnly,
      "aria-invalid": issues.value[name] !== undefined,
      "aria-describedby": described,
      onInput: (event: Event) => set((event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
    };
    return (
      <div class="field">
        <label for={id}>{label}</label>
        {options.hint && (
          <span id={`${id}-hint`} class="muted small">
            {options.hint}
          </span>
        )}
        {options.multiline ? <textarea rows={options.rows ?? 4} {...props} /> : <input type="text" {...props} />}
        {issues.value[name] && (
          <span id={`${id}-error`} class="error small">
            {issues.value[name]}
          </span>
        )}
      </div>
    );
  };

  return (
    <section aria-labelledby="editor-title">
      <h1 id="editor-title">{article === null ? "New article" : readOnly ? article.title : `Edit “${article.title}”`}</h1>
      {readOnly && <p class="notice-box">This article comes from the knowledge folder: change it in its file, and Parley reloads it.</p>}
      {article?.imported_from === "zendesk-guide" && (
        <p class="notice-box">This article was imported from Zendesk Guide: edit it there and import again. The next import replaces changes made here (example questions are kept).</p>
      )}
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      <form class="card form" onSubmit={save}>
        {field("title", "Title", title.value, (value) => (title.value = value))}
        {field("url", "Address customers read it at", url.value, (value) => (url.value = value), { hint: "An absolute address, or one on this server such as /help/gift-cards." })}
        {field("locale", "Language", locale.value, (value) => (locale.value = value), { hint: "A language tag: en, fr, pt-BR…" })}
        {field("questions", "Example questions (optional)", questions.value, (value) => (questions.value = value), {
          multiline: true,
          rows: 3,
          hint: "One per line, as your customers ask them. A question put in the same words is answered from this article; they are never shown.",
        })}
        {field("body", "Article (Markdown)", body.value, (value) => (body.value = value), { multiline: true, rows: 16 })}
        <div class="actions">
          {!readOnly && (
            <button type="submit" class="button" {...whileBusy(busy.value)}>
              {busy.value ? "Saving…" : "Save"}
            </button>
          )}
          <button type="button" class="button button--quiet" onClick={() => onDone(null)}>
            {readOnly ? "Back" : "Cancel"}
          </button>
          {article !== null && !readOnly && (
            <button type="button" class="button button--danger" onClick={remove}>
              Delete
            </button>
          )}
        </div>
      </form>
      {article !== null && <CitedBy api={api} articleId={article.id} />}
    </section>
  );
}

/** The customer questions the AI agent answered with this article: what a change would affect. */
function CitedBy({ api, articleId }: { api: AdminApi; articleId: string }) {
  const questions = useSignal<CitingQuestion[] | null>(null);
  useEffect(() => {
    api.articleQuestions(articleId).then(
      (loaded) => (questions.value = loaded),
      () => (questions.value = []),
    );
  }, [api, articleId]);
  return (
    <section class="card" aria-labelledby="cited-title">
      <h2 id="cited-title">Questions answered with this article</h2>
      {questions.value === null ? (
        <p class="muted">Loading…</p>
      ) : questions.value.length === 0 ? (
        <p class="muted">The AI agent has not cited this article yet.</p>
      ) : (
        <ul class="cited">
          {questions.value.map((question) => (
            <li key={`${question.conversation_id}-${question.answered_at}`}>
              “{question.question}” <span class="muted small">· {new Date(question.answered_at).toLocaleString()}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
