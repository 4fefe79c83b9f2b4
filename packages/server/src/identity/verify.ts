import { createHmac, timingSafeEqual } from "node:crypto";
import type { PingUser } from "@parley/protocol";

/** The user_hash a site owner's backend computes: hex(HMAC-SHA256(secret, user_id ?? email)). */
export function userHash(secret: string, identifier: string): string {
  return createHmac("sha256", secret).update(identifier, "utf8").digest("hex");
}

export type IdentityCheck =
  | { status: "verified" | "unverified" | "anonymous" }
  | { status: "rejected"; code: "identity_verification_failed" | "identity_verification_required"; message: string };

/**
 * Decides whether a ping may speak for the user it names. A wrong hash is always rejected; a
 * missing one only when enforcement is on. Visitors who name nobody are anonymous and allowed.
 */
export function checkIdentity(user: PingUser, secret: string, enforce: boolean): IdentityCheck {
  const identifier = user.user_id ?? user.email;
  if (identifier === undefined) {
    if (user.user_hash !== undefined) {
      return { status: "rejected", code: "identity_verification_failed", message: "user_hash was sent without a user_id or email to verify." };
    }
    return { status: "anonymous" };
  }
  if (user.user_hash === undefined) {
    if (enforce) {
      return {
        status: "rejected",
        code: "identity_verification_required",
        message: "Identity verification is on: send user_hash with user_id or email.",
      };
    }
    return { status: "unverified" };
  }
  if (!sameHex(user.user_hash, userHash(secret, identifier))) {
    return {
      status: "rejected",
      code: "identity_verification_failed",
      message: `user_hash does not match ${user.user_id !== undefined ? "user_id" : "email"}.`,
    };
  }
  return { status: "verified" };
}

/** Constant-time comparison of hex strings, case-insensitive. */
function sameHex(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase(), "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
