import { expect, test } from "vitest";
import { collectFormData } from "./collect";
import { AttributeDefinition, Step } from "./schema";

const attributes = [
  { name: "order_number", type: "text", pattern: "[0-9]{4,8}", pattern_message: "An order number is 4 to 8 digits." },
  { name: "email", type: "email" },
  { name: "quantity", type: "number" },
  { name: "gift", type: "boolean" },
  { name: "size", type: "list", options: ["S", "M", "L"] },
].map((attribute) => AttributeDefinition.parse(attribute));
const step = Step.parse({
  type: "collect_data",
  text: "Before I pass you on:",
  fields: [
    { attribute: "order_number", label: "Order number" },
    { attribute: "email", label: "Email" },
    { attribute: "quantity", label: "Quantity", required: false },
    { attribute: "gift", label: "Gift wrapped?", required: false },
    { attribute: "size", label: "Size", required: false },
  ],
  then: "next",
});
if (step.type !== "collect_data") throw new Error("not a collect_data step");

test("valid values come back typed", () => {
  expect(collectFormData(step, attributes, { order_number: " 12345 ", email: "ada@example.com", quantity: "2", gift: "yes", size: "m" })).toEqual({
    ok: true,
    values: { order_number: "12345", email: "ada@example.com", quantity: 2, gift: true, size: "M" },
  });
});

test("optional fields may stay empty; required ones may not", () => {
  const result = collectFormData(step, attributes, { order_number: "", email: "ada@example.com" });
  expect(result).toEqual({ ok: false, problems: [{ attribute: "order_number", label: "Order number", message: "Please fill in Order number." }] });
});

test("each wrong value gets a message naming its field, in the customer's words", () => {
  const result = collectFormData(step, attributes, { order_number: "A-1", email: "ada@", quantity: "two", gift: "maybe", size: "XL" });
  expect(result.ok).toBe(false);
  expect(!result.ok && result.problems.map((problem) => problem.message)).toEqual([
    "An order number is 4 to 8 digits.",
    "Email must be an email address, like name@example.com.",
    "Quantity must be a number.",
    "Gift wrapped?: please answer yes or no.",
    "Size must be one of: S, M, L.",
  ]);
});
