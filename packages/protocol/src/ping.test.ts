import { expect, test } from "vitest";
import { PingRequest } from "./ping";

const visitor = "v_0123456789abcdef";

test("an anonymous visitor needs only a visitor id", () => {
  expect(PingRequest.parse({ visitor_id: visitor, user: {} })).toEqual({ visitor_id: visitor, user: {} });
});

test("a numeric user_id becomes a string, as Intercom accepts numbers", () => {
  const parsed = PingRequest.parse({ visitor_id: visitor, user: { user_id: 42 } });
  expect(parsed.user.user_id).toBe("42");
});

test("a bad email, a blank user_id and a short visitor id are each rejected with their path", () => {
  const result = PingRequest.safeParse({ visitor_id: "x", user: { email: "nope", user_id: "  " } });
  expect(result.success).toBe(false);
  const paths = result.error?.issues.map((issue) => issue.path.join(".")).sort();
  expect(paths).toEqual(["user.email", "user.user_id", "visitor_id"]);
});

test("custom attributes must be flat primitives with names free of '.' and '$'", () => {
  expect(PingRequest.safeParse({ visitor_id: visitor, user: { attributes: { plan: "pro", seats: 3 } } }).success).toBe(true);
  expect(PingRequest.safeParse({ visitor_id: visitor, user: { attributes: { "a.b": 1 } } }).success).toBe(false);
  expect(PingRequest.safeParse({ visitor_id: visitor, user: { attributes: { nested: { a: 1 } } } }).success).toBe(false);
  expect(PingRequest.safeParse({ visitor_id: visitor, user: { attributes: { long: "x".repeat(256) } } }).success).toBe(false);
});
