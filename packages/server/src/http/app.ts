import { Hono } from "hono";
import { noSniff, varyOnce } from "./response-headers";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import type { KnowledgeSnapshot } from "../agent";
import { type Config, identitySecrets } from "../config";
import type { Conversations } from "../conversations/service";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";
import type { StreamBus } from "../realtime/bus";
import type { OpenStreams } from "../realtime/open-streams";
import type { Db } from "../store/db";
import type { WidgetAssets } from "../widget/assets";
import { IdentityEnforcement } from "../identity/enforcement";
import { AppLaunch } from "../launch/app-launch";
import { ZendeskReadinessCheck } from "../launch/zendesk-readiness";
import { adminHandoff } from "./routes/admin-handoff";
import { adminSetup } from "./routes/admin-setup";
import { originAllowed } from "../security/origins";
import { RateLimiter } from "../security/rate-limit";
import { SecuritySettings } from "../security/settings";
import { SharedRateLimiter } from "../security/shared-rate-limit";
import { adminIdentity } from "./routes/admin-identity";
import { adminGate, adminLogin } from "./admin-auth";
import { limitBody } from "./body";
import { ApiError, handleError, notFound } from "./errors";
import type { ConsoleAssets } from "../admin/console-assets";
import { adminArticles, type EditableKnowledge } from "./routes/admin-articles";
import { adminConsole } from "./routes/admin-console";
import { adminGuideImport } from "./routes/admin-guide-import";
import { adminConversations } from "./routes/admin-conversations";
import { adminEvents } from "./routes/admin-events";
import { adminInstall } from "./routes/admin-install";
import { adminJobs } from "./routes/admin-jobs";
import { adminTimers } from "./routes/admin-timers";
import { demoRoutes } from "./routes/demo";
import { healthRoutes } from "./routes/health";
import type { PassageSearch } from "./routes/help-articles";
import { zendeskWebhook } from "./routes/webhooks";
import { conversationsWebhook } from "./routes/conversations-webhook";
import { adminZendesk } from "./routes/admin-zendesk";
import { emailWebhook } from "./routes/email-webhook";
import type { SupportApi } from "./routes/admin-setup";
import type { SunWebhookCall } from "../zendesk/conversations-api/schemas";
import { widgetApi } from "./routes/widget-api";
import { widgetScript } from "./routes/widget-script";
import { adminWorkflows } from "./routes/admin-workflows";
import type { WorkflowCatalog } from "../workflow/catalog";

export interface HttpDeps {
  config: Config;
  db: Db;
  bus: StreamBus;
  conversations: Conversations;
  widget: WidgetAssets;
  /** The built admin console, served at /admin. */
  console: ConsoleAssets;
  /** The help center: what the AI agent answers from, the help pages and the help space list, and the admin API edits. */
  knowledge: EditableKnowledge & { current(): KnowledgeSnapshot<PassageSearch> };
  workflows: WorkflowCatalog;
  /** Live or test mode, and the test link (by default read from the database as PARLEY_LIVE says). */
  launch?: AppLaunch | undefined;
  webhookSecrets: () => readonly string[];
  /** True while the agent-reply webhook is being registered with Zendesk: unverifiable deliveries are asked to come back. */
  webhookSettingUp?: () => boolean;
  onInboundQueued: () => void;
  /** A durable timer is due at `dueAt` (run again from the admin API): the outbox worker looks then. */
  onTimerDue?: (dueAt: string) => void;
  clock: () => Date;
  /** Takes secrets out of what is logged. */
  redact?: (text: string) => string;
  /** The Support API the server mirrors conversations with now (the console's connection, else the environment's); null without one. */
  supportApi?: (() => Promise<SupportApi | null>) | undefined;
  /** A connection was saved through the admin API: the server uses it from now on. */
  onZendeskConnected?: (() => Promise<void>) | undefined;
  /** fetch for the admin API's Zendesk connection checks (tests inject one). */
  fetch?: typeof fetch | undefined;
  /** Live chats through the Conversations API, while it is connected. */
  liveChats?: { secrets: () => readonly string[]; settingUp?: () => boolean; receive: (call: SunWebhookCall) => Promise<void> } | undefined;
  logger: Logger;
  metrics: Metrics;
  shuttingDown: () => boolean;
  /** This instance's open streams (capped, and checked again while open). */
  streams: OpenStreams;
}

/** The largest admin body (an article of up to 1 MB, in its JSON envelope). */
const ADMIN_REQUEST_BYTES = 2 * 1024 * 1024;

