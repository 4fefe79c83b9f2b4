import { Marked } from "marked";
import type { Article } from "../agent";
import { safeLinkUrl, safeMarkupImageUrl, safeMarkupLinkUrl } from "../security/safe-url";
import { escapeHtml } from "./html";

// Articles are the owner's own content, but raw HTML in them is shown as text all the same, and a
// link or image whose scheme could run script (javascript:, data:…) is shown as its text only.
const markdown = new Marked({ async: false, gfm: true });
markdown.use({
  renderer: {
    html: ({ text }) => escapeHtml(text),
    link(token) {
      // Marked leaves character references in the address for the browser to decode.
      return safeMarkupLinkUrl(token.href) === null ? this.parser.parseInline(token.tokens) : false;
    },
    image(token) {
      return safeMarkupImageUrl(token.href) === null ? escapeHtml(token.text) : false;
    },
  },
});

/** An article's own address as a link target; one that is not safe to follow leads to its page here. */
function articleHref(article: Article): string {
  return safeLinkUrl(article.url) ?? `/help/${encodeURIComponent(article.id)}`;
}

/** The demo help center: the knowledge articles the AI agent cites, served where their URLs point. */
export function helpIndexPage(appName: string, articles: readonly Article[]): string {
  const items = articles
    .map((article) => `<li><a href="${escapeHtml(articleHref(article))}">${escapeHtml(article.title)}</a></li>`)
    .join("\n");
  return layout(`${appName} Help Center`, appName, `<h1>Help Center</h1>\n<ul class="list">${items}</ul>`);
}

export function helpArticlePage(appName: string, article: Article): string {
  const body = markdown.parse(article.body) as string;
  return layout(article.title, appName, `<p><a href="/help">← All articles</a></p>\n<h1>${escapeHtml(article.title)}</h1>\n${body}`);
}

function layout(title: string, appName: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(appName)}</title>
<style>
  body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2a22; background: #fbfcfa; }
  main { max-width: 720px; margin: 0 auto; padding: 40px 24px 80px; }
  a { color: #2f6b4f; }
  h1 { letter-spacing: -0.02em; }
  .list li { margin: 8px 0; }
</style>
</head>
<body><main>
${content}
</main></body>
</html>
`;
}
