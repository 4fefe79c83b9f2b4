import type { MiddlewareHandler } from "hono";

/**
 * No MIME sniffing on any answer: an API's JSON (an error quoting what the caller sent included)
 * must never be read by a browser as HTML or script. Pages that set their own keep theirs.
 */
export function noSniff(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has("X-Content-Type-Options")) c.res.headers.set("X-Content-Type-Options", "nosniff");
  };
}

/**
 * `Vary` naming `field` once, whoever else added it: the CORS middleware lists Origin itself when
 * the allowed origin is computed, and a field listed twice is noise caches and audits trip on.
 */
export function varyOnce(field: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const fields = new Map<string, string>();
    for (const listed of (c.res.headers.get("Vary") ?? "").split(",")) {
      const name = listed.trim();
      if (name !== "" && !fields.has(name.toLowerCase())) fields.set(name.toLowerCase(), name);
    }
    if (!fields.has("*")) fields.set(field.toLowerCase(), fields.get(field.toLowerCase()) ?? field);
    c.res.headers.set("Vary", [...fields.values()].join(", "));
  };
}
