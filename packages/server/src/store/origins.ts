import type { Db } from "./db";

export type IdentityStatus = "verified" | "unverified" | "anonymous" | "rejected";

const COUNTER = { verified: "verified_count", rejected: "failing_count", unverified: "unverified_count", anonymous: "anonymous_count" } as const;

/**
 * Origins remembered per app. The origin comes from the client, so a script could invent millions:
 * at this many, a new one takes the place of the least recently seen one that is not verified (a
 * real site pings often, so it stays; invented ones age out first). Those not seen within the
 * retention period are pruned.
 */
export const MAX_ORIGINS_PER_APP = 1000;
const MAX_ORIGIN_LENGTH = 255;

/**
 * Remembers each site origin the widget pings from, how its latest identified user was identified,
 * and how many pings were of each kind: the "check installation" view.
 */
export async function recordOrigin(db: Db, appId: string, origin: string, status: IdentityStatus, now: string): Promise<void> {
  if (origin.length > MAX_ORIGIN_LENGTH) return;
  const counter = COUNTER[status];
  const updated = await db
    .updateTable("origins")
    // An anonymous visitor says nothing about how the site identifies its users: the status stays.
    .set((eb) => ({ ...(status !== "anonymous" && { identity_status: status }), last_seen_at: now, [counter]: eb(counter, "+", 1) }))
    .where("app_id", "=", appId)
    .where("origin", "=", origin)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  const { count } = await db
    .selectFrom("origins")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("app_id", "=", appId)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_ORIGINS_PER_APP) await evictLeastRecentlySeen(db, appId);
  await db
    .insertInto("origins")
    .values({ app_id: appId, origin, identity_status: status, first_seen_at: now, last_seen_at: now, [counter]: 1 })
    .onConflict((oc) => oc.columns(["app_id", "origin"]).doUpdateSet((eb) => ({ ...(status !== "anonymous" && { identity_status: status }), last_seen_at: now, [counter]: eb(`origins.${counter}`, "+", 1) })))
    .execute();
}

/** Makes room for one: the least recently seen unverified, failing or anonymous origin goes, else the least recently seen. */
async function evictLeastRecentlySeen(db: Db, appId: string): Promise<void> {
  const oldest = await db
    .selectFrom("origins")
    .select("origin")
    .where("app_id", "=", appId)
    // Verified origins last: only a page with a valid user_hash or JWT makes one.
    .orderBy((eb) => eb.case().when("identity_status", "=", "verified").then(1).else(0).end())
    .orderBy("last_seen_at")
    .orderBy("origin")
    .limit(1)
    .executeTakeFirst();
  if (oldest) await db.deleteFrom("origins").where("app_id", "=", appId).where("origin", "=", oldest.origin).execute();
}

/** The origins of an app, most recently seen first. */
export async function listOrigins(db: Db, appId: string) {
  return db.selectFrom("origins").selectAll().where("app_id", "=", appId).orderBy("last_seen_at", "desc").orderBy("origin").execute();
}

/**
 * The site to send a customer back to (the agent-reply email's "Continue the conversation" link).
 * With trusted origins: the most recently seen of them. Otherwise the one site that pings with a
 * valid user_hash or JWT came from. Any user of the site holds a valid hash for themselves, and a
 * script can ping with it naming any page, so a second proven site makes it ambiguous: then null
 * (the caller links to this server). An email must never link to a site an attacker named.
 * `ownOrigin` (this server's address) never counts as one of the customer's sites.
 */
export async function siteForLinks(db: Db, appId: string, trusted: readonly string[] | null, ownOrigin?: string): Promise<string | null> {
  const web = (origin: string) => /^https?:\/\/[^/]+$/i.test(origin);
  if (trusted && trusted.length > 0) {
    const rows = await db
      .selectFrom("origins")
      .select("origin")
      .where("app_id", "=", appId)
      .where("origin", "in", [...trusted])
      .orderBy("last_seen_at", "desc")
      .limit(20)
      .execute();
    return rows.find((row) => web(row.origin))?.origin ?? null;
  }
  const proven = (await db.selectFrom("origins").select("origin").where("app_id", "=", appId).where("verified_count", ">", 0).limit(50).execute())
    .map((row) => row.origin)
    // This server's own pages (the demo page signs its demo user in) are not the customer's site.
    .filter((origin) => web(origin) && origin !== ownOrigin);
  return proven.length === 1 ? proven[0]! : null;
}
