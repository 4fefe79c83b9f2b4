import { expect, test } from "vitest";
import { hashPassword, isPasswordHash, verifyPassword } from "./password";

test("a password verifies against its hash, and nothing else does", async () => {
  const hash = await hashPassword("correct horse battery staple");
  expect(isPasswordHash(hash)).toBe(true);
  expect(hash).not.toContain("correct horse");
  expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
  expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
  expect(await verifyPassword("", hash)).toBe(false);
  expect(await verifyPassword("correct horse battery staple", "plain-text")).toBe(false);
});

test("the same password hashes differently each time (salted)", async () => {
  expect(await hashPassword("pw")).not.toBe(await hashPassword("pw"));
});
