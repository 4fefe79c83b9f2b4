import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * A script body kept in memory, compressed once (brotli and gzip) with a strong ETag: serving
 * the widget is then a lookup, with no file read or compression on the host page's critical path.
 */
export interface PreparedBody {
  readonly identity: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
  readonly etag: string;
}

export type Encoding = "br" | "gzip" | "identity";

export function prepareBody(content: Buffer | string): PreparedBody {
  const identity = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return {
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    etag: `"${createHash("sha256").update(identity).digest("base64url").slice(0, 27)}"`,
  };
}

/** The best encoding the request accepts (brotli, then gzip); `q=0` refuses one. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (allows("br")) return "br";
  if (allows("gzip")) return "gzip";
  return "identity";
}

/** True when the request's If-None-Match names this ETag (or is `*`). */
export function isFresh(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed === etag || trimmed === `W/${etag}`;
  });
}

/** The response for a prepared script (304 when the browser's copy is current). */
export function scriptResponse(
  body: PreparedBody,
  request: { acceptEncoding: string | undefined; ifNoneMatch: string | undefined },
  cacheControl: string,
): Response {
  const headers: Record<string, string> = {
    "Content-Type": "text/javascript; charset=utf-8",
    "Cache-Control": cacheControl,
    ETag: body.etag,
    Vary: "Accept-Encoding",
    "Access-Control-Allow-Origin": "*",
    // Lets host pages (and `npm run bench:widget`) see the widget's sizes and timings.
    "Timing-Allow-Origin": "*",
  };
  if (isFresh(request.ifNoneMatch, body.etag)) return new Response(null, { status: 304, headers });
  const encoding = pickEncoding(request.acceptEncoding);
  if (encoding !== "identity") headers["Content-Encoding"] = encoding;
  return new Response(new Uint8Array(body[encoding]), { status: 200, headers });
}
