import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Config } from "../config";
import { ApiError } from "./errors";
import { bearerToken } from "./session";

/**
 * Admits requests that send `Authorization: Bearer <PARLEY_ADMIN_TOKEN>`. Without a configured
 * token the admin API is off (503 saying how to turn it on): no default token to guess.
 */
export function requireAdminToken(config: Pick<Config, "adminToken">): MiddlewareHandler {
  return async (c, next) => {
    if (config.adminToken === null) {
      throw new ApiError(503, "admin_token_not_set", "The admin API is off: set PARLEY_ADMIN_TOKEN and restart the server to use it.");
    }
    const token = bearerToken(c);
    if (token === undefined) {
      throw new ApiError(401, "unauthorized", "Send the admin token as 'Authorization: Bearer <PARLEY_ADMIN_TOKEN>'.");
    }
    if (!sameSecret(token, config.adminToken)) throw new ApiError(401, "unauthorized", "The admin token is not valid.");
    await next();
  };
}

/** Constant-time comparison; hashing first makes both sides the same length. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
