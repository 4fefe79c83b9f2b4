/**
 * Hostile text for tests: each payload tries to run script, load something, or break out of the
 * markup it is written into. Every place that shows text from a customer, an agent, the AI or an
 * article is rendered with these and checked with `findActiveMarkup`.
 */
export const XSS_PAYLOADS: readonly string[] = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "'><script>alert(1)</script>",
  "</textarea><script>alert(1)</script>",
  "</script><script>alert(1)</script>",
  "</title><script>alert(1)</script>",
  "javascript:alert(1)",
  "[click me](javascript:alert(1))",
  // Markdown reads character references in a link's address: these are javascript: once decoded.
  "[click me](&#106;avascript:alert(1))",
  "[click me](javascript&colon;alert(1))",
  "![x](&#106;avascript:alert(1))",
  '<a href="javascript:alert(1)">click me</a>',
  "<iframe src=\"javascript:alert(1)\"></iframe>",
  "<details open ontoggle=alert(1)>",
  "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
  "<style>*{background:url(https://evil.example/x)}</style>",
  "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "{{constructor.constructor('alert(1)')()}}",
  "${alert(1)}",
  "\u2028\u2029</script><script>alert(1)</script>",
  "<base href=\"https://evil.example/\">",
  "<form action=\"https://evil.example\"><button>Go</button></form>",
  "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
];

/** The parts of a DOM node the check reads (a Document, an Element or a ShadowRoot). */
interface Inspectable {
  querySelectorAll(selector: string): ArrayLike<{ tagName: string; attributes: ArrayLike<{ name: string; value: string }>; getAttribute(name: string): string | null }>;
}

const ACTIVE_TAGS = new Set(["SCRIPT", "IFRAME", "OBJECT", "EMBED", "BASE", "FORM", "SVG", "MATH", "LINK"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"]);

/**
 * Everything in the rendered markup that could run script or load from elsewhere. `allow(element)`
 * admits the page's own elements (its nonce'd scripts, stylesheet, icons), whose attributes are still
 * checked. Empty means the hostile text stayed text.
 */
export function findActiveMarkup(
  root: Inspectable,
  allow: (element: { tagName: string; getAttribute(name: string): string | null }) => boolean = () => false,
): string[] {
  const found: string[] = [];
  const elements = root.querySelectorAll("*");
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]!;
    const tag = element.tagName.toUpperCase();
    // An allowed element (the page's own script, stylesheet or icons) still may not carry handlers or script URLs.
    if (!allow(element) && (ACTIVE_TAGS.has(tag) || tag === "STYLE")) found.push(`<${tag.toLowerCase()}>`);
    // A page's charset and viewport are harmless; a refresh or a new policy is not.
    if (tag === "META" && element.getAttribute("http-equiv") !== null) found.push("<meta http-equiv>");
    for (let j = 0; j < element.attributes.length; j++) {
      const { name, value } = element.attributes[j]!;
      const lower = name.toLowerCase();
      if (lower.startsWith("on")) found.push(`<${tag.toLowerCase()} ${name}>`);
      if (URL_ATTRIBUTES.has(lower) && /^\s*(javascript|data|vbscript):/i.test(value.replace(/[\u0000-\u001f]/g, ""))) {
        found.push(`<${tag.toLowerCase()} ${name}="${value}">`);
      }
    }
  }
  return found;
}
