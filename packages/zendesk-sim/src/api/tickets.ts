import type { Context, Hono } from "hono";
import { z } from "zod";
import { badRequest, parameterMissing, recordNotFound, ZendeskError } from "../account/errors";
import { LooseBoolean, parseRecord, TagsInput } from "../account/input";
import { auditJson, commentJson, ticketJson, userJson } from "../account/json";
import type { TicketRecord } from "../account/state";
import { ticketById, TicketInput, type TagsOperation } from "../account/tickets";
import { zendeskTime } from "../clock";
import type { SimulatedZendesk } from "../zendesk";
import { baseUrl, idParam, isObject, json, JSON_TYPE, listParam, paginate, readJson, readRoot, type ApiEnv } from "./http";

/** How long Zendesk remembers an Idempotency-Key. */
const IDEMPOTENCY_TTL_MS = 2 * 60 * 60 * 1000;

/** The Tickets API: create (idempotent on request), read, update, comments, audits and tags. */
export function ticketRoutes(app: Hono<ApiEnv>, zendesk: SimulatedZendesk): void {
  const render = (c: Context, ticket: TicketRecord) => ticketJson(zendesk.store, ticket, baseUrl(c));

  app.post("/api/v2/tickets", async (c) => {
    const body = await readJson(c);
    const key = c.req.header("Idempotency-Key");
    const replay = key === undefined ? undefined : idempotentReplay(zendesk, key, body);
    if (replay) return replay;

    const root = isObject(body) ? body.ticket : undefined;
    if (!isObject(root)) throw parameterMissing("ticket");
    const input = parseRecord(TicketInput, root);
    const ticket = zendesk.createTicket(input, zendesk.context(c.get("user"), "api"), baseUrl(c));
    const audit = zendesk.store.auditsOf(ticket.id)[0];
    const location = `${baseUrl(c)}/api/v2/tickets/${ticket.id}.json`;
    const responseBody = JSON.stringify({ ticket: render(c, ticket), audit: audit ? auditJson(zendesk.store, audit) : null });
    const headers: Record<string, string> = { Location: location, "Content-Type": JSON_TYPE };
    if (key !== undefined) {
      headers["x-idempotency-lookup"] = "miss";
      zendesk.store.idempotency.set(key, {
        key,
        fingerprint: fingerprint(body),
        expires_at: zendeskTime(new Date(zendesk.settings.clock().getTime() + IDEMPOTENCY_TTL_MS)),
        status: 201,
        location,
        body: responseBody,
      });
    }
    return new Response(responseBody, { status: 201, headers });
  });

  app.get("/api/v2/tickets", (c) => {
    const externalId = c.req.query("external_id");
    const all = [...zendesk.store.tickets.values()];
    const matching = externalId === undefined ? all : all.filter((ticket) => ticket.external_id === externalId);
    const tickets = sorted(matching, c.req.query("sort_by"), c.req.query("sort_order"));
    const response = json(200, paginate(c.req.url, "tickets", tickets, (ticket) => render(c, ticket)));
    response.headers.set("zendesk-ratelimit-tickets-index", "total=100; remaining=99; resets=60");
    return response;
  });

  app.get("/api/v2/tickets/show_many", (c) => {
    const tickets = listParam(c, "ids")
      .slice(0, 100)
      .map((id) => zendesk.store.tickets.get(Number(id)))
      .filter((ticket) => ticket !== undefined);
    const page = { next_page: null, previous_page: null, count: tickets.length };
    return json(200, { tickets: tickets.map((ticket) => render(c, ticket)), ...page });
  });

  // The simulator has no messaging conversations, so no conversation has an active ticket.
  app.get("/api/v2/tickets/messaging/conversations/:conversationId/ticket", () => {
    throw recordNotFound();
  });

  app.get("/api/v2/tickets/:id", (c) => json(200, { ticket: render(c, ticketById(zendesk.store, idParam(c, "id"))) }));

  app.put("/api/v2/tickets/:id", async (c) => {
    const id = idParam(c, "id");
    ticketById(zendesk.store, id);
    const input = parseRecord(TicketInput, await readRoot(c, "ticket"));
    const { ticket, update } = zendesk.updateTicket(id, input, zendesk.context(c.get("user"), "api"), baseUrl(c));
    return json(200, { ticket: render(c, ticket), audit: auditJson(zendesk.store, update.audit) });
  });

  app.get("/api/v2/tickets/:id/comments", (c) => {
    const ticket = ticketById(zendesk.store, idParam(c, "id"));
    const oldestFirst = zendesk.store.commentsOf(ticket.id);
    const comments = c.req.query("sort_order") === "desc" ? [...oldestFirst].reverse() : oldestFirst;
    const body = paginate(c.req.url, "comments", comments, commentJson);
    // `include=users` sideloads the comments' authors.
    if ((c.req.query("include") ?? "").split(",").includes("users")) {
      const authors = [...new Set(comments.map((comment) => comment.author_id))];
      body.users = authors.flatMap((authorId) => {
        const user = zendesk.store.users.get(authorId);
        return user ? [userJson(user, baseUrl(c))] : [];
      });
    }
    return json(200, body);
  });

  app.get("/api/v2/tickets/:id/audits", (c) => {
    const ticket = ticketById(zendesk.store, idParam(c, "id"));
    const audits = zendesk.store.auditsOf(ticket.id);
    return json(200, paginate(c.req.url, "audits", audits, (audit) => auditJson(zendesk.store, audit)));
  });

  app.get("/api/v2/tickets/:id/tags", (c) => json(200, { tags: [...ticketById(zendesk.store, idParam(c, "id")).tags] }));
  app.post("/api/v2/tickets/:id/tags", (c) => tagsRoute(c, zendesk, "set"));
  app.put("/api/v2/tickets/:id/tags", (c) => tagsRoute(c, zendesk, "add"));
  app.delete("/api/v2/tickets/:id/tags", (c) => tagsRoute(c, zendesk, "remove"));
}

