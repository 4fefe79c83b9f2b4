import { expect, test } from "vitest";
import { meaningfulTerms, tokenize, toTerm } from "./terms";

test("tokens are lower-case words and numbers, accents folded", () => {
  expect(tokenize("Café: 3–7 days, $5.95!")).toEqual(["cafe", "3", "7", "days", "5", "95"]);
});

test("greetings, request phrasing and function words leave no terms", () => {
  expect(meaningfulTerms("Hi there! Can you please tell me how I could get help?")).toEqual([]);
});

test("word forms share a term: stems, word families the stemmer misses, British spellings", () => {
  expect(toTerm("shipping")).toBe(toTerm("shipped"));
  expect(toTerm("delivery")).toBe(toTerm("delivered"));
  expect(toTerm("payment")).toBe(toTerm("pay"));
  expect(toTerm("colour")).toBe(toTerm("color"));
  expect(toTerm("package")).toBe(toTerm("parcel"));
  expect(toTerm("broke")).toBe(toTerm("broken"));
});

test("a customer is not customs", () => {
  expect(toTerm("customer")).not.toBe(toTerm("customs"));
  expect(toTerm("customers")).toBe(toTerm("customer"));
});

test("meaningful terms are distinct and keep their first order", () => {
  expect(meaningfulTerms("Refund my refunded order, order 42")).toEqual(["refund", "order", "42"]);
});
