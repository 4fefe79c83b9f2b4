import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { UserRecord } from "../account/state";
import { isAgent } from "../account/users";
import { faultResponse, type Faults } from "../control/faults";
import type { SimulatedZendesk } from "../zendesk";
import { json, type ApiEnv } from "./http";
import type { Budget, RateLimiter } from "./rate-limit";

/** The simulator-only knobs that change how the API answers (see `/__sim/…`). */
export interface ApiControls {
  faults: Faults;
  limiter: RateLimiter;
  /** The Conversations API counts its requests apart from the Support API's. */
  conversationsLimiter: RateLimiter;
  latency: { ms: number };
}

/** Back to a well-behaved API: no faults, no latency, a fresh rate-limit window. */
export function resetControls(controls: ApiControls): void {
  controls.faults.clear();
  controls.latency.ms = 0;
  controls.limiter.reset();
  controls.conversationsLimiter.reset();
}

/**
 * In front of every `/api/v2` request, in Zendesk's order of things: injected latency and
 * faults, the per-minute rate limit, then authentication. Every answer carries the rate-limit
 * headers; a change that succeeded is saved to the data file.
 */
export function apiGuard(zendesk: SimulatedZendesk, controls: ApiControls): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (controls.latency.ms > 0) await new Promise((resolve) => setTimeout(resolve, controls.latency.ms));

    const fault = controls.faults.take(c.req.method, path);
    if (fault) return faultResponse(fault);
    const budget = controls.limiter.take();
    if (!budget.allowed) {
      return withRateLimitHeaders(
        json(429, { error: "APIRateLimitExceeded", description: "Number of allowed API requests per minute exceeded" }, {
          "Retry-After": String(budget.resetSeconds),
        }),
        budget,
        path,
      );
    }
    const caller = authenticate(zendesk, c.req.header("Authorization"));
    if (!caller) return withRateLimitHeaders(json(401, { error: "Couldn't authenticate you" }), budget, path);
    const { user, scopes } = caller;
    const isMe = c.req.method === "GET" && /^\/api\/v2\/users\/me(\.json)?$/.test(path);
    // An end user's token gets as far as "who am I"; everything else of the API is for agents.
    if (!isAgent(user) && !isMe) return withRateLimitHeaders(json(403, FORBIDDEN), budget, path);
    const missing = scopes && missingScope(scopes, c.req.method, path);
    if (missing) {
      return withRateLimitHeaders(
        json(403, { error: "Forbidden", description: `You are missing the following required scopes: ${missing}` }),
        budget,
        path,
      );
    }
    c.set("user", user);
    await next();
    c.res = withRateLimitHeaders(c.res, budget, path);
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.res.status < 400) zendesk.changed();
  };
}

function withRateLimitHeaders(response: Response, budget: Budget, path: string): Response {
  const headers = new Headers(response.headers);
  headers.set("X-Rate-Limit", String(budget.limit));
  headers.set("X-Rate-Limit-Remaining", String(budget.remaining));
  // The Tickets and Users APIs also answer with the IETF draft headers.
  if (/^\/api\/v2\/(tickets|users)(\/|\.json|$)/.test(path)) {
    headers.set("ratelimit-limit", String(budget.limit));
    headers.set("ratelimit-remaining", String(budget.remaining));
    headers.set("ratelimit-reset", String(budget.resetSeconds));
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const FORBIDDEN = {
  error: "Forbidden",
  description: "You do not have access to this page. Please contact the account owner of this help desk for further help.",
};

/**
 * The scope an OAuth token lacks for this request, if any: reads need `read` or `{resource}:read`,
 * writes `write` or `{resource}:write` (resource = the first path segment after /api/v2).
 */
function missingScope(scopes: readonly string[], method: string, path: string): string | null {
  const resource = /^\/api\/v2\/([a-z_]+)/.exec(path)?.[1]?.replace(/\.json$/, "") ?? "";
  const access = method === "GET" || method === "HEAD" ? "read" : "write";
  return scopes.includes(access) || scopes.includes(`${resource}:${access}`) ? null : access;
}

/**
 * API token authentication, `Authorization: Basic base64("{email}/token:{api_token}")`, or an OAuth
 * access token, `Authorization: Bearer {token}` (with its scopes). Passwords are not accepted.
 */
function authenticate(zendesk: SimulatedZendesk, header: string | undefined): { user: UserRecord; scopes: readonly string[] | null } | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (bearer?.[1]) {
    const grant = zendesk.settings.oauthTokens.find((candidate) => sameSecret(bearer[1] ?? "", candidate.token));
    const user = grant && zendesk.store.userByEmail(grant.email);
    return user && user.active ? { user, scopes: grant.scopes } : undefined;
  }
  const user = authenticateBasic(zendesk, header);
  return user ? { user, scopes: null } : undefined;
}

function authenticateBasic(zendesk: SimulatedZendesk, header: string | undefined): UserRecord | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const credentials = Buffer.from(match[1], "base64").toString("utf8");
  const separator = credentials.indexOf(":");
  if (separator < 0) return undefined;
  const login = credentials.slice(0, separator);
  const token = credentials.slice(separator + 1);
  if (!login.endsWith("/token") || !sameSecret(token, zendesk.settings.apiToken)) return undefined;
  const user = zendesk.store.userByEmail(login.slice(0, -"/token".length));
  return user && user.active ? user : undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
