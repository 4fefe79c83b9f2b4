// @vitest-environment node
import { PingRequest } from "@parley/protocol";
import { expect, test } from "vitest";
import { buildPingRequest } from "./ping-request";

const page = { url: "https://shop.example.com/pricing", title: "Pricing" };

test("identity keys go into user, every other primitive into attributes", () => {
  const { request, problems } = buildPingRequest(
    {
      app_id: "demo",
      api_base: "https://api-iam.intercom.io",
      alignment: "left",
      user_id: 42,
      email: "ada@example.com",
      name: "Ada",
      phone: "+44 20 7946 0000",
      created_at: "1700000000",
      user_hash: "a".repeat(64),
      plan: "pro",
      seats: 3,
      trial: false,
      company: { company_id: "c1", name: "Acme" },
      onLoad: () => {},
    },
    "visitor-0001",
    page,
  );

  expect(problems).toEqual([]);
  expect(request).toEqual({
    visitor_id: "visitor-0001",
    user: {
      user_id: "42",
      email: "ada@example.com",
      name: "Ada",
      phone: "+44 20 7946 0000",
      created_at: 1700000000,
      user_hash: "a".repeat(64),
      attributes: { plan: "pro", seats: 3, trial: false },
    },
    page,
  });
  expect(PingRequest.safeParse(request).success).toBe(true);
});

test("bad values are left out and reported, and the rest still goes", () => {
  const { request, problems } = buildPingRequest(
    {
      email: "not-an-email",
      "billing.plan": "pro",
      bio: "x".repeat(300),
      nested: { a: 1 },
      name: "Ada",
      created_at: 1_700_000_000_000,
    },
    "visitor-0001",
    page,
  );

  expect(request.user).toEqual({ name: "Ada", created_at: 1_700_000_000_000 });
  expect(problems).toHaveLength(5);
  expect(problems.join("\n")).toMatch(/email/);
  expect(problems.join("\n")).toMatch(/billing\.plan/);
  expect(problems.join("\n")).toMatch(/milliseconds/);
  expect(PingRequest.safeParse(request).success).toBe(true);
});

test("page_title from the settings wins over the document title; long URLs are cut to the limit", () => {
  const { request } = buildPingRequest(
    { page_title: "Custom" },
    "visitor-0001",
    { url: `https://example.com/${"a".repeat(3000)}`, title: "Doc" },
  );

  expect(request.page?.title).toBe("Custom");
  expect(request.page?.url).toHaveLength(2048);
});

test("intercom_user_jwt is forwarded as it is, never as a custom attribute", () => {
  const token = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiNDIifQ.c2lnbmF0dXJl";
  const { request } = buildPingRequest({ app_id: "demo", intercom_user_jwt: token }, "visitor-0001", page);
  expect(request.user).toEqual({ intercom_user_jwt: token });
});

test("session_duration goes with the ping as whole milliseconds; anything else is reported and left out", () => {
  expect(buildPingRequest({ app_id: "demo", session_duration: 300000 }, "visitor-0001", page).request.session_duration).toBe(300000);
  const bad = buildPingRequest({ app_id: "demo", session_duration: "5*60000" }, "visitor-0001", page);
  expect(bad.request.session_duration).toBeUndefined();
  expect(bad.problems).toEqual(["session_duration must be a whole number of milliseconds; it was not sent"]);
});
