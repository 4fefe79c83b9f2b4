import { expect, test } from "vitest";
import { createRedactor } from "./redact";

const redact = createRedactor(["identity-secret-value-123", "zendesk-api-token-xyz", null]);

test("configured secrets are never logged, wherever they appear", () => {
  expect(redact("could not sign with identity-secret-value-123 (retrying)")).toBe("could not sign with [redacted] (retrying)");
  expect(redact("GET https://sim.zendesk.com?x=zendesk-api-token-xyz failed")).not.toContain("zendesk-api-token-xyz");
});

test("tokens, hashes, passwords and JWTs are redacted by their shape", () => {
  const line = redact(
    'Authorization: Bearer abc.def-123 user_hash=0123abcd {"password":"hunter2","intercom_user_jwt":"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiNDIifQ.sig"} /stream?token=tok123&after=4',
  );
  for (const secret of ["abc.def-123", "0123abcd", "hunter2", "eyJhbGciOiJIUzI1NiJ9", "tok123"]) expect(line).not.toContain(secret);
  expect(line).toContain("after=4");
});

test("ordinary text is left alone", () => {
  expect(redact("[outbox] ticket 42 created for conv_abc")).toBe("[outbox] ticket 42 created for conv_abc");
});
