import { expect, test } from "vitest";
import { ENFORCEMENT_CACHE_MS, IdentityEnforcement } from "../identity/enforcement";
import { openDatabase } from "../store/db";
import { SecuritySettings } from "./settings";

const NOTHING_HELD = { mergeUnverified: false, allowedOrigins: null };

test("merging and trusted origins set through one instance reach another within 10 seconds, and leave the enforcement switch alone", async () => {
  const db = await openDatabase({ memory: true });
  let now = Date.parse("2026-06-01T12:00:00Z");
  const clock = () => new Date(now);
  const first = new SecuritySettings(db, "app", NOTHING_HELD, clock);
  const second = new SecuritySettings(db, "app", NOTHING_HELD, clock);
  const enforcement = new IdentityEnforcement(db, "app", false, clock);
  await enforcement.set(true);
  expect(await second.contactMerging()).toEqual({ enabled: false, setting: false, heldOnByEnvironment: false });
  expect((await second.trustedOrigins()).origins).toBeNull();

  expect((await first.setContactMerging(true)).enabled).toBe(true);
  expect((await first.setTrustedOrigins(["https://Shop.example.com", "https://shop.example.com", "https://*.example.org"])).origins).toEqual([
    "https://shop.example.com",
    "https://*.example.org",
  ]);
  // The second instance trusts its last read for a few seconds, then sees the change.
  expect((await second.contactMerging()).enabled).toBe(false);
  now += ENFORCEMENT_CACHE_MS;
  expect(ENFORCEMENT_CACHE_MS).toBeLessThanOrEqual(10_000);
  expect((await second.contactMerging()).enabled).toBe(true);
  expect((await second.trustedOrigins()).origins).toEqual(["https://shop.example.com", "https://*.example.org"]);
  expect(await new IdentityEnforcement(db, "app", false, clock).enforced()).toBe(true);

  await first.setTrustedOrigins(null);
  await first.setContactMerging(false);
  now += ENFORCEMENT_CACHE_MS;
  expect((await second.trustedOrigins()).origins).toBeNull();
  expect((await second.contactMerging()).enabled).toBe(false);
  // Another app of the same database has settings of its own.
  expect((await new SecuritySettings(db, "other-app", NOTHING_HELD, clock).contactMerging()).setting).toBe(false);
  await db.destroy();
});

test("the environment holds what it sets: merging on, or the list of origins", async () => {
  const db = await openDatabase({ memory: true });
  const held = new SecuritySettings(db, "app", { mergeUnverified: true, allowedOrigins: ["https://shop.example.com"] }, () => new Date());
  expect(await held.setContactMerging(false)).toEqual({ enabled: true, setting: false, heldOnByEnvironment: true });
  expect(await held.setTrustedOrigins(["https://other.example.com"])).toEqual({
    origins: ["https://shop.example.com"],
    setting: ["https://other.example.com"],
    heldByEnvironment: true,
  });
  await db.destroy();
});

test("a stored list that cannot be read restricts to no site rather than opening to all", async () => {
  const db = await openDatabase({ memory: true });
  await db.insertInto("identity_settings").values({ app_id: "app", enforce: 0, allowed_origins: "{not json", updated_at: "2026-06-01T12:00:00Z" }).execute();
  expect((await new SecuritySettings(db, "app", NOTHING_HELD, () => new Date()).trustedOrigins()).origins).toEqual([]);
  await db.destroy();
});
