import { SignJWT } from "jose";

/**
 * How Parley proves itself to the Conversations API with an app key (key id + secret): Basic
 * (`keyId:secret`), or a JWT with `kid` = key id, `{"scope":"app"}`, signed HS256 with the secret.
 * Both reach the same endpoints; the JWT keeps the secret itself off the wire.
 */
export type ConversationsAuth = { kind: "basic" | "jwt"; keyId: string; secret: string };

export async function conversationsAuthorization(auth: ConversationsAuth): Promise<string> {
  if (auth.kind === "basic") return `Basic ${Buffer.from(`${auth.keyId}:${auth.secret}`, "utf8").toString("base64")}`;
  const token = await new SignJWT({ scope: "app" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: auth.keyId })
    .sign(new TextEncoder().encode(auth.secret));
  return `Bearer ${token}`;
}
