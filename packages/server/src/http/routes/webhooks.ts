import { Hono } from "hono";
import * as z from "zod";
import type { Db } from "../../store/db";
import { enqueue } from "../../store/outbox";
import { conversationForTicket, firstReceipt } from "../../store/zendesk-tickets";
import { verifyZendeskWebhook } from "../../zendesk/webhook-signature";
import { limitBody, validate } from "../body";
import { ApiError } from "../errors";
import { notReady } from "./conversations-webhook";

export interface WebhookDeps {
  db: Db;
  /** The signing secrets currently accepted (the registered webhook's, and a configured one). */
  signingSecrets: () => readonly string[];
  /** True while Parley is still registering its webhook with Zendesk and learning its secret (just after a start). */
  settingUp?: () => boolean;
  onQueued: () => void;
  clock: () => Date;
}

/** What Parley's trigger sends; only the ticket id is relied on, the rest helps a person reading logs. */
const AgentReplyNotice = z.object({
  ticket_id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
});

/**
 * POST /webhooks/zendesk: Zendesk says an agent replied on a ticket. Verified by its signature,
 * acknowledged at once (Zendesk times out after 10 s), and the reply itself imported by the outbox.
 */
export function zendeskWebhook(deps: WebhookDeps): Hono {
  const routes = new Hono();
  routes.post("/zendesk", limitBody(256 * 1024), async (c) => {
    const rawBody = await c.req.text();
    const verified = deps.signingSecrets().some(
      (secret) =>
        verifyZendeskWebhook({
          secret,
          signature: c.req.header("x-zendesk-webhook-signature"),
          timestamp: c.req.header("x-zendesk-webhook-signature-timestamp"),
          rawBody,
          now: deps.clock(),
        }).ok,
    );
    if (!verified && deps.settingUp?.()) throw notReady();
    if (!verified) throw new ApiError(401, "invalid_signature", "The webhook signature is missing, wrong or too old.");
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new ApiError(400, "invalid_json", "The webhook body is not valid JSON.");
    }
    const { ticket_id: ticketId } = validate(json, AgentReplyNotice);
    const at = deps.clock().toISOString();
    const invocation = c.req.header("x-zendesk-webhook-invocation-id");
    const outcome = await deps.db.transaction().execute(async (trx) => {
      if (invocation && !(await firstReceipt(trx, `zendesk:${invocation}`, at))) return "duplicate";
      const link = await conversationForTicket(trx, ticketId);
      if (!link) return "not_ours";
      await enqueue(trx, link.conversationId, "zendesk-inbound", { type: "zendesk.import_replies", ticketId }, at);
      return "queued";
    });
    if (outcome === "queued") deps.onQueued();
    return c.json({ status: outcome });
  });
  return routes;
}
