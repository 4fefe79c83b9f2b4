import { expect, test } from "vitest";
import { newId } from "./ids";

test("ids made in one millisecond still sort in the order they were made", () => {
  const ids = Array.from({ length: 2000 }, () => newId("msg"));
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids[0]).toMatch(/^msg_[0-9a-z]{25}$/);
});