/** The whole HTTP surface of the server. */
export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  const { rateLimit, rateRules } = deps.config.security;
  const limiter = new RateLimiter(rateLimit, () => deps.clock().getTime(), rateRules);
  const sharedLimiter = new SharedRateLimiter(deps.db, rateLimit, () => deps.clock().getTime(), rateRules);
  const enforcement = new IdentityEnforcement(deps.db, deps.config.app.id, deps.config.identity.enforce, deps.clock);
  const launch = deps.launch ?? new AppLaunch({ db: deps.db, appId: deps.config.app.id, clock: deps.clock, liveByDefault: deps.config.live ?? true });
  const { mergeUnverifiedContacts, allowedOrigins } = deps.config.security;
  const settings = new SecuritySettings(deps.db, deps.config.app.id, { mergeUnverified: mergeUnverifiedContacts, allowedOrigins }, deps.clock);
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

  app.use(noSniff());
  // The answer's Access-Control-Allow-Origin may depend on the asking site (the list can change at
  // any time through the admin API): caches must key on it. Outside the CORS middleware, which lists it too.
  app.use("/v1/*", varyOnce("Origin"));
  // Host pages live on any origin (or the trusted ones: PARLEY_ALLOWED_ORIGINS or the admin API) and
  // authenticate with bearer tokens, never cookies. Only the widget API is CORS-open: never the admin API or webhooks.
  app.use(
    "/v1/*",
    cors({
      origin: async (origin) => {
        const { origins } = await settings.trustedOrigins();
        return origins === null ? "*" : originAllowed(origin, origins) ? origin : null;
      },
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: ["Authorization", "Content-Type"],
      maxAge: 600,
    }),
  );

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.route("/", healthRoutes(deps));
  app.route("/v1/apps", widgetApi({ ...deps, limiter, sharedLimiter, enforcement, settings, greeting: async () => (await deps.workflows.live()).workflow.greeting }));
  app.route("/widget", widgetScript({ ...deps, launch }));
  app.route(
    "/webhooks",
    zendeskWebhook({
      db: deps.db,
      signingSecrets: deps.webhookSecrets,
      ...(deps.webhookSettingUp && { settingUp: deps.webhookSettingUp }),
      onQueued: deps.onInboundQueued,
      clock: deps.clock,
    }),
  );
  const adminAuth = { config: deps.config, db: deps.db, limiter, sharedLimiter, clock: deps.clock };
  app.use("/admin/api/*", adminGate(adminAuth));
  // A backstop for admin routes that set no limit of their own; each router caps its bodies lower.
  app.use("/admin/api/*", limitBody(ADMIN_REQUEST_BYTES));
  app.route("/admin/api", adminLogin(adminAuth));
  if (deps.config.inboundEmail) {
    const { secret } = deps.config.inboundEmail;
    app.route("/webhooks", emailWebhook({ db: deps.db, conversations: deps.conversations, secret, replySecrets: identitySecrets(deps.config) }));
  }
  if (deps.liveChats) {
    app.route("/webhooks", conversationsWebhook({ db: deps.db, clock: deps.clock, ...deps.liveChats }));
  }
  app.route("/admin/api", adminZendesk({ config: deps.config, db: deps.db, clock: deps.clock, fetch: deps.fetch, supportApi: deps.supportApi, onConnected: deps.onZendeskConnected }));
  app.route("/admin/api", adminJobs({ ...deps, onRetry: deps.onInboundQueued }));
  app.route("/admin/api", adminTimers({ ...deps, onRetry: (dueAt) => deps.onTimerDue?.(dueAt) }));
  app.route("/admin/api", adminArticles(deps));
  app.route("/admin/api", adminGuideImport(deps));
  app.route("/admin/api", adminIdentity({ ...deps, enforcement, settings }));
  app.route("/admin/api", adminInstall(deps));
  app.route("/admin/api", adminConversations(deps));
  app.route("/admin/api", adminEvents(deps));
  app.get("/admin", (c) => c.redirect("/admin/", 301));
  app.route("/admin/", adminConsole(deps));
  app.route("/admin/api", adminWorkflows(deps));
  const readiness = new ZendeskReadinessCheck({ db: deps.db, config: deps.config, ...(deps.fetch && { checks: { fetch: deps.fetch } }) });
  app.route("/admin/api", adminHandoff({ ...deps, readiness }));
  app.route("/admin/api", adminSetup({ ...deps, launch, readiness }));
  app.route("/", demoRoutes({ ...deps, articles: () => deps.knowledge.current().articles }));
  return app;
}
