import { expect, test } from "vitest";
import { authorizationHeader, authProblem } from "./auth";

test("an API token is Basic base64 of {email}/token:{token}, as in Zendesk's own example", () => {
  const header = authorizationHeader({ kind: "api_token", email: "jdoe@example.com", token: "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv" });
  expect(header).toBe("Basic amRvZUBleGFtcGxlLmNvbS90b2tlbjo2d2lJQldiR2tCTW8xbVJETXVWd2t3MUVQc05rZVVqOTVQSXoyYWt2");
});

test("non-ASCII emails are encoded as UTF-8", () => {
  const header = authorizationHeader({ kind: "api_token", email: "zoë@example.com", token: "t" });
  expect(Buffer.from(header.slice("Basic ".length), "base64").toString("utf8")).toBe("zoë@example.com/token:t");
});

test("an OAuth access token is a Bearer token", () => {
  expect(authorizationHeader({ kind: "oauth", accessToken: "abc.def" })).toBe("Bearer abc.def");
});

test("empty or multi-line credentials are named as the problem", () => {
  expect(authProblem({ kind: "api_token", email: "a@b.c", token: "" })).toMatch(/token/);
  expect(authProblem({ kind: "api_token", email: " ", token: "t" })).toMatch(/email/);
  expect(authProblem({ kind: "oauth", accessToken: "abc\r\nX-Evil: 1" })).toMatch(/line break/);
  expect(authProblem({ kind: "oauth", accessToken: "abc" })).toBeNull();
});
