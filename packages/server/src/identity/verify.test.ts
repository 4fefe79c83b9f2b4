import { createHmac } from "node:crypto";
import { SignJWT, UnsecuredJWT } from "jose";
import { expect, test } from "vitest";
import { checkIdentity, createUserHash, userHash } from "./verify";

const secret = "s3cret-for-tests-only";
const oldSecret = "the-old-secret-being-retired";
const now = new Date("2026-06-01T12:00:00Z");
const hashOf = (value: string, key = secret) => createHmac("sha256", key).update(value).digest("hex");
const rules = (enforce: boolean, secrets = [secret]) => ({ secrets, enforce, now });
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function jwt(claims: Record<string, unknown>, options: { key?: string; exp?: number | null; alg?: string } = {}): Promise<string> {
  const token = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? "HS256" }).setIssuedAt(seconds(now));
  if (options.exp !== null) token.setExpirationTime(options.exp ?? seconds(now) + 3600);
  return token.sign(new TextEncoder().encode(options.key ?? secret));
}

test("user_hash is the hex HMAC-SHA256 of the identifier", () => {
  expect(userHash(secret, "user-42")).toBe(hashOf("user-42"));
  expect(userHash(secret, "user-42")).toMatch(/^[0-9a-f]{64}$/);
});

test("createUserHash hashes the user id when there is one, else the email", () => {
  expect(createUserHash(secret, { userId: "42", email: "a@b.c" })).toBe(hashOf("42"));
  expect(createUserHash(secret, { userId: 42 })).toBe(hashOf("42"));
  expect(createUserHash(secret, { email: "a@b.c" })).toBe(hashOf("a@b.c"));
  expect(() => createUserHash(secret, {})).toThrow(/userId or an email/);
});

test("a matching hash over user_id verifies; user_id wins over email", async () => {
  expect(await checkIdentity({ user_id: "u1", email: "a@b.c", user_hash: hashOf("u1") }, rules(true))).toMatchObject({ status: "verified", method: "user_hash" });
  expect(await checkIdentity({ user_id: "u1", email: "a@b.c", user_hash: hashOf("a@b.c") }, rules(false))).toMatchObject({
    status: "rejected",
    code: "identity_verification_failed",
  });
});

test("without user_id the hash is over the email; upper-case hex is accepted", async () => {
  expect((await checkIdentity({ email: "a@b.c", user_hash: hashOf("a@b.c") }, rules(true))).status).toBe("verified");
  expect((await checkIdentity({ user_id: "u1", user_hash: hashOf("u1").toUpperCase() }, rules(true))).status).toBe("verified");
});

test("a wrong or truncated hash is rejected even when enforcement is off", async () => {
  expect((await checkIdentity({ user_id: "u1", user_hash: hashOf("u2") }, rules(false))).status).toBe("rejected");
  expect((await checkIdentity({ user_id: "u1", user_hash: hashOf("u1").slice(0, 10) }, rules(false))).status).toBe("rejected");
});

test("a missing hash is allowed only while enforcement is off; anonymous visitors always", async () => {
  expect((await checkIdentity({ user_id: "u1" }, rules(false))).status).toBe("unverified");
  expect(await checkIdentity({ user_id: "u1" }, rules(true))).toMatchObject({ status: "rejected", code: "identity_verification_required" });
  expect((await checkIdentity({ name: "Someone" }, rules(true))).status).toBe("anonymous");
});

test("during a secret rotation hashes and JWTs made with the old secret or the new one are accepted; after it, only the new", async () => {
  const both = rules(true, [secret, oldSecret]);
  expect((await checkIdentity({ user_id: "u1", user_hash: hashOf("u1", oldSecret) }, both)).status).toBe("verified");
  expect((await checkIdentity({ user_id: "u1", user_hash: hashOf("u1") }, both)).status).toBe("verified");
  expect((await checkIdentity({ intercom_user_jwt: await jwt({ user_id: "u1" }, { key: oldSecret }) }, both)).status).toBe("verified");
  expect((await checkIdentity({ user_id: "u1", user_hash: hashOf("u1", oldSecret) }, rules(true))).status).toBe("rejected");
  expect((await checkIdentity({ intercom_user_jwt: await jwt({ user_id: "u1" }, { key: oldSecret }) }, rules(true))).status).toBe("rejected");
});

test("a JWT's signed claims override the unsigned ones, custom attributes included", async () => {
  const token = await jwt({ user_id: 42, email: "ada@example.com", name: "Ada", plan: "pro" });
  const check = await checkIdentity(
    { user_id: "someone-else", email: "mallory@example.com", name: "Mallory", attributes: { plan: "free", team: "x" }, intercom_user_jwt: token },
    rules(true),
  );
  expect(check).toEqual({
    status: "verified",
    method: "jwt",
    user: { user_id: "42", email: "ada@example.com", name: "Ada", attributes: { plan: "pro", team: "x" } },
    expiresAt: new Date((seconds(now) + 3600) * 1000),
  });
});

test.each([
  ["expired beyond the clock skew", () => jwt({ user_id: "u1" }, { exp: seconds(now) - 120 }), /expired/],
  ["without exp", () => jwt({ user_id: "u1" }, { exp: null }), /exp/],
  ["without user_id", () => jwt({ email: "a@b.c" }), /user_id/],
  ["signed with another secret", () => jwt({ user_id: "u1" }, { key: "somebody-elses-secret!!" }), /not signed/],
  ["signed with HS512", () => jwt({ user_id: "u1" }, { alg: "HS512" }), /HS256/],
  ["unsigned (alg none)", async () => new UnsecuredJWT({ user_id: "u1", exp: seconds(now) + 60 }).encode(), /HS256|well-formed/],
  ["not a JWT at all", async () => "not.a.jwt", /well-formed|verified/],
  // Signed for " alice", a different user of the site: it must never speak for "alice".
  ["whose user_id has spaces around it", () => jwt({ user_id: " alice" }), /user_id/],
])("a JWT %s is rejected with the reason, even with enforcement off", async (_name, make, reason) => {
  const check = await checkIdentity({ intercom_user_jwt: await make() }, rules(false));
  expect(check).toMatchObject({ status: "rejected", code: "identity_verification_failed" });
  expect(check.status === "rejected" && check.message).toMatch(reason);
});

test("a JWT that expired within the allowed clock skew still verifies", async () => {
  const check = await checkIdentity({ intercom_user_jwt: await jwt({ user_id: "u1" }, { exp: seconds(now) - 30 }) }, rules(true));
  expect(check.status).toBe("verified");
});
