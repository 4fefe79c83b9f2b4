import { afterEach, expect, test } from "vitest";
import type { Db } from "../store/db";
import { pruneOld } from "../store/retention";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import { SHARED_BUCKET_IDLE_MS, SharedRateLimiter } from "./shared-rate-limit";

// On SQLite, and on PostgreSQL in the suite's PostgreSQL pass: the upsert must count the same on both.

let opened: { db: Db; database: TestDatabase } | undefined;
afterEach(async () => {
  await opened?.db.destroy();
  await opened?.database.dispose();
  opened = undefined;
});

const RULES = { adminLogin: { burst: 3, perSecond: 0.5 }, visitorPing: { burst: 2, perSecond: 1 } };

test("two instances on one database share each bucket: the burst is spent once, whichever instance is asked", async () => {
  opened = await openFreshDatabase();
  let now = Date.parse("2026-06-01T12:00:00Z");
  const first = new SharedRateLimiter(opened.db, true, () => now, RULES);
  const second = new SharedRateLimiter(opened.db, true, () => now, RULES);

  expect(await first.take("adminLogin", "203.0.113.7")).toBeNull();
  expect(await second.take("adminLogin", "203.0.113.7")).toBeNull();
  expect(await first.take("adminLogin", "203.0.113.7")).toBeNull();
  // The fourth try, on either instance, waits for the next token: 1 / 0.5 per second = 2 s.
  expect(await second.take("adminLogin", "203.0.113.7")).toBe(2);
  expect(await first.take("adminLogin", "203.0.113.7")).toBe(2);
  // Another address, and another rule for the same key, have buckets of their own.
  expect(await second.take("adminLogin", "198.51.100.1")).toBeNull();
  expect(await second.take("visitorPing", "203.0.113.7")).toBeNull();

  now += 2_000;
  expect(await second.take("adminLogin", "203.0.113.7")).toBeNull();
  expect(await first.take("adminLogin", "203.0.113.7")).not.toBeNull();
  // Refused tries do not push the wait further out; the bucket refills up to the burst, no further.
  now += 60_000;
  for (let i = 0; i < 3; i++) expect(await first.take("adminLogin", "203.0.113.7")).toBeNull();
  expect(await second.take("adminLogin", "203.0.113.7")).not.toBeNull();
});

test("an instance whose clock is behind adds no tokens; PARLEY_RATE_LIMIT=off takes none", async () => {
  opened = await openFreshDatabase();
  const now = Date.parse("2026-06-01T12:00:00Z");
  const ahead = new SharedRateLimiter(opened.db, true, () => now, RULES);
  const behind = new SharedRateLimiter(opened.db, true, () => now - 30_000, RULES);
  expect(await ahead.take("visitorPing", "visitor-1")).toBeNull();
  expect(await ahead.take("visitorPing", "visitor-1")).toBeNull();
  expect(await behind.take("visitorPing", "visitor-1")).toBe(1);

  const off = new SharedRateLimiter(opened.db, false, () => now, RULES);
  for (let i = 0; i < 10; i++) expect(await off.take("visitorPing", "visitor-1")).toBeNull();
});

test("buckets idle for an hour are pruned with the other old rows", async () => {
  opened = await openFreshDatabase();
  let now = Date.parse("2026-06-01T12:00:00Z");
  const limiter = new SharedRateLimiter(opened.db, true, () => now, RULES);
  await limiter.take("visitorPing", "old-visitor");
  now += SHARED_BUCKET_IDLE_MS + 1;
  await limiter.take("visitorPing", "new-visitor");
  const pruned = await pruneOld(opened.db, new Date(now), 30);
  expect(pruned.rateBuckets).toBe(1);
  expect((await opened.db.selectFrom("rate_buckets").select("key").execute()).map((row) => row.key)).toEqual(["visitorPing:new-visitor"]);
});
