import { Hono } from "hono";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import type { KnowledgeSnapshot } from "../agent";
import type { Config } from "../config";
import type { Conversations } from "../conversations/service";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";
import type { StreamBus } from "../realtime/bus";
import type { Db } from "../store/db";
import type { WidgetAssets } from "../widget/assets";
import { ApiError, handleError, notFound } from "./errors";
import { adminArticles, type EditableKnowledge } from "./routes/admin-articles";
import { adminJobs } from "./routes/admin-jobs";
import { demoRoutes } from "./routes/demo";
import { healthRoutes } from "./routes/health";
import type { PassageSearch } from "./routes/help-articles";
import { zendeskWebhook } from "./routes/webhooks";
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
  logger: Logger;
  metrics: Metrics;
  shuttingDown: () => boolean;
}

/** The whole HTTP surface of the server. */
export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    if (!(error instanceof ApiError)) deps.logger.error({ err: error, request_id: c.get("requestId"), method: c.req.method, path: c.req.path }, "request failed");
    return handleError(error, c, { logged: true });
  });
  app.notFound(notFound);

  // Each request gets an id (or keeps the X-Request-Id a proxy gave it), answered in X-Request-Id and logged.
  app.use(requestId({ limitLength: 128 }));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.logger.info(
      { request_id: c.get("requestId"), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 },
      "request",
    );
  });

  // Host pages live on any origin and authenticate with bearer tokens, never cookies.
  app.use(
    "/v1/*",
    cors({ origin: "*", allowMethods: ["GET", "POST", "OPTIONS"], allowHeaders: ["Authorization", "Content-Type"], maxAge: 600 }),
  );

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.route("/", healthRoutes(deps));
  app.route("/v1/apps", widgetApi(deps));
  app.route("/widget", widgetScript(deps));
  app.route(
    "/webhooks",
    zendeskWebhook({ db: deps.db, signingSecrets: deps.webhookSecrets, onQueued: deps.onInboundQueued, clock: deps.clock }),
  );
  app.route("/admin/api", adminJobs({ ...deps, onRetry: deps.onInboundQueued }));
  app.route("/admin/api", adminArticles(deps));
  app.route("/", demoRoutes({ ...deps, articles: () => deps.knowledge.current().articles }));
  return app;
}
