import { createHmac } from "node:crypto";
import { expect, test } from "vitest";
import { checkIdentity, userHash } from "./verify";

const secret = "s3cret-for-tests-only";
const hashOf = (value: string) => createHmac("sha256", secret).update(value).digest("hex");

test("user_hash is the hex HMAC-SHA256 of the identifier", () => {
  expect(userHash(secret, "user-42")).toBe(hashOf("user-42"));
  expect(userHash(secret, "user-42")).toMatch(/^[0-9a-f]{64}$/);
});

test("a matching hash over user_id verifies; user_id wins over email", () => {
  expect(checkIdentity({ user_id: "u1", email: "a@b.c", user_hash: hashOf("u1") }, secret, true)).toEqual({ status: "verified" });
  expect(checkIdentity({ user_id: "u1", email: "a@b.c", user_hash: hashOf("a@b.c") }, secret, false)).toMatchObject({
    status: "rejected",
    code: "identity_verification_failed",
  });
});

test("without user_id the hash is over the email", () => {
  expect(checkIdentity({ email: "a@b.c", user_hash: hashOf("a@b.c") }, secret, true)).toEqual({ status: "verified" });
});

test("upper-case hex is accepted", () => {
  expect(checkIdentity({ user_id: "u1", user_hash: hashOf("u1").toUpperCase() }, secret, true)).toEqual({ status: "verified" });
});

test("a wrong or truncated hash is rejected even when enforcement is off", () => {
  expect(checkIdentity({ user_id: "u1", user_hash: hashOf("u2") }, secret, false).status).toBe("rejected");
  expect(checkIdentity({ user_id: "u1", user_hash: hashOf("u1").slice(0, 10) }, secret, false).status).toBe("rejected");
});

test("a missing hash is allowed only while enforcement is off", () => {
  expect(checkIdentity({ user_id: "u1" }, secret, false)).toEqual({ status: "unverified" });
  expect(checkIdentity({ user_id: "u1" }, secret, true)).toMatchObject({ status: "rejected", code: "identity_verification_required" });
});

test("anonymous visitors stay allowed under enforcement", () => {
  expect(checkIdentity({ name: "Someone" }, secret, true)).toEqual({ status: "anonymous" });
});
