import type { Context, MiddlewareHandler } from "hono";
import type { IdentityEnforcement } from "../identity/enforcement";
import { type Contact, getContact, isAnonymous } from "../store/contacts";
import type { Db } from "../store/db";
import { findSessionContact } from "../store/sessions";
import type { RateLimiter } from "../security/rate-limit";
import { ApiError } from "./errors";
import { takeToken } from "./rate-limit";

export type WidgetEnv = { Variables: { contact: Contact } };

/**
 * Requires a live session token for the app in the path: a Bearer header, or `?token=` where
 * `inQuery` allows it (the stream: EventSource cannot send headers). Elsewhere a token in the
 * address is not taken: URLs end up in logs and Referer headers.
 */
export function requireSession(
  db: Db,
  clock: () => Date,
  limiter: RateLimiter,
  enforcement: IdentityEnforcement,
  { inQuery = false }: { inQuery?: boolean } = {},
): MiddlewareHandler<WidgetEnv> {
  return async (c, next) => {
    const token = bearerToken(c) ?? (inQuery ? c.req.query("token") : undefined);
    if (!token) throw new ApiError(401, "unauthorized", "Send the session token from the ping as 'Authorization: Bearer <token>'.");
    const contactId = await findSessionContact(db, token, c.req.param("appId") ?? "", clock());
    const contact = contactId ? await getContact(db, contactId) : undefined;
    if (!contact) throw new ApiError(401, "unauthorized", "The session has expired or is not valid: ping again for a new one.");
    takeToken(limiter, "contact", contact.id);
    // A session from before enforcement was switched on: an unproven identity is refused from now on.
    if (contact.verified === 0 && !isAnonymous(contact) && (await enforcement.enforced())) {
      throw new ApiError(401, "identity_verification_required", "Identity verification is on: ping again with user_hash (or intercom_user_jwt).");
    }
    c.set("contact", contact);
    await next();
  };
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
