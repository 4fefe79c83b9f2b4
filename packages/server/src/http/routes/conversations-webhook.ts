import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { type SunWebhookCall, SunWebhookCall as WebhookCall } from "../../zendesk/conversations-api/schemas";
import { limitBody, validate } from "../body";
import { ApiError } from "../errors";
import type { Db } from "../../store/db";

export interface ConversationsWebhookDeps {
  db: Db;
  /** The secrets of Parley's Conversations API webhooks (Zendesk sends one as `X-API-Key`). */
  secrets: () => readonly string[];
  /** True while Parley is still learning its webhook's secret from Zendesk (just after a start). */
  settingUp?: () => boolean;
  /** Acts on the events; throws when it could not (Zendesk then delivers again). */
  receive: (call: SunWebhookCall) => Promise<void>;
  clock: () => Date;
}

/**
 * POST /webhooks/conversations: Conversations API events (agent messages, control changes).
 * Verified by the webhook's secret in `X-API-Key` (the API signs nothing), de-duplicated by event
 * id, and handled before answering: Zendesk retries anything but a 2xx for 15 minutes, and never
 * retries a 400 or 401, so those mean "never send this again".
 */
export function conversationsWebhook(deps: ConversationsWebhookDeps): Hono {
  const routes = new Hono();
  routes.post("/conversations", limitBody(512 * 1024), async (c) => {
    const key = c.req.header("x-api-key");
    if (!key || !deps.secrets().some((secret) => sameSecret(key, secret))) {
      if (deps.settingUp?.()) throw notReady();
      throw new ApiError(401, "unauthorized", "The X-API-Key header is missing or is not this webhook's secret.");
    }
    let json: unknown;
    try {
      json = JSON.parse(await c.req.text());
    } catch {
      throw new ApiError(400, "invalid_json", "The webhook body is not valid JSON.");
    }
    const call = validate(json, WebhookCall);
    const fresh = [];
    for (const event of call.events) if (!(await seen(deps.db, `sunco:${event.id}`))) fresh.push(event);
    if (fresh.length > 0) {
      await deps.receive({ ...call, events: fresh });
      // Recorded only once handled: a failure above leaves them for Zendesk's next delivery.
      const at = deps.clock().toISOString();
      await deps.db
        .insertInto("webhook_receipts")
        .values(fresh.map((event) => ({ id: `sunco:${event.id}`, received_at: at })))
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    }
    return c.json({ status: "ok", handled: fresh.length, duplicates: call.events.length - fresh.length });
  });
  return routes;
}

/**
 * Just after a start, until Zendesk has told Parley its webhook's secret, a delivery cannot be
 * judged. Zendesk never delivers again after a 401, so the answer is "come back shortly".
 */
export function notReady(): ApiError {
  return new ApiError(503, "internal_error", "Parley is still setting up this webhook with Zendesk: deliver it again shortly.", undefined, { "Retry-After": "5" });
}

async function seen(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom("webhook_receipts").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
