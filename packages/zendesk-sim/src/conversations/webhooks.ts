import type { Clock } from "../clock";
import type { ConversationsAccount, SunEvent } from "./model";

/** One webhook call as the delivery log shows it. */
export interface ConversationsDelivery {
  webhookId: string;
  target: string;
  eventIds: string[];
  eventTypes: string[];
  body: string;
  state: "pending" | "delivered" | "failed";
  attempts: { at: string; status: number | null; error: string | null }[];
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
  private readonly inFlight = new Set<Promise<void>>();
  private closing = new AbortController();

  constructor(
    private readonly options: { fetch: typeof fetch; clock: Clock; retryDelaysMs: readonly number[]; timeoutMs: number },
  ) {}

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
        const run = this.deliver(delivery, webhook.secret, this.closing.signal).finally(() => this.inFlight.delete(run));
        this.inFlight.add(run);
      }
    }
  }

  deliveries(): readonly ConversationsDelivery[] {
    return this.log;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  clear(): void {
    this.closing.abort();
    this.closing = new AbortController();
    this.log.length = 0;
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.idle();
  }

  private async deliver(delivery: ConversationsDelivery, secret: string, closing: AbortSignal): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve)); // the API answer goes out first
    const { retryDelaysMs } = this.options;
    for (let attempt = 0; attempt <= retryDelaysMs.length && !closing.aborted; attempt++) {
      if (attempt > 0 && !(await sleep(retryDelaysMs[attempt - 1] ?? 0, closing))) break;
      const at = this.options.clock().toISOString();
      try {
        const response = await this.options.fetch(delivery.target, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-API-Key": secret, "User-Agent": "Zendesk Conversations webhook (simulator)" },
          body: delivery.body,
          signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), closing]),
        });
        await response.arrayBuffer().catch(() => undefined);
        delivery.attempts.push({ at, status: response.status, error: response.ok ? null : `HTTP ${response.status}` });
        if (response.ok) {
          delivery.state = "delivered";
          return;
        }
        if (NON_RECOVERABLE.has(response.status)) break;
      } catch (error) {
        delivery.attempts.push({ at, status: null, error: error instanceof Error ? error.message : String(error) });
      }
    }
    delivery.state = "failed";
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
