import type { ComponentChildren } from "preact";

/** Only web and mail links become links; anything else (e.g. `javascript:`) stays text. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return ["https:", "http:", "mailto:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

const INLINE = /(\*\*([^*]+)\*\*|__([^_]+)__|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_)/;

/** Bold, italics, code and links of one line of text, as elements (never HTML). */
function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let rest = text;
  let found: RegExpExecArray | null;
  while ((found = INLINE.exec(rest))) {
    if (found.index > 0) out.push(rest.slice(0, found.index));
    const bold = found[2] ?? found[3];
    const [code, label, url] = [found[4], found[5], found[6]];
    const italic = found[7] ?? found[8];
    if (bold !== undefined) out.push(<strong>{inline(bold)}</strong>);
    else if (code !== undefined) out.push(<code>{code}</code>);
    else if (label !== undefined && url !== undefined) {
      const href = safeHref(url);
      out.push(href ? <a href={href} target="_blank" rel="noopener noreferrer">{inline(label)}</a> : label);
    } else out.push(<em>{inline(italic ?? "")}</em>);
    rest = rest.slice(found.index + found[0].length);
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * A help-center article's Markdown as elements: headings, paragraphs, lists, quotes, code
 * blocks, and the inline marks above. Any HTML in it shows as text: nothing in an article can
 * run script in the host page.
 */
export function Markdown({ source, breaks = false }: { source: string; /** Keep single line breaks (chat messages). */ breaks?: boolean }) {
  const blocks: ComponentChildren[] = [];
  const lines = source.replace(/\r\n?/g, "\n").replace(/^---\n[\s\S]*?\n---\n/, "").split("\n");
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const key = blocks.length;
    if (line.trim() === "") {
      index++;
    } else if (line.startsWith("```")) {
      const code: string[] = [];
      for (index++; index < lines.length && !lines[index]!.startsWith("```"); index++) code.push(lines[index]!);
      index++;
      blocks.push(<pre key={key}><code>{code.join("\n")}</code></pre>);
    } else if (/^#{1,6}\s/.test(line)) {
      const level = Math.min(6, Math.max(3, line.indexOf(" ") + 2));
      const Heading = `h${level}` as "h3";
      blocks.push(<Heading key={key}>{inline(line.replace(/^#+\s*/, ""))}</Heading>);
      index++;
    } else if (/^\s*([-*+]|\d+[.)])\s/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: ComponentChildren[] = [];
      for (; index < lines.length && /^\s*([-*+]|\d+[.)])\s/.test(lines[index]!); index++) {
        items.push(<li key={items.length}>{inline(lines[index]!.replace(/^\s*([-*+]|\d+[.)])\s+/, ""))}</li>);
      }
      blocks.push(ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>);
    } else if (line.startsWith(">")) {
      const quote: string[] = [];
      for (; index < lines.length && lines[index]!.startsWith(">"); index++) quote.push(lines[index]!.replace(/^>\s?/, ""));
      blocks.push(<blockquote key={key}>{inline(quote.join(" "))}</blockquote>);
    } else {
      const paragraph: string[] = [];
      for (; index < lines.length && lines[index]!.trim() !== "" && !/^(#{1,6}\s|```|>|\s*([-*+]|\d+[.)])\s)/.test(lines[index]!); index++) {
        paragraph.push(breaks ? lines[index]! : lines[index]!.trim());
      }
      blocks.push(<p key={key}>{inline(paragraph.join(breaks ? "\n" : " "))}</p>);
    }
  }
  return <div class={`parley-markdown${breaks ? " parley-markdown--chat" : ""}`} dir="auto">{blocks}</div>;
}
