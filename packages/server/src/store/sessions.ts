import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./db";

const SESSION_DAYS = 7;

export interface IssuedSession {
  token: string;
  expiresAt: string;
}

/** Issues a bearer token for a contact. Only its hash is stored. */
export async function createSession(db: Db, contactId: string, appId: string, now: Date): Promise<IssuedSession> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await db
    .insertInto("sessions")
    .values({ token_hash: hashToken(token), contact_id: contactId, app_id: appId, created_at: now.toISOString(), expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** The contact a live token belongs to, or undefined for unknown, expired or other-app tokens. */
export async function findSessionContact(db: Db, token: string, appId: string, now: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom("sessions")
    .select("contact_id")
    .where("token_hash", "=", hashToken(token))
    .where("app_id", "=", appId)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return row?.contact_id;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
