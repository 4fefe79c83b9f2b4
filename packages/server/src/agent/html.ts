import { createDocument, type DominoDocument, type DominoElement } from "@mixmark-io/domino";
import TurndownService from "turndown";

/** The little of a DOM node the table rules read (the server has no DOM types; turndown parses with domino). */
interface HtmlNode {
  nodeName: string;
  parentNode: HtmlNode | null;
  childNodes: ArrayLike<HtmlNode>;
}

const turndown = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-" });

// What a page runs or draws is not what it says, and its <head> (the <title> too) is not the article.
turndown.remove(["head", "title", "script", "style", "noscript", "template", "iframe", "object", "embed", "canvas", "svg"] as TurndownService.Filter);

// Turndown writes each table cell as its own paragraph. A row read as one line keeps its facts
// together ("Standard | 5 days | $5"), so tables become Markdown (GFM) tables, the first row as header.
turndown.addRule("tableSection", {
  filter: ["thead", "tbody", "tfoot"] as TurndownService.Filter,
  replacement: (content) => content,
});
turndown.addRule("tableCell", {
  filter: ["th", "td"] as TurndownService.Filter,
  replacement: (content) => ` ${content.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|").trim()} |`,
});
turndown.addRule("tableRow", {
  filter: "tr" as TurndownService.Filter,
  replacement: (content, node: HtmlNode) => {
    const row = `|${content}\n`;
    const table = closest(node, "TABLE");
    if (table === null || firstRow(table) !== node) return row;
    const cells = Array.from(node.childNodes).filter((child) => child.nodeName === "TH" || child.nodeName === "TD").length;
    return `${row}|${" --- |".repeat(Math.max(cells, 1))}\n`;
  },
});
turndown.addRule("tableCaption", {
  filter: "caption" as TurndownService.Filter,
  replacement: (content) => `${content.trim()}\n\n`,
});
turndown.addRule("table", {
  filter: "table" as TurndownService.Filter,
  replacement: (content) => `\n\n${content.trim()}\n\n`,
});

// An FAQ's questions, in an accordion (<details><summary>) or a definition list (<dt>), are lines
// of their own in bold, as its pseudo-headings are (see sectionParts in ./knowledge); turndown
// would run them into their answers' text or write them as plain lines.
turndown.addRule("faqQuestion", {
  filter: ["summary", "dt"] as TurndownService.Filter,
  replacement: (content) => {
    const text = content.replace(/\s+/g, " ").replace(/\*\*/g, "").trim();
    return text === "" ? "" : `\n\n**${text}**\n\n`;
  },
});
turndown.addRule("faqAnswer", {
  filter: ["details", "dl", "dd"] as TurndownService.Filter,
  replacement: (content) => `\n\n${content.trim()}\n\n`,
});

/**
 * An HTML article (a whole page or a fragment) as Markdown: headings, lists, links, emphasis,
 * code and tables carry over; scripts, styles, embedded frames and the page's <head> are dropped.
 * Of a whole page, only its article is read (see articleOfPage).
 */
export function htmlToMarkdown(html: string): string {
  return turndown.turndown(/<body[\s>]/i.test(html) ? articleOfPage(html) : html).trim();
}

/** Where pages keep an article's own text: schema.org's articleBody, or an element named for it. */
const ARTICLE_BODY = '[itemprop="articleBody"], .article-body, .article__body, .articleBody, #article-body, #articleBody';
/** The site around an article, wherever it is: navigation, search, forms and buttons, the page's footer. */
const CHROME = 'nav, footer, form, button, [role="navigation"], [role="search"], [role="contentinfo"], [role="banner"]';
/**
 * Parts of an article page about other articles, its author or its readers, by the names pages give
 * the blocks and links that hold them (a <span class="comment"> in a code sample is the article's own).
 */
const ASIDE_NAMES = /(?:^|[\s_-])(?:related|relatives|recent|recently|breadcrumbs?|comments?|votes?|voting|share|sharing|social|pagination|subscribe|feedback|sidebar|toc|author|byline|meta)(?:[\s_-]|$)/i;
const BLOCKS = ["div", "section", "header", "aside", "ul", "ol", "a"].flatMap((tag) => [`${tag}[class]`, `${tag}[id]`]).join(", ");

/**
 * The article of a saved web page. A help-center page carries the site around its article
 * (navigation, a sidebar of the section's articles, related and recently viewed articles, votes,
 * comments, a footer): words that are on every page, or other articles' titles, which search would
 * find everywhere. Read: the element pages mark as the article's body, else the page's one
 * <article> (the one with the <h1> when there are several), else its <main>, else its <body>; the
 * site's chrome inside it is dropped, and a sidebar (<aside>) too unless the article itself is read.
 * The page's <h1> is kept as the title when the part read does not hold it.
 */
function articleOfPage(html: string): string {
  const page = createDocument(html);
  const title = page.querySelector("h1");
  const all = (from: DominoElement | DominoDocument, selectors: string) => Array.from(from.querySelectorAll(selectors));
  const articles = all(page, "article");
  const article = articles.length === 1 ? articles[0] : articles.find((each) => title !== null && each.contains(title));
  const root = page.querySelector(ARTICLE_BODY) ?? article ?? page.querySelector('main, [role="main"]') ?? page.body;
  for (const element of all(root, CHROME)) element.remove();
  if (root !== article) for (const element of all(root, "aside")) element.remove();
  for (const element of all(root, BLOCKS)) {
    if (ASIDE_NAMES.test(`${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`)) element.remove();
  }
  const heading = title !== null && !root.contains(title) ? `<h1>${title.innerHTML}</h1>` : "";
  return heading + root.innerHTML;
}

function closest(node: HtmlNode, name: string): HtmlNode | null {
  for (let current = node.parentNode; current !== null; current = current.parentNode) {
    if (current.nodeName === name) return current;
  }
  return null;
}

function firstRow(table: HtmlNode): HtmlNode | null {
  for (const child of Array.from(table.childNodes)) {
    if (child.nodeName === "TR") return child;
    if (child.nodeName === "THEAD" || child.nodeName === "TBODY" || child.nodeName === "TFOOT") {
      const row = Array.from(child.childNodes).find((grandchild) => grandchild.nodeName === "TR");
      if (row !== undefined) return row;
    }
  }
  return null;
}
