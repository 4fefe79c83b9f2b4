import { Attributes, PingUser } from "@parley/protocol";
import { errors, jwtVerify } from "jose";
import * as z from "zod";

/** How far the site's clock and ours may disagree on `exp`, `nbf` and `iat`. */
export const JWT_CLOCK_SKEW_SECONDS = 60;

/** Claims JWT itself defines: never custom attributes. */
const REGISTERED = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);

const SignedUser = z.object({
  // Exactly as signed: trimmed, " alice" (another user of the site) would speak for "alice".
  user_id: z
    .union([z.string().min(1).max(255).refine((id) => id.trim() === id, "must not start or end with spaces"), z.number()])
    .transform(String),
  email: z.email().optional(),
  name: z.string().max(255).optional(),
  phone: z.string().max(64).optional(),
});

export type VerifiedJwt =
  | { ok: true; claims: { user: Pick<PingUser, "user_id" | "email" | "name" | "phone">; attributes: Attributes }; expiresAt: Date }
  | { ok: false; reason: string };

/**
 * Verifies an `intercom_user_jwt`: HS256 only (the algorithm is pinned, so `none` and public-key
 * confusions are refused), signed with one of the identity secrets, `exp` required and honoured
 * within the clock skew, and a `user_id` claim. The reason a token fails is said plainly.
 */
export async function verifyUserJwt(token: string, secrets: readonly string[], now: Date): Promise<VerifiedJwt> {
  let payload: Record<string, unknown> | undefined;
  for (const secret of secrets) {
    try {
      ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
        algorithms: ["HS256"],
        requiredClaims: ["exp"],
        clockTolerance: JWT_CLOCK_SKEW_SECONDS,
        currentDate: now,
      }));
      break;
    } catch (error) {
      // A bad signature may be the other secret's token; anything else is the token's own fault.
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      return { ok: false, reason: reasonOf(error) };
    }
  }
  if (payload === undefined) return { ok: false, reason: "intercom_user_jwt is not signed with the identity secret." };

  const user = SignedUser.safeParse(payload);
  if (!user.success) {
    const first = user.error.issues[0];
    return { ok: false, reason: `intercom_user_jwt claim ${first?.path.join(".") || "user_id"}: ${first?.message ?? "is not valid"}.` };
  }
  const custom = Object.fromEntries(
    Object.entries(payload).filter(([key, value]) => !REGISTERED.has(key) && !(key in SignedUser.shape) && (value === null || typeof value !== "object")),
  );
  const attributes = Attributes.safeParse(custom);
  if (!attributes.success) return { ok: false, reason: "intercom_user_jwt carries custom attributes that are not valid." };
  const { user_id, email, name, phone } = user.data;
  return {
    ok: true,
    claims: { user: { user_id, ...(email && { email }), ...(name && { name }), ...(phone && { phone }) }, attributes: attributes.data },
    // Required by jwtVerify, so always a number here.
    expiresAt: new Date(Number(payload.exp) * 1000),
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "intercom_user_jwt has expired: sign a new one.";
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === "exp" ? "intercom_user_jwt needs an exp claim." : `intercom_user_jwt claim ${error.claim} is not valid (${error.reason}).`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "intercom_user_jwt must be signed with HS256.";
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return "intercom_user_jwt is not a well-formed JWT.";
  return "intercom_user_jwt could not be verified.";
}
