import * as z from "zod";
import { type ZendeskAuth, authProblem } from "./auth";
import { ZendeskApiError, ZendeskInputError } from "./errors";
import { createTransport, type ZendeskRequest, type ZendeskResponse } from "./http";
import {
  HelpCenterArticle,
  HelpCenterLocales,
  TagName,
  TicketCreate,
  TicketUpdate,
  TriggerInput,
  WebhookInput,
  ZendeskAudit,
  ZendeskComment,
  ZendeskTicket,
  ZendeskTrigger,
  ZendeskUser,
  ZendeskUserInput,
  ZendeskWebhook,
} from "./schemas";

export interface ZendeskClientOptions {
  /** "https://acme.zendesk.com" or "http://127.0.0.1:8788" (without /api/v2). */
  baseUrl: string;
  auth: ZendeskAuth;
  fetch?: typeof fetch;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** How the client waits between attempts; injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Per attempt, default 15 000. */
  timeoutMs?: number;
}

/** Where ticket creation found its Idempotency-Key: "miss" (created now), "hit" (a replay of an earlier create). */
export type IdempotencyLookup = "miss" | "hit" | null;

/**
 * Safe update for the Tags API: with `updatedStamp` (the ticket's `updated_at` as last read)
 * Zendesk answers 409 if the ticket changed since.
 */
export interface TagChangeOptions {
  updatedStamp?: string;
}

/** The parts of the Zendesk Support API Parley uses. Every failure is a ZendeskApiError (or ZendeskInputError before sending). */
export interface ZendeskClient {
  users: {
    /** Creates the user, or updates the one Zendesk finds by external_id or email; `created` is true on 201. */
    createOrUpdate(user: ZendeskUserInput): Promise<{ user: ZendeskUser; created: boolean }>;
    /** The user the credentials act as. */
    me(): Promise<ZendeskUser>;
    show(id: number): Promise<ZendeskUser>;
    /** Exact external id match (Zendesk matches case-insensitively); all pages. */
    searchByExternalId(externalId: string): Promise<ZendeskUser[]>;
  };
  tickets: {
    /** With an idempotencyKey Zendesk creates the ticket at most once per key (~2 h), and the request is retried. */
    create(ticket: TicketCreate, options?: { idempotencyKey?: string }): Promise<{ ticket: ZendeskTicket; idempotencyLookup: IdempotencyLookup }>;
    show(id: number): Promise<ZendeskTicket>;
    update(id: number, ticket: TicketUpdate): Promise<{ ticket: ZendeskTicket }>;
    /** External ids are not unique: there may be several. All pages. */
    findByExternalId(externalId: string): Promise<ZendeskTicket[]>;
    /** Every audit (change) of the ticket, following every page. */
    listAudits(id: number): Promise<ZendeskAudit[]>;
    /** Every comment of the ticket, oldest first, following every page. */
    listComments(id: number): Promise<ZendeskComment[]>;
  };
  /** Tags API: add (PUT) and remove (DELETE) leave other tags alone; set (POST) replaces them all. Each answers the ticket's tags. */
  tags: {
    list(ticketId: number): Promise<string[]>;
    add(ticketId: number, tags: string[], options?: TagChangeOptions): Promise<string[]>;
    set(ticketId: number, tags: string[], options?: TagChangeOptions): Promise<string[]>;
    remove(ticketId: number, tags: string[], options?: TagChangeOptions): Promise<string[]>;
  };
  webhooks: {
    list(): Promise<ZendeskWebhook[]>;
    create(webhook: WebhookInput): Promise<ZendeskWebhook>;
    /** The secret Zendesk signs this webhook's requests with. */
    signingSecret(webhookId: string): Promise<string>;
  };
  triggers: {
    list(): Promise<ZendeskTrigger[]>;
    create(trigger: TriggerInput): Promise<ZendeskTrigger>;
  };
  /** The Help Center API (Zendesk Guide), read only. */
  helpCenter: {
    /** The help center's enabled locales and its default one. */
    locales(): Promise<HelpCenterLocales>;
    /** Every article that has a translation in `locale`, as that translation (drafts too, for agents); all pages. */
    listArticles(locale: string): Promise<HelpCenterArticle[]>;
  };
}

const DEFAULTS = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 60_000, timeoutMs: 15_000 };
/** A list longer than this many pages means the server keeps sending us round in circles. */
const MAX_PAGES = 1000;

