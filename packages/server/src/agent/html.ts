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

/**
 * An HTML article (a whole page or a fragment) as Markdown: headings, lists, links, emphasis,
 * code and tables carry over; scripts, styles, embedded frames and the page's <head> are dropped.
 */
export function htmlToMarkdown(html: string): string {
  return turndown.turndown(html).trim();
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
