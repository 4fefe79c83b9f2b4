import { expect, test } from "vitest";
import { originAllowed } from "./origins";

const list = ["https://shop.example.com", "https://*.example.org", "http://localhost:3000"];

test("without a list every site may run the Messenger", () => {
  expect(originAllowed("https://anything.test", null)).toBe(true);
  expect(originAllowed(null, null)).toBe(true);
});

test.each([
  ["https://shop.example.com", true],
  ["https://SHOP.example.com", true],
  ["https://shop.example.com:443", true],
  ["http://shop.example.com", false],
  ["https://shop.example.com.evil.test", false],
  ["https://evilshop.example.com", false],
  ["https://a.example.org", true],
  ["https://a.b.example.org", true],
  ["https://example.org", false],
  ["https://evilexample.org", false],
  ["http://a.example.org", false],
  ["http://localhost:3000", true],
  ["http://localhost:3001", false],
  ["null", false],
])("with a list, %s → %s", (origin, allowed) => {
  expect(originAllowed(origin, list)).toBe(allowed);
});

test("with a list, a request that names no site is refused", () => {
  expect(originAllowed(null, list)).toBe(false);
});
