import { randomBytes } from "node:crypto";

/** Headers every page Parley serves carries: no MIME sniffing, no full URLs leaked to other sites. */
const COMMON = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // For browsers older than CSP's frame-ancestors.
  "X-Frame-Options": "SAMEORIGIN",
} as const;

/** Help pages run no script at all: articles are text, links and images. */
export function helpPageHeaders(): Record<string, string> {
  return {
    ...COMMON,
    "Content-Security-Policy":
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  };
}

/**
 * The demo host page runs its two inline scripts (settings and snippet) by nonce, and the
 * Messenger from this server's address; nothing else.
 */
export function demoPageHeaders(serverOrigin: string): { nonce: string; headers: Record<string, string> } {
  const nonce = randomBytes(16).toString("base64");
  return {
    nonce,
    headers: {
      ...COMMON,
      // The nonce, and the address the page names, belong to this response only.
      "Cache-Control": "no-store",
      "Content-Security-Policy": [
        "default-src 'none'",
        `script-src 'nonce-${nonce}' ${serverOrigin}`,
        `connect-src 'self' ${serverOrigin}`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' https: data:",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'self'",
      ].join("; "),
    },
  };
}
