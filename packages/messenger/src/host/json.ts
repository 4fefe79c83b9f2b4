/**
 * `JSON.stringify` as if the page had left arrays alone. Prototype.js 1.6 (still on old shops)
 * gives every array a `toJSON` that returns a string, so `JSON.stringify([1])` is `"\"[1]\""`:
 * request bodies and the lists kept in localStorage would hold strings where lists belong. Arrays
 * are written as arrays; everything else as `JSON.stringify` writes it (a Date by its `toJSON`).
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, serialized: unknown) {
    const raw = this[key];
    return Array.isArray(raw) ? raw : serialized;
  });
}
