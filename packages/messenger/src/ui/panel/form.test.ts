import { expect, test } from "vitest";
import { checkField } from "./form";

const email = { name: "email", label: "Email", type: "email", required: true } as const;
const quantity = { name: "quantity", label: "Quantity", type: "number", required: false } as const;

test("a required field left empty, a bad email and a non-number are named with their label", () => {
  expect(checkField(email, "  ")).toBe("Please fill in Email.");
  expect(checkField(email, "ada@")).toBe("Email must be an email address, like name@example.com.");
  expect(checkField(quantity, "two")).toBe("Quantity must be a number.");
});

test("good values and empty optional fields pass", () => {
  expect(checkField(email, " ada@example.com ")).toBeNull();
  expect(checkField(quantity, "")).toBeNull();
  expect(checkField(quantity, "2,5")).toBeNull();
});
