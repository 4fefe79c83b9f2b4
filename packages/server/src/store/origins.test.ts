import { afterEach, beforeEach, expect, test } from "vitest";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import type { Db } from "./db";
import { listOrigins, MAX_ORIGINS_PER_APP, recordOrigin, siteForLinks } from "./origins";

let db: Db;
let database: TestDatabase;
beforeEach(async () => {
  ({ db, database } = await openFreshDatabase());
});
afterEach(async () => {
  await db.destroy();
  await database.dispose();
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute)).toISOString();
const count = async () => Number((await db.selectFrom("origins").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

test("at the cap a new site is still recorded: the least recently seen unverified or failing origin makes room, verified ones stay", async () => {
  // A verified site seen long ago, and a real site that keeps pinging.
  await recordOrigin(db, "app", "https://shop.example", "verified", at(0));
  await recordOrigin(db, "app", "https://blog.example", "anonymous", at(1));
  // A script fills the table with invented origins (failing hashes, unverified users).
  const rows = [];
  for (let i = 0; i < MAX_ORIGINS_PER_APP - 2; i++) {
    rows.push({ app_id: "app", origin: `https://invented-${i}.example`, identity_status: i % 2 ? "rejected" : "unverified", first_seen_at: at(2), last_seen_at: at(2) });
  }
  await db.insertInto("origins").values(rows).execute();
  await recordOrigin(db, "app", "https://blog.example", "anonymous", at(3));
  expect(await count()).toBe(MAX_ORIGINS_PER_APP);

  await recordOrigin(db, "app", "https://new-site.example", "verified", at(4));
  expect(await count()).toBe(MAX_ORIGINS_PER_APP);
  const origins = (await listOrigins(db, "app")).map((row) => row.origin);
  expect(origins).toContain("https://new-site.example");
  expect(origins).toContain("https://shop.example");
  expect(origins).toContain("https://blog.example");
  // The first invented one in order went (all seen at the same minute).
  expect(origins).not.toContain("https://invented-0.example");

  // A flood of new invented origins only ever replaces invented ones.
  for (let i = 0; i < 50; i++) await recordOrigin(db, "app", `https://flood-${i}.example`, "rejected", at(5));
  const after = (await listOrigins(db, "app")).map((row) => row.origin);
  expect(after).toHaveLength(MAX_ORIGINS_PER_APP);
  expect(after).toEqual(expect.arrayContaining(["https://new-site.example", "https://shop.example", "https://blog.example", "https://flood-49.example"]));
});

test("when every origin is verified, the least recently seen one makes room", async () => {
  const rows = [];
  for (let i = 0; i < MAX_ORIGINS_PER_APP; i++) {
    rows.push({ app_id: "app", origin: `https://site-${i}.example`, identity_status: "verified", first_seen_at: at(0), last_seen_at: at(i === 7 ? 0 : 1) });
  }
  await db.insertInto("origins").values(rows).execute();
  await recordOrigin(db, "app", "https://newest.example", "anonymous", at(2));
  const origins = (await listOrigins(db, "app")).map((row) => row.origin);
  expect(origins).toHaveLength(MAX_ORIGINS_PER_APP);
  expect(origins).toContain("https://newest.example");
  expect(origins).not.toContain("https://site-7.example");
});

test("other apps' origins are neither counted nor evicted", async () => {
  await recordOrigin(db, "other-app", "https://other.example", "unverified", at(0));
  const rows = [];
  for (let i = 0; i < MAX_ORIGINS_PER_APP; i++) rows.push({ app_id: "app", origin: `https://site-${i}.example`, identity_status: "unverified", first_seen_at: at(1), last_seen_at: at(1) });
  await db.insertInto("origins").values(rows).execute();
  await recordOrigin(db, "app", "https://newest.example", "anonymous", at(2));
  expect((await listOrigins(db, "other-app")).map((row) => row.origin)).toEqual(["https://other.example"]);
});

test("the site an email links back to is one proven by a valid hash or JWT, or a trusted origin: never one a client merely claimed", async () => {
  expect(await siteForLinks(db, "app", null)).toBeNull();
  await recordOrigin(db, "app", "https://shop.example", "verified", at(0));
  await recordOrigin(db, "app", "https://shop.example", "anonymous", at(1));
  await recordOrigin(db, "app", "https://blog.example", "anonymous", at(2));
  // A script pings with a page URL of its choosing, after every real visitor.
  await recordOrigin(db, "app", "https://evil.example", "anonymous", at(3));
  await recordOrigin(db, "app", "https://evil.example", "rejected", at(4));
  await recordOrigin(db, "app", "null", "anonymous", at(5));
  expect(await siteForLinks(db, "app", null)).toBe("https://shop.example");
  expect(await siteForLinks(db, "app", ["https://blog.example"])).toBe("https://blog.example");
  expect(await siteForLinks(db, "other-app", null)).toBeNull();

  // Any user of the site holds a valid hash for themselves, and a script can ping with it naming any
  // page: a second proven site is as likely an attacker's. Ambiguous: the email links to this server.
  await recordOrigin(db, "app", "https://evil.example", "verified", at(6));
  await recordOrigin(db, "app", "https://evil.example", "anonymous", at(7));
  expect(await siteForLinks(db, "app", null)).toBeNull();
  // This server's own demo page signs its demo user in: it is not a second site of the customer's.
  expect(await siteForLinks(db, "app", null, "https://evil.example")).toBe("https://shop.example");
  // With trusted origins, only they are linked to, whatever else was proven before the list was set.
  expect(await siteForLinks(db, "app", ["https://shop.example"])).toBe("https://shop.example");
});
