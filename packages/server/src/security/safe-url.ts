/** Schemes that may become a link: web pages, mail and phone. Everything else (javascript:, data:, vbscript:…) is dropped. */
const LINK_SCHEMES = new Set(["http:", "https:", "mailto:", "tel:"]);
/** Images load, never navigate: web addresses only. */
const IMAGE_SCHEMES = new Set(["http:", "https:"]);

/**
 * The address as it may be written into `href`, or null when it must not be a link. Relative
 * addresses stay relative; control characters and whitespace browsers strip before reading a
 * scheme (`java\tscript:`) are judged as the browser would see them.
 */
export function safeLinkUrl(url: string): string | null {
  return allowed(url, LINK_SCHEMES);
}

export function safeImageUrl(url: string): string | null {
  return allowed(url, IMAGE_SCHEMES);
}

/**
 * For an address written into markup with its character references left for the browser to
 * decode (as Markdown renderers do): `&#106;avascript:` is `javascript:` once decoded. An `&`
 * before the address's first `/`, `?` or `#` could spell a scheme, so such an address is not a
 * link; after it, a reference cannot change the scheme, and `?a=1&amp;b=2` keeps working.
 */
export function safeMarkupLinkUrl(url: string): string | null {
  return spellsNoScheme(url) ? safeLinkUrl(url) : null;
}

export function safeMarkupImageUrl(url: string): string | null {
  return spellsNoScheme(url) ? safeImageUrl(url) : null;
}

function spellsNoScheme(url: string): boolean {
  return !/^[^/?#]*&/.test(url);
}

function allowed(url: string, schemes: ReadonlySet<string>): string | null {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    // A relative address resolves against a base with an allowed scheme; an absolute one keeps its own.
    parsed = new URL(trimmed, "https://relative.invalid/");
  } catch {
    return null;
  }
  return schemes.has(parsed.protocol) ? trimmed : null;
}
