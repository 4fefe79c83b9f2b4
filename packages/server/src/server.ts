import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { type Answerer, answererFollowing, createBuiltInAnswerer, KnowledgeBase, KnowledgeIndex } from "./agent";
import { createLlmAnswerer, type LlmProvider, type RetrievedPassage } from "./agent/llm";
import { type Config, ConfigError, type LlmConfig } from "./config";
import { aiLaneHandler } from "./conversations/ai-lane";
import { timerLaneHandler } from "./conversations/timer-lane";
import { Conversations } from "./conversations/service";
import { readFile } from "node:fs/promises";
import type { EngineConfig } from "./engine";
import { createHttpApp } from "./http/app";
import { standingBase } from "./http/public-url";
import { parseTask } from "./outbox/tasks";
import { type OutboxHandler, OutboxWorker } from "./outbox/worker";
import { createLogger, type Logger } from "./observability/logger";
import { Metrics } from "./observability/metrics";
import { StreamBus } from "./realtime/bus";
import { siteForLinks } from "./store/origins";
import { MAX_STREAMS_PER_ADDRESS, MAX_STREAMS_PER_CONTACT, OpenStreams, STREAM_RECHECK_MS } from "./realtime/open-streams";
import { createRedactor } from "./security/redact";
import { secretBoxFor } from "./security/secret-box";
import { PostgresStreamRelay } from "./realtime/postgres-relay";
import { listArticles } from "./store/articles";
import { type Db, openDatabase } from "./store/db";
import { pruneOld } from "./store/retention";
import { TIMER_LANE, timerJobs } from "./store/timers";
import type { StoredFrame } from "./store/stream-events";
import { WidgetAssets } from "./widget/assets";
import { ConsoleAssets } from "./admin/console-assets";
import { createZendeskClient, type ZendeskClient } from "./zendesk/client";
import { ZendeskEffects } from "./zendesk/executor";
import { runsTogether } from "./zendesk/ticket-changes";
import { ensureAgentReplyWebhook } from "./zendesk/setup";
import { defaultWorkflow, validateWorkflow } from "./workflow";
import { WorkflowCatalog } from "./workflow/catalog";
import { AppLaunch } from "./launch/app-launch";
import { createWorkflowLlm } from "./workflow/llm-steps";
import { type ConversationsClient, createConversationsClient } from "./zendesk/conversations-api/client";
import { loadConnection } from "./zendesk/connections/store";
import { type ConnectionsInEffect, type SupportConnection, ZendeskConnections } from "./zendesk/connections/in-effect";
import { AgentReplyNotifier } from "./email/agent-reply-notifier";
import { createMailer } from "./email/mailer";
import { replyAddress } from "./email/reply-address";
import * as z from "zod";
import { ensureConversationsWebhook } from "./zendesk/conversations-api/setup";
import { type LiveChatEvents, LiveChatTransport } from "./zendesk/handoff/live-chat";

export interface ParleyOptions {
  /** The built Messenger (packages/messenger/dist). */
  widgetDir: string;
  /** The built admin console (default: packages/admin/dist, next to the Messenger's). */
  consoleDir?: string;
  clock?: () => Date;
  /** fetch for outgoing calls (Zendesk, the LLM), injectable for tests. */
  fetch?: typeof fetch;
  log?: (message: string) => void;
  /** Structured logs (pino); by default JSON lines on stdout at PARLEY_LOG_LEVEL. */
  logger?: Logger;
  /** The AI agent; by default the built-in answerer over the knowledge folder. */
  answerer?: Answerer;
}

export interface Parley {
  app: Hono;
  db: Db;
  /** Carries stream frames to this process's open streams, and ends them on shutdown. */
  bus: StreamBus;
  /** This process's open streams: capped per contact and address, and checked again every 30 s. */
  streams: OpenStreams;
  /** Performs queued jobs and fires durable timers (the clarifying question's "no reply" timer). */
  outbox: OutboxWorker;
  conversations: Conversations;
  workflows: WorkflowCatalog;
  /** The help-center articles the AI agent answers from, kept current as the folder and the admin API change them. */
  knowledge: KnowledgeBase<KnowledgeIndex>;
  /** Starts background work: the outbox worker (jobs and due timers), and registering the agent-reply webhook with Zendesk. */
  start(): void;
  /** Resolves once Zendesk has been set up to call back (immediately without Zendesk). */
  zendeskReady: Promise<void>;
  /** Emails agents' replies to customers who are not in the Messenger. */
  notifier: AgentReplyNotifier;
  /** Where emails go (SMTP, or a folder of .eml files), for the start-up banner. */
  emailDestination: string;
  /** Resolves once the Conversations API has been set up to call back (immediately without it). */
  conversationsReady: Promise<void>;
  /** The Support API's address the server works with now (a connection made in the console wins over ZENDESK_*); null without one. */
  zendeskUrl(): string | null;
  stop(): Promise<void>;
}

