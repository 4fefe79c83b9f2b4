import { expect, test } from "vitest";
import { expectedAnswerType, statesAnswerType } from "./answer-type";

test.each([
  ["How long do I have to return an item?", "duration"],
  ["How many business days does delivery take?", "duration"],
  ["How soon will my refund arrive?", "duration"],
  ["How much does express shipping cost?", "price"],
  ["Is there a fee for exchanges?", "price"],
  ["How do I return an item?", null],
  ["Which payment methods do you accept?", null],
] as const)("%s asks for %s", (question, type) => {
  expect(expectedAnswerType(question)).toBe(type);
});

test.each([
  ["How long do I have to return an item?", "duration"],
  ["How much does express shipping cost?", "price"],
  ["Is there a fee for exchanges?", null],
  ["Can I pay the monthly fee by card?", null],
  ["I missed the deadline, what now?", null],
] as const)("asked outright, %s asks for %s", (question, type) => {
  expect(expectedAnswerType(question, { outright: true })).toBe(type);
});

test("durations and prices are recognised in sentences", () => {
  expect(statesAnswerType("duration", "Return most items within 60 days of delivery.")).toBe(true);
  expect(statesAnswerType("duration", "Banks take 3–10 business days.")).toBe(true);
  expect(statesAnswerType("duration", "Start your return in the Returns Center.")).toBe(false);
  expect(statesAnswerType("price", "Standard delivery costs $5.95.")).toBe(true);
  expect(statesAnswerType("price", "Returns within the United States are free.")).toBe(true);
  expect(statesAnswerType("price", "Print the label.")).toBe(false);
});
