/**
 * Whether a site may run the Messenger: any site without a list; with one, an exact origin
 * (`https://shop.example.com`) or a wildcard for its subdomains (`https://*.example.com`, which
 * does not cover `https://example.com` itself).
 */
export function originAllowed(origin: string | null, allowed: readonly string[] | null): boolean {
  if (allowed === null) return true;
  if (origin === null) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const candidate = parsed.origin.toLowerCase();
  return allowed.some((entry) => {
    if (!entry.includes("*.")) return entry === candidate;
    const [scheme, rest] = entry.split("://*.");
    return candidate.startsWith(`${scheme}://`) && candidate.endsWith(`.${rest}`) && candidate.length > `${scheme}://.${rest}`.length;
  });
}
