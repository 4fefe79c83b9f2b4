import * as z from "zod/mini";
import { expect, test } from "vitest";
import { wholeNumber } from "./whole-number";

/** What the API reports of a body that does not parse: each issue's path and message. */
function reported(schema: z.ZodMiniType, value: unknown) {
  const result = schema.safeParse({ n: value });
  return result.success ? "ok" : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

test("wholeNumber() accepts and reports exactly what z.int() does", () => {
  const int = z.object({ n: z.int().check(z.positive()) });
  const whole = z.object({ n: z.number().check(wholeNumber(), z.positive()) });
  for (const value of [1, 2 ** 53 - 1, 1.5, 2 ** 53, -(2 ** 53), Number.NaN, Infinity, 0, -3, "1", null, undefined]) {
    expect(reported(whole, value), String(value)).toEqual(reported(int, value));
  }
  expect(reported(whole, 2 ** 53)).toEqual([["n", "Invalid input"]]);
});
