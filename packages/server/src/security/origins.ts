import * as z from "zod";

/** A trusted origin as an owner writes it: `https://shop.example.com`, or `https://*.example.com` for its subdomains. */
export const TRUSTED_ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;
export const TrustedOrigin = z
  .string()
  .trim()
  .transform((origin) => origin.replace(/\/+$/, "").toLowerCase())
  .pipe(z.string().max(300).regex(TRUSTED_ORIGIN, "an origin such as https://shop.example.com or https://*.example.com (no path)"));

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
