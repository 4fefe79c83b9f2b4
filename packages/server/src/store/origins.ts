import type { Db } from "./db";

export type IdentityStatus = "verified" | "unverified" | "anonymous" | "rejected";

const COUNTER = { verified: "verified_count", rejected: "failing_count", unverified: "unverified_count", anonymous: "anonymous_count" } as const;

/**
 * Origins remembered per app. The origin comes from the client, so a script could invent millions:
 * past this many, new ones are not recorded (the ones seen keep updating).
 */
export const MAX_ORIGINS_PER_APP = 1000;
const MAX_ORIGIN_LENGTH = 255;

/** Remembers each site origin the widget pings from and how it identified its user last: the "check installation" view. */
export async function recordOrigin(db: Db, appId: string, origin: string, status: IdentityStatus, now: string): Promise<void> {
  if (origin.length > MAX_ORIGIN_LENGTH) return;
  const counter = COUNTER[status];
  const updated = await db
    .updateTable("origins")
    .set((eb) => ({ identity_status: status, last_seen_at: now, [counter]: eb(counter, "+", 1) }))
    .where("app_id", "=", appId)
    .where("origin", "=", origin)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  const { count } = await db
    .selectFrom("origins")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("app_id", "=", appId)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_ORIGINS_PER_APP) return;
  await db
    .insertInto("origins")
    .values({ app_id: appId, origin, identity_status: status, first_seen_at: now, last_seen_at: now, [counter]: 1 })
    .onConflict((oc) => oc.columns(["app_id", "origin"]).doUpdateSet((eb) => ({ identity_status: status, last_seen_at: now, [counter]: eb(`origins.${counter}`, "+", 1) })))
    .execute();
}
