import { expect, test } from "vitest";
import { RateLimiter } from "./rate-limit";

const rules = {
  address: { burst: 3, perSecond: 1 },
  app: { burst: 100, perSecond: 100 },
  visitorPing: { burst: 2, perSecond: 0.5 },
  contact: { burst: 1, perSecond: 1 },
  adminLogin: { burst: 1, perSecond: 0.1 },
  admin: { burst: 1, perSecond: 1 },
};

test("a burst is allowed, then the client waits for the bucket to refill", () => {
  let now = 0;
  const limiter = new RateLimiter(true, () => now, rules);
  expect([1, 2, 3].map(() => limiter.take("address", "1.2.3.4"))).toEqual([null, null, null]);
  expect(limiter.take("address", "1.2.3.4")).toBe(1);
  now += 1000;
  expect(limiter.take("address", "1.2.3.4")).toBeNull();
  expect(limiter.take("address", "1.2.3.4")).toBe(1);
});

test("Retry-After is how long one token takes to come back", () => {
  let now = 0;
  const limiter = new RateLimiter(true, () => now, rules);
  limiter.take("adminLogin", "a");
  expect(limiter.take("adminLogin", "a")).toBe(10);
  now += 4000;
  expect(limiter.take("adminLogin", "a")).toBe(6);
});

test("each client and each rule has its own bucket", () => {
  const limiter = new RateLimiter(true, () => 0, rules);
  limiter.take("contact", "a");
  expect(limiter.take("contact", "a")).not.toBeNull();
  expect(limiter.take("contact", "b")).toBeNull();
  expect(limiter.take("admin", "a")).toBeNull();
});

test("switched off, nothing is ever limited", () => {
  const limiter = new RateLimiter(false, () => 0, rules);
  for (let i = 0; i < 100; i++) expect(limiter.take("contact", "a")).toBeNull();
});
