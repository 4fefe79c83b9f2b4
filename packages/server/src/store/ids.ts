import { randomBytes } from "node:crypto";

/** A prefixed id that sorts by creation time, e.g. `conv_01kq3…`. */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, "0");
  return `${prefix}_${time}${randomBytes(8).toString("hex")}`;
}
