const REDACTED = "[redacted]";

/** Shapes of credentials that may turn up in an error or a URL, whatever their value. */
const PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/("?(?:user_hash|intercom_user_jwt|password|api_token|apiToken|token|secret|signing_secret)"?\s*[:=]\s*"?)[^"&\s,}]+/gi, `$1${REDACTED}`],
  // A JWT anywhere: three base64url parts, the first a JSON header.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
];

/**
 * Takes secrets out of what is logged: the configured secrets by value, and tokens, hashes,
 * passwords and JWTs by shape.
 */
export function createRedactor(secrets: readonly (string | null | undefined)[] | (() => readonly (string | null | undefined)[])): (text: string) => string {
  return (text) => {
    const list = typeof secrets === "function" ? secrets() : secrets;
    const known = list.filter((secret): secret is string => typeof secret === "string" && secret.length >= 8).sort((a, b) => b.length - a.length);
    let result = text;
    for (const secret of known) result = result.split(secret).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
    return result;
  };
}
