import { expect, test } from "vitest";
import { openDatabase } from "../store/db";
import { ENFORCEMENT_CACHE_MS, IdentityEnforcement } from "./enforcement";

test("switching enforcement on through one instance reaches another within 10 seconds", async () => {
  const db = await openDatabase({ memory: true });
  let now = Date.parse("2026-06-01T12:00:00Z");
  const clock = () => new Date(now);
  const first = new IdentityEnforcement(db, "app", false, clock);
  const second = new IdentityEnforcement(db, "app", false, clock);
  expect(await second.enforced()).toBe(false);

  expect((await first.set(true)).enforced).toBe(true);
  expect(await first.enforced()).toBe(true);
  now += ENFORCEMENT_CACHE_MS;
  expect(ENFORCEMENT_CACHE_MS).toBeLessThanOrEqual(10_000);
  expect(await second.enforced()).toBe(true);

  await first.set(false);
  now += ENFORCEMENT_CACHE_MS;
  expect(await second.enforced()).toBe(false);
  await db.destroy();
});

test("PARLEY_ENFORCE_IDENTITY holds enforcement on whatever the switch says; a new install starts off", async () => {
  const db = await openDatabase({ memory: true });
  const held = new IdentityEnforcement(db, "app", true, () => new Date());
  expect(await held.set(false)).toEqual({ enforced: true, setting: false, environment: true });
  expect(await new IdentityEnforcement(db, "other-app", false, () => new Date()).enforced()).toBe(false);
  await db.destroy();
});
