import type { Db } from "./db";

export type IdentityStatus = "verified" | "unverified" | "anonymous" | "rejected";

/** Remembers each site origin the widget pings from and how it identified its user last: the "check installation" view. */
export async function recordOrigin(db: Db, appId: string, origin: string, status: IdentityStatus, now: string): Promise<void> {
  await db
    .insertInto("origins")
    .values({ app_id: appId, origin, identity_status: status, first_seen_at: now, last_seen_at: now })
    .onConflict((oc) => oc.columns(["app_id", "origin"]).doUpdateSet({ identity_status: status, last_seen_at: now }))
    .execute();
}