const TagsBody = z.looseObject({
  tags: TagsInput.optional(),
  updated_stamp: z.string().optional(),
  safe_update: LooseBoolean.optional(),
});

/** The Tags API: POST sets (201), PUT adds, DELETE removes; tags from the JSON body or `?tags=a,b`. */
async function tagsRoute(c: Context<ApiEnv>, zendesk: SimulatedZendesk, operation: TagsOperation): Promise<Response> {
  const id = idParam(c, "id");
  ticketById(zendesk.store, id);
  const body = parseRecord(TagsBody, (await readJson(c)) ?? {});
  const fromQuery = c.req.query("tags");
  const tags = body.tags ?? (fromQuery === undefined ? undefined : parseRecord(TagsBody, { tags: fromQuery }).tags);
  if (tags === undefined) throw parameterMissing("tags");
  const ticket = zendesk.changeTags(id, operation, tags, body, zendesk.context(c.get("user"), "api"), baseUrl(c));
  return json(operation === "set" ? 201 : 200, { tags: [...ticket.tags] });
}

/** The remembered response for a repeated Idempotency-Key, or the 400 when the request differs. */
function idempotentReplay(zendesk: SimulatedZendesk, key: string, body: unknown): Response | undefined {
  const now = zendesk.settings.clock().getTime();
  for (const [stored, entry] of zendesk.store.idempotency) {
    if (Date.parse(entry.expires_at) <= now) zendesk.store.idempotency.delete(stored);
  }
  const entry = zendesk.store.idempotency.get(key);
  if (!entry) return undefined;
  if (entry.fingerprint !== fingerprint(body)) {
    throw new ZendeskError(
      400,
      {
        error: "IdempotentRequestError",
        description: "Request parameters don't match the original request sent with this Idempotency-Key",
      },
      { "x-idempotency-lookup": "hit" },
    );
  }
  const headers: Record<string, string> = { "Content-Type": JSON_TYPE, "x-idempotency-lookup": "hit" };
  if (entry.location) headers.Location = entry.location;
  return new Response(entry.body, { status: entry.status, headers });
}

/** The same request, whatever the order of its keys or its whitespace. */
function fingerprint(value: unknown): string {
  const canonical = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(canonical);
    if (isObject(item)) return Object.fromEntries(Object.keys(item).sort().map((key) => [key, canonical(item[key])]));
    return item;
  };
  return JSON.stringify(canonical(value) ?? null);
}

const SORT_KEYS = ["id", "created_at", "updated_at", "status"] as const;

function sorted(tickets: TicketRecord[], sortBy: string | undefined, sortOrder: string | undefined): TicketRecord[] {
  const key = SORT_KEYS.find((candidate) => candidate === (sortBy ?? "id"));
  if (!key) throw badRequest("InvalidSortParameter", `sort_by must be one of ${SORT_KEYS.join(", ")}`);
  const direction = sortOrder === "desc" ? -1 : 1;
  return [...tickets].sort((a, b) => {
    const left = a[key];
    const right = b[key];
    return (left < right ? -1 : left > right ? 1 : a.id - b.id) * direction;
  });
}
