import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { createApp } from "./app";
import { resetControls, type ApiControls } from "./api/guard";
import type { ApiEnv } from "./api/http";
import { RateLimiter } from "./api/rate-limit";
import type { WebhookDelivery } from "./automation/delivery";
import { Faults } from "./control/faults";
import { SimulatedZendesk } from "./zendesk";

export type { DeliveryAttempt, WebhookDelivery } from "./automation/delivery";
export type { ConversationsDelivery } from "./conversations/webhooks";
import type { ConversationsDelivery } from "./conversations/webhooks";

/** How to set up a simulated Zendesk account. Every option has a default that works locally. */
export interface SimulatorOptions {
  /** The account's subdomain (`{subdomain}.zendesk.com` in real life). Default `sim`. */
  subdomain?: string;
  /** The admin agent ("Alex Agent") the API token belongs to. Default `agent@sim.zendesk.test`. */
  agentEmail?: string;
  /** The API token: `Authorization: Basic base64("{agentEmail}/token:{apiToken}")`. Default `sim-token`. */
  apiToken?: string;
  /** The signing secret of webhooks created without one. Default `sim-webhook-secret`. */
  webhookSigningSecret?: string;
  /**
   * OAuth access tokens accepted as `Authorization: Bearer …`. Default: `sim-oauth-token`, acting as
   * the agent with scopes `read` and `write`.
   */
  oauthTokens?: readonly { token: string; email: string; scopes: readonly string[] }[];
  /** A JSON file the account is loaded from at start and saved to after changes. */
  dataFile?: string;
  /** The clock; tests inject one. */
  now?: () => Date;
  /** Sends webhook requests; tests inject one. */
  fetch?: typeof fetch;
  /** The API's requests-per-minute budget. Default 700 (Enterprise plan). */
  rateLimitPerMinute?: number;
  /** Waits before each webhook retry; their count is the number of retries. Default 1 s, 5 s, 25 s. */
  webhookRetryDelaysMs?: readonly number[];
  /**
   * The Conversations API app: id `sim-app`, key id `sim-key`, secret `sim-secret`, multiple
   * conversations on, 1,000 requests per minute, webhook retries after 1, 5, 25 and 125 s.
   */
  conversations?: {
    appId?: string;
    keyId?: string;
    secret?: string;
    multiConvoEnabled?: boolean;
    rateLimitPerMinute?: number;
    webhookRetryDelaysMs?: readonly number[];
  };
}

/** A simulated Zendesk account and its HTTP app. */
export interface Simulator {
  /** The HTTP app: the Support API under `/api/v2`, the agent page at `/agent`, controls under `/__sim`. */
  readonly app: Hono<ApiEnv>;
  /** Answers one request (the same as `app.fetch`). */
  fetch(request: Request): Promise<Response>;
  /** What a client needs to connect. */
  readonly credentials: { subdomain: string; email: string; apiToken: string; webhookSigningSecret: string };
  /** What a Conversations API client needs: the app id and the app key. */
  readonly conversationsCredentials: { appId: string; keyId: string; secret: string };
  /** The Conversations API's webhook calls, oldest first. */
  conversationsDeliveries(): readonly ConversationsDelivery[];
  /** Empties the account (the agent stays), clears faults, latency and the delivery log. */
  reset(): void;
  /** The webhook delivery log, oldest first. */
  deliveries(): readonly WebhookDelivery[];
  /** Resolves once every webhook delivery in flight has succeeded or used up its retries. */
  idle(): Promise<void>;
  /** Writes the data file now, if there is one and it has unsaved changes. */
  flush(): Promise<void>;
  /** Stops webhook deliveries and saves. */
  close(): Promise<void>;
}

/** Creates a simulated Zendesk account; serve `simulator.app` yourself or use `startSimulator`. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const clock = options.now ?? (() => new Date());
  const zendesk = new SimulatedZendesk({
    subdomain: options.subdomain ?? "sim",
    agentEmail: (options.agentEmail ?? "agent@sim.zendesk.test").toLowerCase(),
    agentName: "Alex Agent",
    apiToken: options.apiToken ?? "sim-token",
    webhookSigningSecret: options.webhookSigningSecret ?? "sim-webhook-secret",
    clock,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    dataFile: options.dataFile,
    webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? [1_000, 5_000, 25_000],
    oauthTokens: options.oauthTokens ?? [
      { token: "sim-oauth-token", email: (options.agentEmail ?? "agent@sim.zendesk.test").toLowerCase(), scopes: ["read", "write"] },
    ],
    conversations: {
      appId: options.conversations?.appId ?? "sim-app",
      appName: "Simulated messaging",
      keyId: options.conversations?.keyId ?? "sim-key",
      secret: options.conversations?.secret ?? "sim-secret",
      multiConvoEnabled: options.conversations?.multiConvoEnabled ?? true,
    },
    conversationsRetryDelaysMs: options.conversations?.webhookRetryDelaysMs ?? [1_000, 5_000, 25_000, 125_000],
  });
  const controls: ApiControls = {
    faults: new Faults(),
    limiter: new RateLimiter(options.rateLimitPerMinute ?? 700, clock),
    conversationsLimiter: new RateLimiter(options.conversations?.rateLimitPerMinute ?? 1_000, clock),
    latency: { ms: 0 },
  };
  const app = createApp(zendesk, controls);
  const { settings } = zendesk;
  return {
    app,
    fetch: async (request) => app.fetch(request),
    credentials: {
      subdomain: settings.subdomain,
      email: settings.agentEmail,
      apiToken: settings.apiToken,
      webhookSigningSecret: settings.webhookSigningSecret,
    },
    reset: () => {
      zendesk.reset();
      resetControls(controls);
    },
    conversationsCredentials: {
      appId: settings.conversations.appId,
      keyId: settings.conversations.keyId,
      secret: settings.conversations.secret,
    },
    conversationsDeliveries: () => zendesk.conversationWebhooks.deliveries(),
    deliveries: () => zendesk.dispatcher.deliveries(),
    idle: async () => {
      await zendesk.dispatcher.idle();
      await zendesk.conversationWebhooks.idle();
    },
    flush: () => zendesk.flush(),
    close: () => zendesk.close(),
  };
}

/** Creates a simulator and serves it over HTTP (port 0 picks a free port). */
export async function startSimulator(
  options: SimulatorOptions & { port: number; hostname?: string },
): Promise<{ url: string; simulator: Simulator; close(): Promise<void> }> {
  const simulator = createSimulator(options);
  const hostname = options.hostname ?? "127.0.0.1";
  type Listening = { server: ReturnType<typeof serve>; address: AddressInfo };
  const { server, address } = await new Promise<Listening>((resolve, reject) => {
    const server = serve({ fetch: simulator.app.fetch, port: options.port, hostname }, (address) => resolve({ server, address }));
    server.once("error", reject);
  });
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    simulator,
    close: async () => {
      await simulator.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
    },
  };
}

/** Zendesk's OpenAPI description of the Conversations API, as a checker for requests and answers (tests). */
export { type ConversationsContract, conversationsContract } from "./conversations/openapi-contract";
