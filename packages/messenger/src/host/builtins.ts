/**
 * Makes the methods a page's old library added to `Object.prototype` non-enumerable, where it
 * added them as plain assignments (`Object.prototype.extend = …`). They then turn up in every
 * `for…in` over every object: zod (our wire schemas) reads a missing own property of each such
 * key and throws while it loads, and would report them as unknown keys of the objects it checks.
 * The methods stay, callable as before; only `for…in` stops listing them, which is what the
 * page's own loops guarded against anyway. Returns the keys it changed. A key the page made
 * non-configurable stays as it is.
 */
export function quietObjectPrototype(win: Window & typeof globalThis): string[] {
  const prototype = win.Object.prototype;
  const quieted: string[] = [];
  for (const key in prototype) {
    try {
      Object.defineProperty(prototype, key, { enumerable: false });
      quieted.push(key);
    } catch {
      // Non-configurable: nothing to do about it.
    }
  }
  return quieted;
}
