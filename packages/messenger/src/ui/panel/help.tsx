import type { ArticleSearchResult, HelpArticle } from "@parley/protocol";
import { useStrings } from "./strings";
import { useEffect, useRef, useState } from "preact/hooks";
import type { PanelProps } from "../types";
import { ArticleIcon, BackIcon, ChevronRightIcon, CloseIcon, SearchIcon } from "./icons";
import { Markdown, safeHref } from "./markdown";

/** Searching waits for a pause in typing, so a word is one request, not one per letter. */
const TYPING_PAUSE_MS = 250;

type Search =
  | { state: "idle" }
  | { state: "searching" }
  | { state: "done"; articles: readonly ArticleSearchResult[] }
  | { state: "failed" };

/** The help center's search box and its results; a result opens the article in the Messenger. */
export function ArticleSearch({ actions, autoFocus = false }: PanelProps & { autoFocus?: boolean }) {
  const t = useStrings();
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState<Search>({ state: "idle" });
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, []);

  useEffect(() => {
    const wanted = query.trim();
    if (wanted === "") {
      setSearch({ state: "idle" });
      return;
    }
    let current = true;
    setSearch({ state: "searching" });
    const timer = setTimeout(() => {
      actions.searchArticles(wanted).then(
        (articles) => current && setSearch({ state: "done", articles }),
        () => current && setSearch({ state: "failed" }),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <section class="parley-card parley-search" aria-label={t.searchForHelp}>
      <label class="parley-search__box">
        <input
          ref={input}
          type="search"
          aria-label={t.searchForHelp}
          placeholder={t.searchForHelp}
          value={query}
          maxLength={200}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        <SearchIcon />
      </label>
      <div aria-live="polite">
        {search.state === "searching" ? <p class="parley-search__note">{t.searching}</p> : null}
        {search.state === "failed" ? <p class="parley-search__note">{t.searchFailed}</p> : null}
        {search.state === "done" && search.articles.length === 0 ? <p class="parley-search__note">{t.noArticles}</p> : null}
        {search.state === "done" && search.articles.length > 0 ? (
          <ul class="parley-results">
            {search.articles.map((article) => (
              <li key={article.id}>
                <button type="button" class="parley-result" onClick={() => actions.navigate("help", article.id)}>
                  <span class="parley-result__title">{article.title}</span>
                  <span class="parley-result__snippet">{article.snippet}</span>
                  <ChevronRightIcon />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}

type Loaded = { state: "loading" } | { state: "done"; article: HelpArticle } | { state: "failed" };

function ArticleView({ id, actions }: { id: string; actions: PanelProps["actions"] }) {
  const t = useStrings();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  useEffect(() => {
    let current = true;
    setLoaded({ state: "loading" });
    actions.article(id).then(
      (article) => current && setLoaded({ state: "done", article }),
      () => current && setLoaded({ state: "failed" }),
    );
    return () => {
      current = false;
    };
  }, [id]);

  if (loaded.state === "loading") return <p class="parley-search__note">{t.searching}</p>;
  if (loaded.state === "failed") return <p class="parley-search__note">{t.articleFailed}</p>;
  const { article } = loaded;
  const href = safeHref(article.url);
  return (
    <article class="parley-article" lang={article.locale}>
      <h3 class="parley-article__title">{article.title}</h3>
      <Markdown source={article.body.replace(/^\s*#\s+(.*)\n/, (line, heading: string) => (heading.trim() === article.title ? "" : line))} />
      {href ? (
        <a class="parley-article__link" href={href} target="_blank" rel="noopener noreferrer">
          <ArticleIcon />
          {t.openInHelpCenter}
        </a>
      ) : null}
    </article>
  );
}

/** The help space: search, or one article (`showArticle`), with a way back. */
export function HelpSpace({ state, actions }: PanelProps) {
  const t = useStrings();
  const articleId = state.panel.articleId.value;
  return (
    <>
      <header class="parley-header">
        <button
          type="button"
          class="parley-icon-button"
          aria-label={t.back}
          onClick={() => actions.navigate(articleId ? "help" : "home")}
        >
          <BackIcon />
        </button>
        <div class="parley-header__text">
          <h2 class="parley-header__title">{t.help}</h2>
        </div>
        <button type="button" class="parley-icon-button" aria-label={t.close} onClick={actions.close}>
          <CloseIcon />
        </button>
      </header>
      <div class="parley-help">
        {articleId ? <ArticleView id={articleId} actions={actions} /> : <ArticleSearch state={state} actions={actions} autoFocus />}
      </div>
    </>
  );
}
