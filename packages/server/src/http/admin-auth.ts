import { type Context, Hono, type MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import * as z from "zod";
import type { Config } from "../config";
import { hasAdminToken, isAdminToken } from "../security/admin-token";
import { verifyPassword } from "../security/password";
import type { RateLimiter } from "../security/rate-limit";
import { ADMIN_SESSION_SECONDS, adminSessionValid, createAdminSession, endAdminSession } from "../store/admin-sessions";
import type { Db } from "../store/db";
import { limitBody, readJson } from "./body";
import { ApiError } from "./errors";
import { clientAddress, takeSharedToken, takeToken } from "./rate-limit";
import type { SharedRateLimiter } from "../security/shared-rate-limit";
import { bearerToken } from "./session";

export const ADMIN_COOKIE = "parley_admin";

/** Requests the admin gate has let in (by token or by a signed-in console). */
const admitted = new WeakSet<Context>();

export interface AdminAuthDeps {
  config: Pick<Config, "adminToken" | "adminTokenHash" | "adminPasswordHash" | "publicUrl" | "security">;
  db: Db;
  limiter: RateLimiter;
  /** Login tries are counted in the database: more instances never mean more guesses. */
  sharedLimiter: SharedRateLimiter;
  clock: () => Date;
}

/**
 * The one gate in front of /admin/api/*: `Authorization: Bearer <PARLEY_ADMIN_TOKEN>`, or the
 * session cookie of a console signed in with PARLEY_ADMIN_PASSWORD_HASH's password. Rate limited
 * per address. A cookie-signed request that changes something must come from this server's own
 * pages (Origin checked, on top of SameSite=Strict), so another site cannot ride the cookie (CSRF).
 */
export function adminGate(deps: AdminAuthDeps): MiddlewareHandler {
  const { config, db, limiter, clock } = deps;
  return async (c, next) => {
    takeToken(limiter, "admin", clientAddress(c, config.security.trustProxy));
    if (c.req.path === "/admin/api/login" || c.req.path === "/admin/api/logout") return next();
    if (!hasAdminToken(config) && config.adminPasswordHash === null) {
      throw new ApiError(503, "admin_token_not_set", "The admin API is off: set PARLEY_ADMIN_TOKEN (or PARLEY_ADMIN_PASSWORD_HASH) and restart the server to use it.");
    }
    const token = bearerToken(c);
    if (token !== undefined) {
      if (!isAdminToken(config, token)) throw new ApiError(401, "unauthorized", "The admin token is not valid.");
    } else {
      const session = getCookie(c, ADMIN_COOKIE);
      if (session === undefined || !(await adminSessionValid(db, session, clock()))) {
        throw new ApiError(401, "unauthorized", "Send the admin token as 'Authorization: Bearer <PARLEY_ADMIN_TOKEN>', or sign in at POST /admin/api/login.");
      }
      if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method)) assertSameSite(c, config.publicUrl);
    }
    admitted.add(c);
    await next();
  };
}

/**
 * Admits requests the admin gate let in; on its own (a router used without the gate), requests that
 * send `Authorization: Bearer <PARLEY_ADMIN_TOKEN>`. Without a configured token the admin API is off.
 */
export function requireAdminToken(config: Pick<Config, "adminToken"> & Partial<Pick<Config, "adminTokenHash">>): MiddlewareHandler {
  return async (c, next) => {
    if (admitted.has(c)) return next();
    if (!hasAdminToken(config)) {
      throw new ApiError(503, "admin_token_not_set", "The admin API is off: set PARLEY_ADMIN_TOKEN and restart the server to use it.");
    }
    const token = bearerToken(c);
    if (token === undefined) {
      throw new ApiError(401, "unauthorized", "Send the admin token as 'Authorization: Bearer <PARLEY_ADMIN_TOKEN>'.");
    }
    if (!isAdminToken(config, token)) throw new ApiError(401, "unauthorized", "The admin token is not valid.");
    await next();
  };
}

/** A password sign-in is tiny; a bigger body is someone probing. */
const LOGIN_REQUEST_BYTES = 4 * 1024;

const LoginInput = z.strictObject({ password: z.string().min(1).max(1024) });

/** POST /admin/api/login and /admin/api/logout: the console's password sign-in, with its own rate limit. */
export function adminLogin(deps: AdminAuthDeps): Hono {
  const { config, db, clock } = deps;
  const routes = new Hono();
  // Only these two routes: a "*" here would cap every /admin/api body (articles, workflows) at 4 KB.
  routes.use("/login", limitBody(LOGIN_REQUEST_BYTES));
  routes.use("/logout", limitBody(LOGIN_REQUEST_BYTES));

  routes.post("/login", async (c) => {
    await takeSharedToken(deps.sharedLimiter, "adminLogin", clientAddress(c, config.security.trustProxy));
    assertSameSite(c, config.publicUrl);
    if (config.adminPasswordHash === null) {
      throw new ApiError(404, "admin_login_not_set", "Password sign-in is off: set PARLEY_ADMIN_PASSWORD_HASH (make one with: npx parley password).");
    }
    const { password } = await readJson(c, LoginInput);
    if (!(await verifyPassword(password, config.adminPasswordHash))) throw new ApiError(401, "unauthorized", "The password is not right.");
    const session = await createAdminSession(db, clock());
    setCookie(c, ADMIN_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "Strict",
      secure: isHttps(c, config.publicUrl),
      path: "/admin",
      maxAge: ADMIN_SESSION_SECONDS,
    });
    return c.json({ signed_in: true, expires_at: session.expiresAt.toISOString() });
  });

  routes.post("/logout", async (c) => {
    assertSameSite(c, config.publicUrl);
    const session = getCookie(c, ADMIN_COOKIE);
    if (session !== undefined) await endAdminSession(db, session);
    deleteCookie(c, ADMIN_COOKIE, { path: "/admin", httpOnly: true, sameSite: "Strict", secure: isHttps(c, config.publicUrl) });
    return c.json({ signed_in: false });
  });

  return routes;
}

/** Refuses a browser request sent by another site's page: its Origin (or Sec-Fetch-Site) gives it away. */
function assertSameSite(c: Context, publicUrl: string | null): void {
  const origin = c.req.header("origin");
  const ours = publicUrl ?? new URL(c.req.url).origin;
  const crossSite = c.req.header("sec-fetch-site") === "cross-site";
  if (crossSite || (origin !== undefined && origin !== ours && origin !== new URL(c.req.url).origin)) {
    throw new ApiError(403, "forbidden", "Admin changes are accepted only from this server's own pages.");
  }
}

function isHttps(c: Context, publicUrl: string | null): boolean {
  return (publicUrl ?? c.req.url).startsWith("https:");
}