/** Builds the whole server from its configuration: storage, knowledge, engine, Zendesk, HTTP. */
export async function createParley(config: Config, options: ParleyOptions): Promise<Parley> {
  const clock = options.clock ?? (() => new Date());
  const webhookSecrets: string[] = config.zendesk?.webhookSecret ? [config.zendesk.webhookSecret] : [];
  // Nothing Parley logs carries a secret: configured ones by value, tokens and hashes by shape.
  const redact = createRedactor(() => [
    config.identity.secret,
    config.identity.previousSecret,
    config.adminToken,
    config.zendesk?.auth.kind === "api_token" ? config.zendesk.auth.token : config.zendesk?.auth.accessToken,
    config.conversations?.secret,
    // and the ones connected in the console, as they are now
    ...(zendeskConnections ? connectionSecrets(zendeskConnections.connections) : []),
    config.inboundEmail?.secret,
    config.llm?.apiKey,
    config.smtpUrl,
    ...webhookSecrets,
  ]);
  let zendeskConnections: ZendeskConnections<ZendeskInUse> | undefined;
  const logger = options.logger ?? createLogger(config.logLevel, redact);
  const write = options.log ?? ((message: string) => logger.info(message));
  const log = (message: string) => write(redact(message));
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  const knowledge = await openKnowledge(config, db, log).catch(async (error: unknown) => {
    await db.destroy();
    throw error;
  });
  // Every question is answered from the articles as they are now, one answerer per version of them.
  const answerer = options.answerer ?? answererFollowing(knowledge, (index) => {
    const builtIn = createBuiltInAnswerer(index);
    return config.llm ? llmAnswerer(config.llm, index, builtIn, options.fetch, log) : builtIn;
  });
  const citationBase = standingBase(config);

  const bus = new StreamBus();
  // With PostgreSQL, the frames other instances commit reach this instance's streams too.
  const relay = config.databaseUrl ? new PostgresStreamRelay({ url: config.databaseUrl, bus, db, log }) : null;
  await relay?.start().catch(async (error: unknown) => {
    await knowledge.close();
    await db.destroy();
    throw error;
  });
  const metrics = new Metrics({ db, openStreams: () => bus.openStreams, clock });
  const zendeskFetch = metrics.timedZendeskFetch(options.fetch ?? ((input, init) => fetch(input, init)));

  // Zendesk's lanes are performed while a Support API is connected (see zendeskConnections below).
  const lanes = new Set(["ai"]);
  let outbox: OutboxWorker | undefined;
  // Without jobs to run here (PARLEY_RUN_JOBS=false) the worker is never started, kicked or woken.
  const kick = (lanes?: ReadonlySet<string>) => (config.runJobs ? outbox?.kick(lanes) : undefined);
  const wakeAt = (dueAt: string) => (config.runJobs ? outbox?.wakeAt(dueAt) : undefined);
  // The AI agent speaks as the app, as the greeting does; the Messenger marks it "AI Agent".
  const engine: Omit<EngineConfig, "workflow"> = {
    tags: config.tags,
    aiAuthorName: config.app.name,
    clarifyTimeoutSeconds: config.clarifyTimeoutSeconds,
  };
  const workflows = new WorkflowCatalog({ db, defaultWorkflow: defaultWorkflow({ greeting: config.app.greeting, handoffMode: config.handoffMode }), clock });
  if (config.workflowFile) {
    await loadWorkflowFile(config.workflowFile, workflows, log).catch(async (error: unknown) => {
      await knowledge.close();
      await db.destroy();
      throw error;
    });
  }
  const launch = new AppLaunch({ db, appId: config.app.id, clock, liveByDefault: config.live ?? true });
  // PARLEY_LIVE set: the operator's word at every start; unset: the console's last switch holds.
  if (config.live !== null) await launch.setLive(config.live);
  const onCommitted = (frames: readonly StoredFrame[]) => {
    relay?.announce(frames);
    for (const { frame } of frames) if (frame.type === "message") metrics.messages.inc({ author: frame.message.author.type });
  };
  const conversations = new Conversations({
    db,
    engine,
    workflows,
    bus,
    lanes,
    onEffectsQueued: kick,
    onTimerScheduled: wakeAt,
    onCommitted,
    clock,
  });

  const mailer = createMailer({ smtpUrl: config.smtpUrl, dataDir: config.dataDir, from: config.emailFrom });
  const notifier = new AgentReplyNotifier({
    db,
    bus,
    mailer,
    clock,
    appName: config.app.name,
    reopenUrl: async () => `${(await siteForLinks(db, config.app.id, config.security.allowedOrigins, new URL(citationBase).origin)) ?? citationBase}/`,
    replyTo: config.inboundEmail
      ? (conversationId) => replyAddress(conversationId, config.identity.secret, config.inboundEmail?.replyDomain ?? "")
      : undefined,
    log,
  });
  const liveChatEvents: LiveChatEvents = {
    agentReplied: async (conversationId, reply) => {
      await conversations.apply(conversationId, { type: "agent.replied", text: reply.text, authorName: reply.authorName, externalRef: reply.externalRef });
      await notifier.replied(conversationId);
    },
    controlReleased: async (conversationId, reason) => {
      log(`[zendesk] the agents handed conversation ${conversationId} back${reason ? ` (${reason})` : ""}`);
      await conversations.apply(conversationId, { type: "handoff.released", reason });
    },
  };
  const conversationsSecrets: string[] = [];

  const workflowLlm = config.llm ? createWorkflowLlm({ provider: llmProvider(config.llm), timeoutMs: config.llm.timeoutMs, fetch: options.fetch, log }) : undefined;
  const box = secretBoxFor(config.security.secretsKey);
  /** The clients and the effects performer for the Zendesk connections in effect; made again when they change. */
  const buildZendesk = ({ support, conversations: conversationsApi }: ConnectionsInEffect): ZendeskInUse => {
    const client = support ? createZendeskClient({ baseUrl: support.baseUrl, auth: support.auth, fetch: zendeskFetch }) : null;
    // As with the Support API, the client repeats only what is safe to repeat (reads, pass control);
    // creating a conversation or posting a message is tried once, and the outbox retries the hand-off,
    // which looks before it writes again.
    const conversationsClient = conversationsApi
      ? createConversationsClient({
          baseUrl: conversationsApi.baseUrl,
          appId: conversationsApi.appId,
          auth: { kind: conversationsApi.auth, keyId: conversationsApi.keyId, secret: conversationsApi.secret },
          ...(options.fetch && { fetch: options.fetch }),
        })
      : null;
    const liveChat = conversationsClient
      ? new LiveChatTransport({ db, client: conversationsClient, aiName: config.app.name, clock, listening: () => !conversationsSettingUp })
      : undefined;
    const effects = client
      ? new ZendeskEffects({
          db,
          client,
          conversations,
          clock,
          liveChat,
          routedTag: engine.tags.routedToTeam,
          onAgentReplied: (conversationId) => notifier.replied(conversationId),
          workflowLlm,
          aiAgentId: async () => config.zendesk?.aiAgentId ?? (await loadConnection(db, "ai_agent", z.null(), box))?.credentials.userId ?? null,
        })
      : null;
    return { support, client, conversationsClient, liveChat, effects };
  };
  zendeskConnections = await ZendeskConnections.open({
    db,
    box,
    environment: { support: config.zendesk && { baseUrl: config.zendesk.baseUrl, auth: config.zendesk.auth }, conversations: config.conversations },
    build: buildZendesk,
    onChange: (inUse, changed) => {
      performZendeskLanes(inUse);
      log(`[zendesk] the ${[changed.support && "Support API", changed.conversations && "Conversations API"].filter(Boolean).join(" and ")} connection changed: used from now on`);
      if (started && changed.support) void setUpZendesk(inUse);
      if (started && changed.conversations) void setUpConversations(inUse);
      if (changed.support) kick(ZENDESK_LANES);
    },
    clock,
    log,
  }).catch(async (error: unknown) => {
    await relay?.stop();
    await knowledge.close();
    await db.destroy();
    throw error;
  });
  const inEffect = zendeskConnections;
  /** Without a Support API, Zendesk effects are not kept (nothing would perform them). */
  const performZendeskLanes = (inUse: ZendeskInUse) => {
    for (const lane of ZENDESK_LANES) {
      if (inUse.client) lanes.add(lane);
      else lanes.delete(lane);
    }
  };
  performZendeskLanes(inEffect.now);

  const handlers: Record<string, OutboxHandler> = {
    ai: aiLaneHandler({ answerer, conversations, citationBase }),
    [TIMER_LANE]: timerLaneHandler(conversations),
  };
  // Each attempt asks for the connection in effect, so a job retried after "Connect Zendesk" uses the new one.
  handlers.zendesk = handlers["zendesk-inbound"] = async (row, along) => {
    const { effects } = await inEffect.current();
    if (!effects) throw new Error("Zendesk is not connected: connect the Zendesk API in the admin console (or set ZENDESK_*)");
    // Tag and status changes of one ticket queued together (and the comment behind them): one ticket update.
    if (along.length > 0) {
      return effects.performTogether(row.conversationId, [row, ...along].map((job) => ({ id: job.id, attempts: job.attempts - 1, task: parseTask(job.effect) })));
    }
    // The outbox counts the attempt it is making; the effects want to know of earlier ones.
    return effects.perform(row.conversationId, parseTask(row.effect), { id: row.id, attempts: row.attempts - 1 });
  };
  outbox = new OutboxWorker({
    db,
    handlers,
    // Due timers are claimed from their own table, with the same leases, retries and shutdown.
    queues: { [TIMER_LANE]: timerJobs(db) },
    clock,
    log,
    leaseMs: config.jobLeaseSeconds * 1000,
    runTogether: { zendesk: runsTogether },
    onOutcome: (row, outcome) => {
      metrics.jobsFinished.inc({ lane: row.lane, outcome });
      if (row.lane === "ai" && outcome === "done") metrics.answerSeconds.observe((clock().getTime() - Date.parse(row.createdAt)) / 1000);
    },
  });

  // PARLEY_RATE_LIMIT=off (load tests from one address) lifts the per-address cap too.
  const streams = new OpenStreams({
    perContact: MAX_STREAMS_PER_CONTACT,
    perAddress: config.security.rateLimit ? MAX_STREAMS_PER_ADDRESS : Number.POSITIVE_INFINITY,
    recheckMs: STREAM_RECHECK_MS,
  });
  const app = createHttpApp({
    streams,
    config,
    db,
    bus,
    conversations,
    widget: new WidgetAssets(options.widgetDir),
    console: new ConsoleAssets(options.consoleDir ?? join(options.widgetDir, "../../admin/dist")),
    knowledge,
    workflows,
    launch,
    webhookSecrets: () => webhookSecrets,
    webhookSettingUp: () => zendeskSettingUp,
    onInboundQueued: kick,
    onTimerDue: wakeAt,
    clock,
    redact,
    fetch: options.fetch,
    supportApi: async () => {
      const { client, support } = await inEffect.current();
      return client && support && { client, baseUrl: support.baseUrl };
    },
    onZendeskConnected: async () => void (await inEffect.refresh()),
    liveChats: {
      secrets: () => conversationsSecrets,
      settingUp: () => conversationsSettingUp,
      receive: async (call) => {
        const { liveChat } = await inEffect.current();
        if (!liveChat) throw new Error("the Conversations API is not connected");
        await liveChat.receive(call, liveChatEvents);
      },
    },
    logger,
    metrics,
    shuttingDown: () => stopped || bus.closing,
  });

  let stopped = false;
  let started = false;
  let stopWatching: () => void = () => {};
  let pruneTimer: NodeJS.Timeout | undefined;
  // Until the webhooks are registered and their secrets known, deliveries Parley cannot verify are
  // asked to come back rather than refused for good (Zendesk drops a delivery answered 401).
  let zendeskSettingUp = inEffect.now.client !== null;
  let markReady: () => void = () => {};
  const zendeskReady = new Promise<void>((resolve) => (markReady = resolve)).then(() => void (zendeskSettingUp = false));

  let conversationsSettingUp = inEffect.now.conversationsClient !== null;
  let markConversationsReady: () => void = () => {};
  const conversationsReady = new Promise<void>((resolve) => (markConversationsReady = resolve)).then(() => void (conversationsSettingUp = false));

  /** A registration still going when the connection changes again gives way to the new one's. */
  const setUpFor = { support: null as ZendeskInUse | null, conversations: null as ZendeskInUse | null };

  async function setUpConversations(inUse: ZendeskInUse): Promise<void> {
    setUpFor.conversations = inUse;
    const conversationsClient = inUse.conversationsClient;
    if (!conversationsClient) return markConversationsReady();
    conversationsSettingUp = true;
    const done = () => {
      conversationsSettingUp = false;
      markConversationsReady();
    };
    const endpoint = `${config.publicUrl ?? `http://localhost:${config.port}`}/webhooks/conversations`;
    for (let attempt = 1; !stopped && setUpFor.conversations === inUse; attempt++) {
      try {
        const secret = await ensureConversationsWebhook(conversationsClient, endpoint);
        if (!conversationsSecrets.includes(secret)) conversationsSecrets.push(secret);
        log(`[zendesk] live chat messages will arrive at ${endpoint}`);
        return done();
      } catch (error) {
        const delay = Math.min(1000 * 2 ** attempt, 60_000);
        log(`[zendesk] could not register the Conversations API webhook (attempt ${attempt}), retrying in ${delay / 1000}s: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  async function setUpZendesk(inUse: ZendeskInUse): Promise<void> {
    setUpFor.support = inUse;
    const { client: zendesk, support } = inUse;
    if (!zendesk || !support) return markReady();
    const done = () => {
      zendeskSettingUp = false;
      markReady();
    };
    const remote = !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(support.baseUrl);
    if (remote && !config.publicUrl) {
      log("[zendesk] PARLEY_PUBLIC_URL is not set, so Zendesk cannot reach /webhooks/zendesk: agent replies will not reach the Messenger.");
      return done();
    }
    zendeskSettingUp = true;
    const endpoint = `${config.publicUrl ?? `http://localhost:${config.port}`}/webhooks/zendesk`;
    for (let attempt = 1; !stopped && setUpFor.support === inUse; attempt++) {
      try {
        const secret = await ensureAgentReplyWebhook(zendesk, { endpoint, messengerTag: engine.tags.messenger });
        if (!webhookSecrets.includes(secret)) webhookSecrets.push(secret);
        log(`[zendesk] agent replies will arrive at ${endpoint}`);
        return done();
      } catch (error) {
        const delay = Math.min(1000 * 2 ** attempt, 60_000);
        log(`[zendesk] could not register the agent-reply webhook (attempt ${attempt}), retrying in ${delay / 1000}s: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  return {
    app,
    db,
    bus,
    streams,
    outbox,
    workflows,
    conversations,
    knowledge,
    zendeskReady,
    conversationsReady,
    notifier,
    emailDestination: mailer.destination,
    zendeskUrl: () => inEffect.connections.support?.baseUrl ?? null,
    start() {
      started = true;
      if (config.runJobs) outbox?.start();
      streams.start();
      void setUpZendesk(inEffect.now);
      void setUpConversations(inEffect.now);
      stopWatching = inEffect.watch();
      notifier.start();
      if (config.retentionDays !== null) {
        const days = config.retentionDays;
        const prune = () =>
          pruneOld(db, clock(), days)
            .then((pruned) => logger.info({ pruned, older_than_days: days }, "pruned old rows"))
            .catch((error: unknown) => logger.warn({ err: error }, "pruning old rows failed; trying again next hour"));
        pruneTimer = setTimeout(function again() {
          void prune();
          pruneTimer = setTimeout(again, PRUNE_EVERY_MS).unref();
        }, PRUNE_FIRST_AFTER_MS).unref();
      }
    },
    async stop() {
      stopped = true;
      stopWatching();
      streams.stop();
      if (pruneTimer) clearTimeout(pruneTimer);
      await notifier.stop();
      await knowledge.close();
      await outbox?.stop();
      await relay?.stop();
      await db.destroy();
    },
  };
}

/** Old rows are pruned a minute after start (not during it), then hourly. */
const PRUNE_FIRST_AFTER_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;

/** How many passages the LLM is given: enough for a follow-up or a choice between articles, few enough to stay quick. */
const LLM_PASSAGES = 8;

/** The configured LLM, answering from the passages the knowledge index finds, with the built-in answerer to fall back on. */
function llmAnswerer(
  llm: LlmConfig,
  index: KnowledgeIndex,
  builtIn: Answerer,
  fetch: typeof globalThis.fetch | undefined,
  log: (message: string) => void,
): Answerer {
  const localeOf = new Map(index.articles.map((article) => [article.id, article.locale]));
  return createLlmAnswerer({
    provider: llmProvider(llm),
    retrieve: async (request) =>
      index.search(request.question, { limit: LLM_PASSAGES, ...(request.locale && { hint: request.locale }) }).candidates.map(({ passage }): RetrievedPassage => ({
        id: passage.id,
        articleId: passage.articleId,
        title: passage.articleTitle,
        url: passage.articleUrl,
        locale: localeOf.get(passage.articleId) ?? "en",
        heading: passage.heading,
        text: passage.text,
      })),
    fallback: builtIn,
    timeoutMs: llm.timeoutMs,
    ...(fetch && { fetch }),
    log,
  });
}

function llmProvider(llm: LlmConfig): LlmProvider {
  return { kind: llm.provider, baseUrl: llm.baseUrl, apiKey: llm.apiKey, model: llm.model };
}

/** The knowledge folder and the admin API's articles; a folder that is not there stops the start with the fix. */
async function openKnowledge(config: Config, db: Db, log: (message: string) => void): Promise<KnowledgeBase<KnowledgeIndex>> {
  try {
    return await KnowledgeBase.open({
      dir: config.knowledgeDir,
      loadApiArticles: () => listArticles(db),
      buildIndex: (articles) => KnowledgeIndex.build(articles),
      log,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new ConfigError(`PARLEY_KNOWLEDGE_DIR: ${config.knowledgeDir} is not a folder. Point it at your help-center articles.`);
    }
    throw error;
  }
}

/**
 * Limits on what a client may make the server hold: headers past 16 KB get 431, and a client that
 * takes over 10 s to send its headers or 30 s for its whole request is cut off (streams are
 * responses, so they stay open). Node looks for such clients every `connectionsCheckingInterval`
 * (30 s by default, letting one hold a connection for 40 s): every second, they go on time.
 */
const SERVER_LIMITS = { maxHeaderSize: 16 * 1024, headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 } as const;

/** PARLEY_WORKFLOW_FILE: the workflow is set live at start; a file that is not a valid workflow stops the start, naming each problem. */
async function loadWorkflowFile(file: string, workflows: WorkflowCatalog, log: (message: string) => void): Promise<void> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`PARLEY_WORKFLOW_FILE: cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const check = validateWorkflow(input);
  if (!check.ok) {
    const problems = check.issues.map((issue) => `  ${issue.step === null ? "" : `step "${issue.step}", `}${issue.field}: ${issue.message}`);
    throw new ConfigError(`PARLEY_WORKFLOW_FILE: ${file} is not a valid workflow:\n${problems.join("\n")}`);
  }
  const version = await workflows.setLive(check.workflow);
  log(`[workflow] "${check.workflow.name}" from ${file} is live (version ${version})`);
}

/** How long requests already in progress get to finish once the server stops accepting. */
const REQUEST_GRACE_MS = 2000;

/** Serves a Parley over HTTP; resolves once it listens. */
export async function listen(parley: Parley, port: number, hostname?: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: parley.app.fetch, port, ...(hostname && { hostname }), serverOptions: SERVER_LIMITS }, () => resolve(started));
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${actual}`,
    /**
     * Stops accepting connections, sends every open stream's browser to reconnect (to another
     * instance, or to this one restarted) a second or two from now, spread so they do not all come
     * at once, and lets requests in progress finish for a moment before hanging up on the rest.
     */
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await parley.bus.closeStreams(() => 1000 + Math.floor(Math.random() * 2000));
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      const grace = setTimeout(() => {
        if ("closeAllConnections" in server) server.closeAllConnections();
      }, REQUEST_GRACE_MS);
      await closed;
      clearTimeout(grace);
    },
  };
}

/** Zendesk's lanes of the outbox: effects on tickets, and agents' replies coming in. */
const ZENDESK_LANES: ReadonlySet<string> = new Set(["zendesk", "zendesk-inbound"]);

/** What the server works with for the Zendesk connections in effect. */
interface ZendeskInUse {
  support: SupportConnection | null;
  client: ZendeskClient | null;
  conversationsClient: ConversationsClient | null;
  liveChat: LiveChatTransport | undefined;
  effects: ZendeskEffects | null;
}

/** The secrets of the connections in effect, kept out of the logs. */
function connectionSecrets({ support, conversations }: ConnectionsInEffect): (string | null | undefined)[] {
  return [support?.auth.kind === "api_token" ? support.auth.token : support?.auth.accessToken, conversations?.secret];
}
