import { expect, test } from "vitest";
import { clockStartingAt } from "./clock";

test("a clock started at an instant reads it at once and runs on at the real pace", () => {
  let real = Date.parse("2030-01-01T00:00:00Z");
  const clock = clockStartingAt(new Date("2026-11-28T11:00:00Z"), () => real);
  expect(clock().toISOString()).toBe("2026-11-28T11:00:00.000Z");
  real += 90_000;
  expect(clock().toISOString()).toBe("2026-11-28T11:01:30.000Z");
});
