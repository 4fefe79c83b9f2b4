import { randomBytes } from "node:crypto";

let lastTime = 0;
let sequence = 0;

/**
 * A prefixed id that sorts in the order this server made them, e.g. `msg_0mwtq…`: the time, a
 * sequence within the millisecond (messages stored together share one `created_at`), then
 * randomness. A clock that steps back does not break the order.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    sequence = 0;
  } else {
    sequence += 1;
  }
  const time = lastTime.toString(36).padStart(9, "0");
  return `${prefix}_${time}${sequence.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}
