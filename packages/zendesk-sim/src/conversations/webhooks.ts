import type { Clock } from "../clock";
import { BackgroundDeliveries, type DeliveryAttempt, describeFailure } from "../webhook-delivery";
import type { ConversationsAccount, SunEvent } from "./model";

/** One webhook call as the delivery log shows it. */
export interface ConversationsDelivery {
  webhookId: string;
  target: string;
  eventIds: string[];
  eventTypes: string[];
  body: string;
  state: "pending" | "delivered" | "failed";
  attempts: DeliveryAttempt[];
}

/** Answers after which Zendesk does not call again: the receiver has said no for good. */
const NON_RECOVERABLE = new Set([400, 401, 403, 404, 406]);

/**
 * Sends Conversations API events to the custom integrations' webhooks that subscribe to them:
 * `{app, webhook, events:[…]}` with the webhook's secret as `X-API-Key` (no signature), a 20 s
 * timeout, up to 5 attempts with growing waits, and no retry after 400, 401, 403, 404 or 406.
 */
export class ConversationsWebhooks {
  private readonly log: ConversationsDelivery[] = [];
  private readonly runs: BackgroundDeliveries;

  constructor(
    private readonly options: { fetch: typeof fetch; clock: Clock; retryDelaysMs: readonly number[]; timeoutMs: number },
  ) {
    this.runs = new BackgroundDeliveries(options.retryDelaysMs);
  }

  dispatch(account: ConversationsAccount, event: SunEvent): void {
    for (const integration of account.integrations.values()) {
      for (const webhook of integration.webhooks) {
        if (!webhook.triggers.includes(event.type)) continue;
        const body = JSON.stringify({ app: { id: account.settings.appId }, webhook: { id: webhook.id, version: "v2" }, events: [event] });
        const delivery: ConversationsDelivery = {
          webhookId: webhook.id,
          target: webhook.target,
          eventIds: [event.id],
          eventTypes: [event.type],
          body,
          state: "pending",
          attempts: [],
        };
        this.log.push(delivery);
        if (this.log.length > 500) this.log.splice(0, this.log.length - 500);
        this.runs.start(delivery, (closing) => this.attempt(delivery, webhook.secret, closing));
      }
    }
  }

  deliveries(): readonly ConversationsDelivery[] {
    return this.log;
  }

  idle(): Promise<void> {
    return this.runs.idle();
  }

  clear(): void {
    this.runs.stop();
    this.log.length = 0;
  }

  close(): Promise<void> {
    return this.runs.close();
  }

  private async attempt(delivery: ConversationsDelivery, secret: string, closing: AbortSignal): Promise<{ attempt: DeliveryAttempt; verdict: "delivered" | "retry" | "give_up" }> {
    const at = this.options.clock().toISOString();
    try {
      const response = await this.options.fetch(delivery.target, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-API-Key": secret, "User-Agent": "Zendesk Conversations webhook (simulator)" },
        body: delivery.body,
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), closing]),
      });
      await response.arrayBuffer().catch(() => undefined);
      const attempt = { at, status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
      return { attempt, verdict: response.ok ? "delivered" : NON_RECOVERABLE.has(response.status) ? "give_up" : "retry" };
    } catch (error) {
      return { attempt: { at, status: null, error: describeFailure(error, this.options.timeoutMs) }, verdict: "retry" };
    }
  }
}
