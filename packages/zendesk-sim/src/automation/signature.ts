import { createHmac } from "node:crypto";

/**
 * Zendesk's webhook signature: base64(HMAC-SHA256(key = the signing secret as UTF-8 text,
 * message = timestamp header ‖ raw body)), no separator.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(timestamp + body, "utf8").digest("base64");
}
