import * as z from "zod";
import { type ZendeskAuth, authorizationHeader } from "./auth";
import { ZendeskApiError } from "./errors";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface ZendeskRequest {
  method: HttpMethod;
  /** Path under the base URL, with its query string: "/api/v2/tickets.json?external_id=…". */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Whether sending the request twice cannot do anything twice. Only such requests are retried:
   * a POST that timed out may have created its ticket anyway.
   */
  repeatable: boolean;
}

export interface ZendeskResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; null for an empty body. */
  body: unknown;
}

/** Credentials that make their own header (the Conversations API's signed JWT, for one). */
export interface HeaderAuth {
  kind: "header";
  header: () => Promise<string>;
}

export interface TransportOptions {
  baseUrl: string;
  auth: ZendeskAuth | HeaderAuth;
  fetch?: typeof fetch;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  timeoutMs: number;
}

export type Transport = (request: ZendeskRequest) => Promise<ZendeskResponse>;

/**
 * Sends requests to Zendesk and owns the one retry policy: 429 and 503 wait for `Retry-After`
 * (capped by maxDelayMs), other 5xx, network failures and timeouts back off exponentially with
 * jitter, other 4xx fail at once. Only repeatable requests are retried, except after a 429: a
 * rate-limited request was refused before Zendesk handled it, so sending it again cannot double
 * it. The last failure is thrown as a ZendeskApiError.
 */
export function createTransport(options: TransportOptions): Transport {
  // One transport per account: when Zendesk says the minute's budget is spent, every call waits for the reset.
  let pausedUntil = 0;
  return async (request) => {
    for (let attempt = 1; ; attempt++) {
      const wait = pausedUntil - Date.now();
      if (wait > 0) await options.sleep(Math.min(wait, options.maxDelayMs));
      const outcome = await attemptOnce(options, request);
      if (!(outcome instanceof ZendeskApiError)) {
        const resetMs = budgetSpentFor(outcome.headers);
        if (resetMs !== null) pausedUntil = Date.now() + resetMs;
        return outcome;
      }
      const repeatable = request.repeatable || outcome.status === 429;
      if (!repeatable || !outcome.retryable || attempt >= options.maxAttempts) throw outcome;
      await options.sleep(retryDelayMs(outcome, attempt, options));
    }
  };
}

async function attemptOnce(options: TransportOptions, request: ZendeskRequest): Promise<ZendeskResponse | ZendeskApiError> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    Authorization: options.auth.kind === "header" ? await options.auth.header() : authorizationHeader(options.auth),
    ...request.headers,
  };
  const init: RequestInit = { method: request.method, headers, signal: AbortSignal.timeout(options.timeoutMs) };
  if (request.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(request.body);
  }
  const where = { method: request.method, path: request.path.split("?")[0] ?? request.path };
  const send = options.fetch ?? globalThis.fetch;
  let response: Response;
  let text: string;
  try {
    // The timeout covers the body too: a stalled body is as dead as a stalled connection.
    response = await send(`${options.baseUrl}${request.path}`, init);
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return new ZendeskApiError({
      ...where,
      status: 0,
      description: timedOut ? `no answer within ${options.timeoutMs} ms` : `request failed: ${messageOf(error)}`,
      cause: error,
    });
  }
  if (response.ok) {
    const body = parseSuccessBody(text);
    if (body === undefined) {
      return new ZendeskApiError({
        ...where,
        status: response.status,
        description: `the ${response.status} answer is not JSON: ${excerpt(text)}`,
      });
    }
    return { status: response.status, headers: response.headers, body };
  }
  return errorFromResponse(where, response, text);
}

function parseSuccessBody(text: string): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// The envelopes Zendesk uses for errors; API-level errors may instead be plain text.
/** {"error":"RecordInvalid","description":"…","details":{…}} and {"error":"Couldn't authenticate you"} */
const NamedError = z.looseObject({
  error: z.string(),
  description: z.string().nullish(),
  details: z.record(z.string(), z.unknown()).nullish(),
});
/** {"error":{"title":"Forbidden","message":"You do not have access to this page…"}} */
const TitledError = z.looseObject({ error: z.looseObject({ title: z.string().nullish(), message: z.string().nullish() }) });
/** {"errors":[{"code":"InvalidPaginationParameter","title":"page[after] is not valid"}]} */
const ErrorList = z.looseObject({ errors: z.array(z.looseObject({ code: z.string().nullish(), title: z.string().nullish() })).min(1) });
/** {"description":"…"} */
const DescribedError = z.looseObject({ description: z.string() });

function errorFromResponse(where: { method: string; path: string }, response: Response, text: string): ZendeskApiError {
  const base = { ...where, status: response.status, retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return new ZendeskApiError({ ...base, description: text.trim() === "" ? response.statusText || null : excerpt(text) });
  }
  const named = NamedError.safeParse(json);
  if (named.success) {
    const { error, description, details } = named.data;
    return new ZendeskApiError({ ...base, code: error, description: description ?? null, details: details ?? null });
  }
  const titled = TitledError.safeParse(json);
  if (titled.success) {
    return new ZendeskApiError({ ...base, code: titled.data.error.title ?? null, description: titled.data.error.message ?? null });
  }
  const list = ErrorList.safeParse(json);
  if (list.success) {
    const [first, ...more] = list.data.errors;
    return new ZendeskApiError({
      ...base,
      code: first?.code ?? null,
      description: first?.title ?? null,
      details: more.length > 0 ? { errors: list.data.errors } : null,
    });
  }
  const described = DescribedError.safeParse(json);
  return new ZendeskApiError({ ...base, description: described.success ? described.data.description : excerpt(text) });
}

/**
 * How long until the rate limit resets when an answer says no request is left this minute
 * (`X-Rate-Limit-Remaining` / `ratelimit-remaining` at 0; `ratelimit-reset` seconds, else a minute);
 * null while requests remain.
 */
export function budgetSpentFor(headers: Headers): number | null {
  const remaining = headers.get("ratelimit-remaining") ?? headers.get("x-rate-limit-remaining");
  if (remaining === null || Number(remaining) > 0 || !/^\d+$/.test(remaining.trim())) return null;
  const reset = Number(headers.get("ratelimit-reset"));
  return (Number.isFinite(reset) && reset > 0 ? reset : 60) * 1000;
}

/**
 * `Retry-After` as seconds: a number of seconds, or an HTTP date (turned into seconds from now).
 * Anything else is null, so the caller falls back to backoff.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  // Only HTTP dates ("Wed, 21 Oct 2015 07:28:00 GMT"): Date.parse alone would read "7 s" as a year.
  if (/GMT$/i.test(trimmed)) {
    const at = Date.parse(trimmed);
    if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  return null;
}

/** How long to wait before attempt `attempt + 1`. */
export function retryDelayMs(
  error: ZendeskApiError,
  attempt: number,
  options: Pick<TransportOptions, "baseDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  if ((error.status === 429 || error.status === 503) && error.retryAfterSeconds !== null) {
    return Math.min(error.retryAfterSeconds * 1000, options.maxDelayMs);
  }
  // "Equal jitter": at least half the exponential step, so retries never pile up at zero.
  const step = Math.min(options.baseDelayMs * 2 ** (attempt - 1), options.maxDelayMs);
  return Math.round(step / 2 + random() * (step / 2));
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

function excerpt(text: string): string {
  const flat = text.trim().replace(/\s+/g, " ");
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
