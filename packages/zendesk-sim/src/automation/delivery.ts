import type { WebhookRecord } from "../account/state";
import { zendeskTime, type Clock } from "../clock";
import { BackgroundDeliveries, type DeliveryAttempt, describeFailure } from "../webhook-delivery";
import { webhookSignature } from "./signature";
import { authenticationHeaders } from "./webhooks";

export type { DeliveryAttempt };

/** One webhook invocation: a request and its retries. */
export interface WebhookDelivery {
  invocation_id: string;
  webhook_id: string;
  trigger_id: number | null;
  ticket_id: number | null;
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  state: "pending" | "delivered" | "failed";
  attempts: DeliveryAttempt[];
}

export interface DeliveryOptions {
  fetch: typeof fetch;
  clock: Clock;
  accountId: () => number;
  /** Waits before each retry; their number is the number of retries. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  /** How many deliveries the log keeps. */
  logSize: number;
}

const CONTENT_TYPES: Record<WebhookRecord["request_format"], string> = {
  json: "application/json",
  xml: "application/xml",
  form_encoded: "application/x-www-form-urlencoded",
};

/**
 * Sends webhook requests in the background, never holding up the API response that caused them:
 * signed, with a timeout, retried with backoff on network errors and non-2xx answers.
 */
export class WebhookDispatcher {
  private readonly log: WebhookDelivery[] = [];
  private readonly runs: BackgroundDeliveries;
  private nextInvocation = Date.now() * 1000;

  constructor(private readonly options: DeliveryOptions) {
    this.runs = new BackgroundDeliveries(options.retryDelaysMs);
  }

  /** Queues one invocation of `webhook` with an already rendered body. */
  dispatch(
    webhook: WebhookRecord,
    body: string,
    about: { triggerId: number | null; ticketId: number | null },
  ): WebhookDelivery {
    const delivery: WebhookDelivery = {
      invocation_id: String(this.nextInvocation++),
      webhook_id: webhook.id,
      trigger_id: about.triggerId,
      ticket_id: about.ticketId,
      endpoint: webhook.endpoint,
      method: webhook.http_method,
      headers: {},
      body: sendsBody(webhook.http_method) ? body : "",
      state: "pending",
      attempts: [],
    };
    this.log.push(delivery);
    if (this.log.length > this.options.logSize) this.log.splice(0, this.log.length - this.options.logSize);
    // Any answer but a 2xx, or none, is tried again.
    this.runs.start(delivery, async (closing) => {
      const attempt = await this.attempt(webhook, delivery, closing);
      const accepted = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
      return { attempt, verdict: accepted ? "delivered" : "retry" };
    });
    return delivery;
  }

  deliveries(): readonly WebhookDelivery[] {
    return this.log;
  }

  /** Resolves once every queued delivery has succeeded or used up its retries. */
  idle(): Promise<void> {
    return this.runs.idle();
  }

  /** Forgets the log and stops pending retries. */
  clear(): void {
    this.runs.stop();
    this.log.length = 0;
  }

  close(): Promise<void> {
    return this.runs.close();
  }

  private async attempt(webhook: WebhookRecord, delivery: WebhookDelivery, closing: AbortSignal): Promise<DeliveryAttempt> {
    const timestamp = zendeskTime(this.options.clock());
    const headers: Record<string, string> = {
      ...webhook.custom_headers,
      ...authenticationHeaders(webhook.authentication),
      "Content-Type": CONTENT_TYPES[webhook.request_format],
      "User-Agent": "Zendesk Webhook",
      "x-zendesk-account-id": String(this.options.accountId()),
      "x-zendesk-webhook-id": webhook.id,
      "x-zendesk-webhook-invocation-id": delivery.invocation_id,
      "x-zendesk-webhook-signature": webhookSignature(webhook.signing_secret, timestamp, delivery.body),
      "x-zendesk-webhook-signature-timestamp": timestamp,
    };
    // The log shows what was sent, except the webhook's own credentials.
    const secret = new Set(Object.keys(authenticationHeaders(webhook.authentication)));
    delivery.headers = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, secret.has(name) ? "[redacted]" : value]),
    );
    const at = timestamp;
    try {
      const response = await this.options.fetch(webhook.endpoint, {
        method: webhook.http_method,
        headers,
        ...(sendsBody(webhook.http_method) ? { body: delivery.body } : {}),
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), closing]),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { at, status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      return { at, status: null, error: describeFailure(error, this.options.timeoutMs) };
    }
  }
}

function sendsBody(method: string): boolean {
  return method === "POST" || method === "PUT" || method === "PATCH";
}
