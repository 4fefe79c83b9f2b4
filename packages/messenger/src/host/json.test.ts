import { afterEach, expect, test } from "vitest";
import { toJson } from "./json";

type Patched = { toJSON?: unknown };

afterEach(() => {
  delete (Array.prototype as Patched).toJSON;
});

test("arrays stay arrays on a page where Prototype.js 1.6 gave them a toJSON", () => {
  (Array.prototype as Patched).toJSON = function (this: unknown[]) {
    return `[${this.map((item) => JSON.stringify(item)).join(", ")}]`;
  };
  const list = [{ text: "Hi", tags: ["a", "b"] }, 2];
  // What the page's own JSON.stringify makes of it: a string, not a list.
  expect(JSON.parse(JSON.stringify(list))).toBeTypeOf("string");
  expect(toJson(list)).toBe('[{"text":"Hi","tags":["a","b"]},2]');
  expect(JSON.parse(toJson({ list }))).toEqual({ list });
});

test("everything else is written as JSON.stringify writes it", () => {
  const at = new Date(Date.UTC(2024, 0, 2));
  expect(toJson({ at, gone: undefined, n: 1.5, s: "x", none: null })).toBe('{"at":"2024-01-02T00:00:00.000Z","n":1.5,"s":"x","none":null}');
  expect(toJson([])).toBe("[]");
  expect(toJson("x")).toBe('"x"');
});
