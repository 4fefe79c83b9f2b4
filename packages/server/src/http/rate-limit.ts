import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { RateLimiter, RateRuleName } from "../security/rate-limit";
import type { SharedRateLimiter, SharedRuleName } from "../security/shared-rate-limit";
import { ApiError } from "./errors";

/**
 * The client's network address: the socket's, or behind a trusted reverse proxy the last
 * X-Forwarded-For hop (the one the proxy added; earlier hops are whatever the client claimed).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = c.req.header("x-forwarded-for")?.split(",").map((hop) => hop.trim()).filter(Boolean);
    const last = hops?.at(-1);
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Requests made in-process (tests, app.request) have no socket.
    return "unknown";
  }
}

/** Takes a token from a bucket, or refuses with 429 and Retry-After. */
export function takeToken(limiter: RateLimiter, rule: RateRuleName, key: string): void {
  refuseFor(limiter.take(rule, key));
}

/** Takes a token from a bucket every instance shares, or refuses with 429 and Retry-After. */
export async function takeSharedToken(limiter: SharedRateLimiter, rule: SharedRuleName, key: string): Promise<void> {
  refuseFor(await limiter.take(rule, key));
}

function refuseFor(wait: number | null): void {
  if (wait === null) return;
  throw new ApiError(429, "rate_limited", `Too many requests: try again in ${wait} s.`, undefined, { "Retry-After": String(wait) });
}