const UserEnvelope = z.looseObject({ user: ZendeskUser });
const TicketEnvelope = z.looseObject({ ticket: ZendeskTicket });
const TagsEnvelope = z.looseObject({ tags: z.array(z.string()) });
const WebhookEnvelope = z.looseObject({ webhook: ZendeskWebhook });
const SigningSecretEnvelope = z.looseObject({ signing_secret: z.looseObject({ secret: z.string().min(1) }) });
const TriggerEnvelope = z.looseObject({ trigger: ZendeskTrigger });
/** Offset pages carry `next_page`; cursor pages carry `meta.has_more` and `links.next`. */
const PageLinks = z.looseObject({
  next_page: z.string().nullish(),
  meta: z.looseObject({ has_more: z.boolean().optional() }).nullish(),
  links: z.looseObject({ next: z.string().nullish() }).nullish(),
});

/**
 * A Zendesk Support API client on fetch. It knows only the base URL it is given, so Zendesk and
 * the simulator are interchangeable. Responses are checked with zod; unknown fields are kept.
 */
export function createZendeskClient(options: ZendeskClientOptions): ZendeskClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const problem = authProblem(options.auth);
  if (problem) throw new ZendeskInputError(problem);
  const settings = {
    maxAttempts: options.retry?.maxAttempts ?? DEFAULTS.maxAttempts,
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: options.retry?.maxDelayMs ?? DEFAULTS.maxDelayMs,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
  };
  if (!Number.isInteger(settings.maxAttempts) || settings.maxAttempts < 1) {
    throw new ZendeskInputError(`retry.maxAttempts must be a whole number ≥ 1, not ${settings.maxAttempts}`);
  }
  for (const name of ["baseDelayMs", "maxDelayMs"] as const) {
    if (!(settings[name] >= 0)) throw new ZendeskInputError(`retry.${name} must be ≥ 0, not ${settings[name]}`);
  }
  if (!(settings.timeoutMs > 0)) throw new ZendeskInputError(`timeoutMs must be > 0, not ${settings.timeoutMs}`);

  const send = createTransport({
    baseUrl,
    auth: options.auth,
    ...(options.fetch && { fetch: options.fetch }),
    ...settings,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  });

  /** Sends a request and reads its answer as `schema`. */
  async function call<T>(request: ZendeskRequest, schema: z.ZodType<T>): Promise<{ data: T; response: ZendeskResponse }> {
    const response = await send(request);
    return { data: expectShape(request, response, schema), response };
  }

  /** Every item of a paginated list, following `next_page` (offset) or `links.next` (cursor). */
  async function collect<T>(firstPath: string, key: string, item: z.ZodType<T>): Promise<T[]> {
    const Page = z.looseObject({ [key]: z.array(item) });
    const items: T[] = [];
    const visited = new Set<string>();
    for (let path: string | null = firstPath; path !== null; ) {
      if (visited.has(path) || visited.size >= MAX_PAGES) {
        const where = { method: "GET", path: firstPath.split("?")[0] ?? firstPath };
        throw new ZendeskApiError({ ...where, status: 200, description: `pagination does not end (at ${path})` });
      }
      visited.add(path);
      const request: ZendeskRequest = { method: "GET", path, repeatable: true };
      const response = await send(request);
      items.push(...(expectShape(request, response, Page)[key] ?? []));
      path = nextPagePath(request, expectShape(request, response, PageLinks));
    }
    return items;
  }

  async function changeTags(
    method: "PUT" | "POST" | "DELETE",
    ticketId: number,
    tags: string[],
    options: TagChangeOptions | undefined,
  ): Promise<string[]> {
    const body = {
      tags: checkInput(z.array(TagName), tags, "tags"),
      ...(options?.updatedStamp !== undefined && {
        updated_stamp: checkText(options.updatedStamp, "updatedStamp"),
        // The string form is what Zendesk documents for the Tags API.
        safe_update: "true",
      }),
    };
    // Adding, removing and setting a given list are each safe to repeat.
    const { data } = await call({ method, path: `${ticketPath(ticketId)}/tags.json`, body, repeatable: true }, TagsEnvelope.nullable());
    // Some Zendesk versions answer a removal with 204 and no list: read it.
    return data ? data.tags : tagsApi.list(ticketId);
  }

  const tagsApi: ZendeskClient["tags"] = {
    async list(ticketId) {
      const { data } = await call({ method: "GET", path: `${ticketPath(ticketId)}/tags.json`, repeatable: true }, TagsEnvelope);
      return data.tags;
    },
    add: (ticketId, tags, options) => changeTags("PUT", ticketId, tags, options),
    set: (ticketId, tags, options) => changeTags("POST", ticketId, tags, options),
    remove: (ticketId, tags, options) => changeTags("DELETE", ticketId, tags, options),
  };

  return {
    users: {
      async createOrUpdate(user) {
        const body = { user: checkInput(ZendeskUserInput, user, "user") };
        // Matched by external_id or email, so a repeat updates rather than duplicates.
        const { data, response } = await call({ method: "POST", path: "/api/v2/users/create_or_update.json", body, repeatable: true }, UserEnvelope);
        return { user: data.user, created: response.status === 201 };
      },
      async me() {
        const request: ZendeskRequest = { method: "GET", path: "/api/v2/users/me.json", repeatable: true };
        const response = await send(request);
        // Without accepted credentials Zendesk may answer 200 with an anonymous user (id null).
        const anonymous = z.looseObject({ user: z.looseObject({ id: z.null() }) }).safeParse(response.body).success;
        if (anonymous) {
          const description = "Zendesk answered as an anonymous user: the credentials were not accepted";
          throw new ZendeskApiError({ method: request.method, path: request.path, status: response.status, description });
        }
        return expectShape(request, response, UserEnvelope).user;
      },
      async show(id) {
        const { data } = await call({ method: "GET", path: `/api/v2/users/${checkId(id, "user id")}.json`, repeatable: true }, UserEnvelope);
        return data.user;
      },
      searchByExternalId(externalId) {
        const query = new URLSearchParams({ external_id: checkText(externalId, "externalId") });
        return collect(`/api/v2/users/search.json?${query}`, "users", ZendeskUser);
      },
    },
    tickets: {
      async create(ticket, options) {
        const body = { ticket: checkInput(TicketCreate, ticket, "ticket") };
        const key = options?.idempotencyKey;
        if (key !== undefined) checkIdempotencyKey(key);
        const { data, response } = await call(
          {
            method: "POST",
            path: "/api/v2/tickets.json",
            body,
            ...(key !== undefined && { headers: { "Idempotency-Key": key } }),
            // Without a key a repeat could create a second ticket.
            repeatable: key !== undefined,
          },
          TicketEnvelope,
        );
        const lookup = response.headers.get("x-idempotency-lookup")?.trim().toLowerCase();
        return { ticket: data.ticket, idempotencyLookup: lookup === "miss" || lookup === "hit" ? lookup : null };
      },
      async show(id) {
        const { data } = await call({ method: "GET", path: `${ticketPath(id)}.json`, repeatable: true }, TicketEnvelope);
        return data.ticket;
      },
      async update(id, ticket) {
        const body = { ticket: checkInput(TicketUpdate, ticket, "ticket update") };
        // A comment has no idempotency key: only the outbox repeats such an update, after looking for it (audits).
        const { data } = await call({ method: "PUT", path: `${ticketPath(id)}.json`, body, repeatable: !ticket.comment }, TicketEnvelope);
        return { ticket: data.ticket };
      },
      findByExternalId(externalId) {
        const query = new URLSearchParams({ external_id: checkText(externalId, "externalId") });
        return collect(`/api/v2/tickets.json?${query}`, "tickets", ZendeskTicket);
      },
      listAudits(id) {
        return collect(`${ticketPath(id)}/audits.json`, "audits", ZendeskAudit);
      },
      listComments(id) {
        return collect(`${ticketPath(id)}/comments.json?sort_order=asc`, "comments", ZendeskComment);
      },
    },
    tags: tagsApi,
    webhooks: {
      list() {
        return collect("/api/v2/webhooks.json", "webhooks", ZendeskWebhook);
      },
      async create(webhook) {
        const body = { webhook: checkInput(WebhookInput, webhook, "webhook") };
        const { data } = await call({ method: "POST", path: "/api/v2/webhooks.json", body, repeatable: false }, WebhookEnvelope);
        return data.webhook;
      },
      async signingSecret(webhookId) {
        const path = `/api/v2/webhooks/${checkWebhookId(webhookId)}/signing_secret.json`;
        const { data } = await call({ method: "GET", path, repeatable: true }, SigningSecretEnvelope);
        return data.signing_secret.secret;
      },
    },
    triggers: {
      list() {
        return collect("/api/v2/triggers.json", "triggers", ZendeskTrigger);
      },
      async create(trigger) {
        const body = { trigger: checkInput(TriggerInput, trigger, "trigger") };
        const { data } = await call({ method: "POST", path: "/api/v2/triggers.json", body, repeatable: false }, TriggerEnvelope);
        return data.trigger;
      },
    },
    helpCenter: {
      async locales() {
        // Help Center API paths are answered only with `.json`.
        const { data } = await call({ method: "GET", path: "/api/v2/help_center/locales.json", repeatable: true }, HelpCenterLocales);
        return data;
      },
      async listArticles(locale) {
        // Cursor pages of the largest size: fewer requests against the account's rate limit.
        return collect(`/api/v2/help_center/${checkLocale(locale)}/articles.json?page%5Bsize%5D=100`, "articles", HelpCenterArticle);
      },
    },
  };
}

