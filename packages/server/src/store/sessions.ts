import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./db";

/** The longest a session lasts; a page's `session_duration` may only shorten it. */
export const MAX_SESSION_MS = 7 * 86_400_000;

export interface IssuedSession {
  token: string;
  expiresAt: string;
}

/** Issues a bearer token for a contact, for at most MAX_SESSION_MS. Only its hash is stored. */
export async function createSession(db: Db, contactId: string, appId: string, now: Date, durationMs: number = MAX_SESSION_MS): Promise<IssuedSession> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + Math.min(durationMs, MAX_SESSION_MS)).toISOString();
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

/**
 * What a re-check of an open stream needs about a live token's contact, in one indexed read (every
 * open stream is checked every 30 s); undefined when the token no longer opens anything.
 */
export async function sessionStanding(db: Db, token: string, appId: string, now: Date): Promise<{ contactId: string; verified: boolean; identityKey: string } | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("contacts", "contacts.id", "sessions.contact_id")
    .select(["contacts.id as contact_id", "contacts.verified as verified", "contacts.identity_key as identity_key"])
    .where("sessions.token_hash", "=", hashToken(token))
    .where("sessions.app_id", "=", appId)
    .where("sessions.expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return row && { contactId: row.contact_id, verified: Number(row.verified) === 1, identityKey: row.identity_key };
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
