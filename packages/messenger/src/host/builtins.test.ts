import { afterEach, expect, test } from "vitest";
import { quietObjectPrototype } from "./builtins";

type Extended = { extend?: (this: object, source: object) => object };
const prototype = Object.prototype as Extended;

afterEach(() => {
  delete prototype.extend;
});

test("a method a page assigned to Object.prototype leaves for…in but still works", () => {
  prototype.extend = function (source) {
    return Object.assign(this, source);
  };
  const keys = (value: object) => {
    const found: string[] = [];
    for (const key in value) found.push(key);
    return found;
  };
  expect(keys({ a: 1 })).toEqual(["a", "extend"]);

  expect(quietObjectPrototype(window)).toEqual(["extend"]);
  expect(keys({ a: 1 })).toEqual(["a"]);
  expect(({ a: 1 } as Extended).extend?.({ b: 2 })).toEqual({ a: 1, b: 2 });
  expect(quietObjectPrototype(window)).toEqual([]);
});

test("a page that left Object.prototype alone is left alone", () => {
  expect(quietObjectPrototype(window)).toEqual([]);
});