/** The answer as `schema`, or a non-retryable ZendeskApiError naming what did not fit. */
function expectShape<T>(request: ZendeskRequest, response: ZendeskResponse, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(response.body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
    .join("; ");
  return failUnexpected(request, response.status, `unexpected answer: ${issues}`);
}

function failUnexpected(request: ZendeskRequest, status: number, description: string): never {
  throw new ZendeskApiError({ method: request.method, path: request.path.split("?")[0] ?? request.path, status, description });
}

/**
 * The next page as a path under our base URL. Only the part from /api/v2/ on is kept, so the
 * credentials never follow a link to another host, and a simulator that names itself by another
 * host name still works.
 */
function nextPagePath(request: ZendeskRequest, links: z.infer<typeof PageLinks>): string | null {
  const next = links.meta?.has_more !== undefined ? (links.meta.has_more ? links.links?.next : null) : links.next_page;
  if (!next) return null;
  let url: URL;
  try {
    url = new URL(next, "http://next-page.invalid");
  } catch {
    return failUnexpected(request, 200, `next page link is not a URL: ${next}`);
  }
  const at = url.pathname.indexOf("/api/v2/");
  if (at === -1) return failUnexpected(request, 200, `next page link is outside /api/v2/: ${next}`);
  return `${url.pathname.slice(at)}${url.search}`;
}

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ZendeskInputError(`Zendesk baseUrl is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ZendeskInputError(`Zendesk baseUrl must be http(s), not ${url.protocol}`);
  if (url.username || url.password) throw new ZendeskInputError("Zendesk baseUrl must not carry credentials: use auth");
  if (url.search || url.hash) throw new ZendeskInputError("Zendesk baseUrl must not have a query or fragment");
  // Tolerate a pasted ".../api/v2": every path below starts with it.
  return `${url.origin}${url.pathname.replace(/\/+$/, "").replace(/\/api\/v2$/, "")}`;
}

function checkInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ZendeskInputError(`invalid ${what}: ${z.prettifyError(parsed.error).replace(/\n/g, " ")}`);
}

function checkId(id: number, what: string): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new ZendeskInputError(`${what} must be a positive integer, not ${String(id)}`);
  return id;
}

function ticketPath(id: number): string {
  return `/api/v2/tickets/${checkId(id, "ticket id")}`;
}

function checkText(value: string, what: string): string {
  if (typeof value !== "string" || value === "") throw new ZendeskInputError(`${what} must be a non-empty string`);
  return value;
}

/** A Guide locale as it goes in a path: "en-us", "fr", "pt-br". */
function checkLocale(locale: string): string {
  if (typeof locale !== "string" || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) {
    throw new ZendeskInputError(`not a help-center locale: ${JSON.stringify(locale)}`);
  }
  return locale.toLowerCase();
}

function checkWebhookId(id: string): string {
  if (typeof id !== "string" || !/^[A-Za-z0-9_-]+$/.test(id)) throw new ZendeskInputError(`not a webhook id: ${JSON.stringify(id)}`);
  return id;
}

/** Zendesk keeps keys ~2 h, up to 255 characters; a header cannot carry line breaks. */
function checkIdempotencyKey(key: string): void {
  if (typeof key !== "string" || key === "" || key.length > 255 || /[\r\n]/.test(key)) {
    throw new ZendeskInputError("idempotencyKey must be 1–255 characters on one line");
  }
}
