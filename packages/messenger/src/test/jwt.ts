/**
 * An `intercom_user_jwt` as a site's server writes one: base64url segments without padding. The
 * signature is a placeholder: the widget never checks it (the server does).
 */
export function userJwt(claims: Record<string, unknown>): string {
  const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${segment({ alg: "HS256", typ: "JWT" })}.${segment(claims)}.c2lnbmF0dXJl`;
}

/**
 * The user a fake server finds in a ping's identity: `user_id`, else the JWT's `user_id` claim
 * (the real server takes it from the verified token), else nobody.
 */
export function pingUserId(user: { user_id?: string; intercom_user_jwt?: string }): string | null {
  if (user.user_id !== undefined) return user.user_id;
  const payload = user.intercom_user_jwt?.split(".")[1];
  if (payload === undefined) return null;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { user_id?: unknown };
  return claims.user_id === undefined ? null : String(claims.user_id);
}
