import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./db";

/** An admin signs in again after this long. */
export const ADMIN_SESSION_SECONDS = 12 * 60 * 60;

export async function createAdminSession(db: Db, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ADMIN_SESSION_SECONDS * 1000);
  await db.insertInto("admin_sessions").values({ token_hash: hashToken(token), created_at: now.toISOString(), expires_at: expiresAt.toISOString() }).execute();
  return { token, expiresAt };
}

export async function adminSessionValid(db: Db, token: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom("admin_sessions")
    .select("token_hash")
    .where("token_hash", "=", hashToken(token))
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

export async function endAdminSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("admin_sessions").where("token_hash", "=", hashToken(token)).execute();
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
