import { createHmac, timingSafeEqual } from "node:crypto";
import type { PingUser } from "@parley/protocol";
import { verifyUserJwt } from "./jwt";

/** The user_hash a site owner's backend computes: hex(HMAC-SHA256(secret, user_id ?? email)). */
export function userHash(secret: string, identifier: string): string {
  return createHmac("sha256", secret).update(identifier, "utf8").digest("hex");
}

/**
 * The user_hash for a user, as the site owner's backend computes it: over `userId` when there is
 * one (it wins over the email), else over `email`.
 */
export function createUserHash(secret: string, user: { userId?: string | number | null; email?: string | null }): string {
  const identifier = user.userId !== undefined && user.userId !== null ? String(user.userId) : user.email;
  if (identifier === undefined || identifier === null || identifier === "") {
    throw new TypeError("createUserHash needs a userId or an email.");
  }
  return userHash(secret, identifier);
}

export type IdentityRejection = "identity_verification_failed" | "identity_verification_required";

export type IdentityCheck =
  /**
   * `user` is who the ping speaks for: with a JWT, its signed claims over the unsigned ones; the
   * session it opens ends by `expiresAt` (the JWT's exp).
   */
  | { status: "verified"; user: PingUser; method: "user_hash" }
  | { status: "verified"; user: PingUser; method: "jwt"; expiresAt: Date }
  | { status: "unverified" | "anonymous"; user: PingUser }
  | { status: "rejected"; code: IdentityRejection; message: string };

export interface IdentityRules {
  /** The identity secrets accepted now: the current one first, then one being retired. */
  secrets: readonly string[];
  enforce: boolean;
  now: Date;
}

/**
 * Decides whether a ping may speak for the user it names. A wrong hash or JWT is always rejected;
 * a missing one only when enforcement is on. Visitors who name nobody are anonymous and allowed.
 */
export async function checkIdentity(user: PingUser, rules: IdentityRules): Promise<IdentityCheck> {
  if (user.intercom_user_jwt !== undefined) {
    const verified = await verifyUserJwt(user.intercom_user_jwt, rules.secrets, rules.now);
    if (!verified.ok) return { status: "rejected", code: "identity_verification_failed", message: verified.reason };
    const { intercom_user_jwt: _token, user_hash: _hash, ...unsigned } = user;
    const attributes = { ...unsigned.attributes, ...verified.claims.attributes };
    const signed: PingUser = { ...unsigned, ...verified.claims.user, ...(Object.keys(attributes).length > 0 && { attributes }) };
    return { status: "verified", user: signed, method: "jwt", expiresAt: verified.expiresAt };
  }
  const identifier = user.user_id ?? user.email;
  if (identifier === undefined) {
    if (user.user_hash !== undefined) {
      return { status: "rejected", code: "identity_verification_failed", message: "user_hash was sent without a user_id or email to verify." };
    }
    return { status: "anonymous", user };
  }
  if (user.user_hash === undefined) {
    if (rules.enforce) {
      return {
        status: "rejected",
        code: "identity_verification_required",
        message: "Identity verification is on: send user_hash (or intercom_user_jwt) with user_id or email.",
      };
    }
    return { status: "unverified", user };
  }
  const given = user.user_hash;
  if (!rules.secrets.some((secret) => sameHex(given, userHash(secret, identifier)))) {
    return {
      status: "rejected",
      code: "identity_verification_failed",
      message: `user_hash does not match ${user.user_id !== undefined ? "user_id" : "email"}.`,
    };
  }
  return { status: "verified", user, method: "user_hash" };
}

/** Constant-time comparison of hex strings, case-insensitive. */
function sameHex(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase(), "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
