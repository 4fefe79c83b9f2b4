import type { Context } from "hono";
import { badRequest, parameterMissing, ZendeskError } from "../account/errors";
import type { UserRecord } from "../account/state";

/** What the API middleware leaves on the context for the routes: the authenticated agent. */
export type ApiEnv = { Variables: { user: UserRecord } };

export const JSON_TYPE = "application/json; charset=utf-8";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": JSON_TYPE, ...headers } });
}

export function errorResponse(error: ZendeskError): Response {
  if (typeof error.body === "string") {
    const headers = { "Content-Type": "text/plain; charset=utf-8", ...error.headers };
    return new Response(error.body, { status: error.status, headers });
  }
  return json(error.status, error.body, { ...error.headers });
}

/** The address the client used to reach us; Zendesk's `url` properties and `next_page` links start with it. */
export function baseUrl(c: Context): string {
  return new URL(c.req.url).origin;
}

/** The request body as JSON: `undefined` when empty, 400 when it isn't JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unparseable";
    throw badRequest("InvalidJSON", `The request body is not valid JSON (${reason})`);
  }
}

/** The `{ "<root>": {…} }` object of a request body, or Zendesk's 400 when it is missing. */
export async function readRoot(c: Context, root: string): Promise<Record<string, unknown>> {
  const body = await readJson(c);
  const value = isObject(body) ? body[root] : undefined;
  if (!isObject(value)) throw parameterMissing(root);
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An integer path parameter; anything else is a record that can't exist. */
export function idParam(c: Context, name: string): number {
  const raw = c.req.param(name) ?? "";
  if (!/^\d+$/.test(raw)) throw new ZendeskError(404, { error: "RecordNotFound", description: "Not found" });
  return Number(raw);
}

/** A comma-separated list from the query string, e.g. `ids=1,2,3`. */
export function listParam(c: Context, name: string): string[] {
  return (c.req.query(name) ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/**
 * Zendesk's two pagination styles over a list: cursor (`page[size]`, `page[after]` → `meta` and
 * `links`) when the client asks for it, else offset (`page`, `per_page` → `next_page`,
 * `previous_page`, `count`). At most 100 records a page; `defaultSize` when the client names none.
 */
export function paginate<T>(
  requestUrl: string | URL,
  key: string,
  items: readonly T[],
  render: (item: T) => unknown,
  options: { defaultSize?: number } = {},
): Record<string, unknown> {
  const defaultSize = options.defaultSize ?? 100;
  const url = new URL(requestUrl);
  const query = url.searchParams;
  const clamp = (value: string | null, fallback: number): number =>
    Math.min(100, Math.max(1, Number.parseInt(value ?? "", 10) || fallback));

  if (query.has("page[size]") || query.has("page[after]") || query.has("page[before]")) {
    const size = clamp(query.get("page[size]"), defaultSize);
    const after = decodeCursor(query.get("page[after]"));
    const before = decodeCursor(query.get("page[before]"));
    const start = before !== undefined ? Math.max(0, before - size) : (after ?? -1) + 1;
    const page = items.slice(start, before !== undefined ? before : start + size);
    const end = start + page.length;
    const link = (param: string, cursor: string): string => {
      const next = new URL(url);
      next.searchParams.delete("page[after]");
      next.searchParams.delete("page[before]");
      next.searchParams.set("page[size]", String(size));
      next.searchParams.set(param, cursor);
      return next.toString();
    };
    const afterCursor = page.length ? encodeCursor(end - 1) : null;
    const beforeCursor = page.length ? encodeCursor(start) : null;
    const hasMore = end < items.length;
    return {
      [key]: page.map(render),
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        next: hasMore && afterCursor ? link("page[after]", afterCursor) : null,
        prev: start > 0 && beforeCursor ? link("page[before]", beforeCursor) : null,
      },
    };
  }

  const perPage = clamp(query.get("per_page"), defaultSize);
  const pageNumber = Math.max(1, Number.parseInt(query.get("page") ?? "", 10) || 1);
  const start = (pageNumber - 1) * perPage;
  const pageLink = (n: number): string => {
    const next = new URL(url);
    next.searchParams.set("page", String(n));
    next.searchParams.set("per_page", String(perPage));
    return next.toString();
  };
  return {
    [key]: items.slice(start, start + perPage).map(render),
    next_page: start + perPage < items.length ? pageLink(pageNumber + 1) : null,
    previous_page: pageNumber > 1 ? pageLink(pageNumber - 1) : null,
    count: items.length,
  };
}

function encodeCursor(index: number): string {
  return Buffer.from(`i:${index}`).toString("base64url");
}

function decodeCursor(cursor: string | null): number | undefined {
  if (!cursor) return undefined;
  const match = /^i:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) {
    throw badRequest("InvalidPaginationParameter", "page[after] and page[before] take a cursor from a previous page");
  }
  return Number(match[1]);
}
