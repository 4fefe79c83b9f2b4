import { createHmac, timingSafeEqual } from "node:crypto";

/** Zendesk documents no replay window; five minutes either side of our clock is ours. */
const DEFAULT_TOLERANCE_SECONDS = 300;
/** The timestamp header is ISO-8601 ("2021-03-25T05:09:27Z"); anything else cannot be judged fresh. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The `x-zendesk-webhook-signature` Zendesk sends: base64(HMAC-SHA256(key = the signing secret as
 * UTF-8 text, message = timestamp header ‖ raw body)). No separator, the secret is not
 * base64-decoded, and the body is the raw bytes received, never re-serialised JSON.
 */
export function signZendeskWebhook(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(timestamp, "utf8").update(rawBody, "utf8").digest("base64");
}

export type WebhookVerification = { ok: true } | { ok: false; reason: "missing" | "mismatch" | "stale" };

/**
 * Checks a Zendesk webhook request (`x-zendesk-webhook-signature` and
 * `x-zendesk-webhook-signature-timestamp` headers) in constant time. A valid signature on a
 * timestamp further than `toleranceSeconds` from `now` is "stale"; an empty secret verifies nothing.
 * The older body ‖ timestamp order of a superseded Zendesk page is not accepted.
 */
export function verifyZendeskWebhook(input: {
  secret: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  rawBody: string;
  now?: Date;
  toleranceSeconds?: number;
}): WebhookVerification {
  const { secret, signature, timestamp, rawBody } = input;
  if (!signature || !timestamp) return { ok: false, reason: "missing" };
  if (!secret) return { ok: false, reason: "mismatch" };
  const expected = Buffer.from(signZendeskWebhook(secret, timestamp, rawBody), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "mismatch" };
  const signedAt = ISO_TIMESTAMP.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  const now = (input.now ?? new Date()).getTime();
  const tolerance = (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) * 1000;
  if (!Number.isFinite(signedAt) || Math.abs(now - signedAt) > tolerance) return { ok: false, reason: "stale" };
  return { ok: true };
}
