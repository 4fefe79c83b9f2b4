import { Hono } from "hono";
import { cors } from "hono/cors";
import type { KnowledgeSnapshot } from "../agent";
import type { Config } from "../config";
import type { Conversations } from "../conversations/service";
import type { StreamBus } from "../realtime/bus";
import type { Db } from "../store/db";
import type { WidgetAssets } from "../widget/assets";
import { handleError, notFound } from "./errors";
import { adminArticles, type EditableKnowledge } from "./routes/admin-articles";
import { demoRoutes } from "./routes/demo";
import type { PassageSearch } from "./routes/help-articles";
import { zendeskWebhook } from "./routes/webhooks";
import { conversationsWebhook } from "./routes/conversations-webhook";
import { adminZendesk } from "./routes/admin-zendesk";
import { emailWebhook } from "./routes/email-webhook";
import type { ZendeskClient } from "../zendesk/client";
import type { SunWebhookCall } from "../zendesk/conversations-api/schemas";
import { widgetApi } from "./routes/widget-api";
import { widgetScript } from "./routes/widget-script";

export interface HttpDeps {
  config: Config;
  db: Db;
  bus: StreamBus;
  conversations: Conversations;
  widget: WidgetAssets;
  /** The help center: what the AI agent answers from, the help pages and the help space list, and the admin API edits. */
  knowledge: EditableKnowledge & { current(): KnowledgeSnapshot<PassageSearch> };
  webhookSecrets: () => readonly string[];
  onInboundQueued: () => void;
  clock: () => Date;
  /** Live chats through the Conversations API, when it is connected. */
  /** The Support API client from the environment, if any. */
  zendesk?: ZendeskClient | null | undefined;
  /** fetch for the admin API's Zendesk connection checks (tests inject one). */
  fetch?: typeof fetch | undefined;
  liveChats?: { secrets: () => readonly string[]; receive: (call: SunWebhookCall) => Promise<void> } | undefined;
}

/** The whole HTTP surface of the server. */
export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  app.onError(handleError);
  app.notFound(notFound);

  // Host pages live on any origin and authenticate with bearer tokens, never cookies.
  app.use(
    "/v1/*",
    cors({ origin: "*", allowMethods: ["GET", "POST", "OPTIONS"], allowHeaders: ["Authorization", "Content-Type"], maxAge: 600 }),
  );

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.route("/v1/apps", widgetApi(deps));
  app.route("/widget", widgetScript(deps));
  app.route(
    "/webhooks",
    zendeskWebhook({ db: deps.db, signingSecrets: deps.webhookSecrets, onQueued: deps.onInboundQueued, clock: deps.clock }),
  );
  if (deps.config.inboundEmail) {
    const { secret } = deps.config.inboundEmail;
    app.route("/webhooks", emailWebhook({ db: deps.db, conversations: deps.conversations, secret, replySecret: deps.config.identity.secret }));
  }
  if (deps.liveChats) {
    app.route("/webhooks", conversationsWebhook({ db: deps.db, clock: deps.clock, ...deps.liveChats }));
  }
  app.route("/admin/api", adminZendesk({ config: deps.config, db: deps.db, clock: deps.clock, fetch: deps.fetch, zendesk: deps.zendesk }));
  app.route("/admin/api", adminArticles(deps));
  app.route("/", demoRoutes({ ...deps, articles: () => deps.knowledge.current().articles }));
  return app;
}
