import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { type Answerer, answererFollowing, createBuiltInAnswerer, KnowledgeBase, KnowledgeIndex } from "./agent";
import { createLlmAnswerer, type RetrievedPassage } from "./agent/llm";
import { type Config, ConfigError, type LlmConfig } from "./config";
import { aiLaneHandler } from "./conversations/ai-lane";
import { Conversations } from "./conversations/service";
import { DEFAULT_ENGINE_CONFIG, type EngineConfig } from "./engine";
import { createHttpApp } from "./http/app";
import { parseTask } from "./outbox/tasks";
import { type OutboxHandler, OutboxWorker } from "./outbox/worker";
import { createLogger, type Logger } from "./observability/logger";
import { Metrics } from "./observability/metrics";
import { StreamBus } from "./realtime/bus";
import { PostgresStreamRelay } from "./realtime/postgres-relay";
import { listArticles } from "./store/articles";
import { type Db, openDatabase } from "./store/db";
import { pruneOld } from "./store/retention";
import type { StoredFrame } from "./store/stream-events";
import { WidgetAssets } from "./widget/assets";
import { createZendeskClient } from "./zendesk/client";
import { ZendeskEffects } from "./zendesk/executor";
import { ensureAgentReplyWebhook } from "./zendesk/setup";

export interface ParleyOptions {
  /** The built Messenger (packages/messenger/dist). */
  widgetDir: string;
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
  outbox: OutboxWorker;
  /** The help-center articles the AI agent answers from, kept current as the folder and the admin API change them. */
  knowledge: KnowledgeBase<KnowledgeIndex>;
  /** Starts background work: the outbox, and registering the agent-reply webhook with Zendesk. */
  start(): void;
  /** Resolves once Zendesk has been set up to call back (immediately without Zendesk). */
  zendeskReady: Promise<void>;
  stop(): Promise<void>;
}

/** Builds the whole server from its configuration: storage, knowledge, engine, Zendesk, HTTP. */
export async function createParley(config: Config, options: ParleyOptions): Promise<Parley> {
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger(config.logLevel);
  const log = options.log ?? ((message: string) => logger.info(message));
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
  const citationBase = config.publicUrl ?? `http://localhost:${config.port}`;

  const bus = new StreamBus();
  // With PostgreSQL, the frames other instances commit reach this instance's streams too.
  const relay = config.databaseUrl ? new PostgresStreamRelay({ url: config.databaseUrl, bus, db, log }) : null;
  await relay?.start().catch(async (error: unknown) => {
    await knowledge.close();
    await db.destroy();
    throw error;
  });
  const metrics = new Metrics({ db, openStreams: () => bus.openStreams, clock });
  const zendesk = config.zendesk
    ? createZendeskClient({
        baseUrl: config.zendesk.baseUrl,
        auth: { kind: "api_token", email: config.zendesk.email, token: config.zendesk.apiToken },
        fetch: metrics.timedZendeskFetch(options.fetch ?? ((input, init) => fetch(input, init))),
      })
    : null;

  const lanes = new Set(zendesk ? ["ai", "zendesk", "zendesk-inbound"] : ["ai"]);
  let outbox: OutboxWorker | undefined;
  const kick = () => outbox?.kick();
  // The AI agent speaks as the app, as the greeting does; the Messenger marks it "AI Agent".
  const engine: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, aiAuthorName: config.app.name };
  const onCommitted = (frames: readonly StoredFrame[]) => {
    for (const { frame } of frames) if (frame.type === "message") metrics.messages.inc({ author: frame.message.author.type });
  };
  const conversations = new Conversations({ db, engine, bus, lanes, onEffectsQueued: kick, onCommitted, clock });

  const handlers: Record<string, OutboxHandler> = { ai: aiLaneHandler({ answerer, conversations, citationBase }) };
  if (zendesk) {
    const effects = new ZendeskEffects({ db, client: zendesk, conversations, clock });
    handlers.zendesk = handlers["zendesk-inbound"] = (row) => effects.perform(row.conversationId, parseTask(row.effect));
  }
  outbox = new OutboxWorker({
    db,
    handlers,
    clock,
    log,
    leaseMs: config.jobLeaseSeconds * 1000,
    onOutcome: (row, outcome) => {
      metrics.jobsFinished.inc({ lane: row.lane, outcome });
      if (row.lane === "ai" && outcome === "done") metrics.answerSeconds.observe((clock().getTime() - Date.parse(row.createdAt)) / 1000);
    },
  });

  const webhookSecrets: string[] = config.zendesk?.webhookSecret ? [config.zendesk.webhookSecret] : [];
  const app = createHttpApp({
    config,
    db,
    bus,
    conversations,
    widget: new WidgetAssets(options.widgetDir),
    knowledge,
    webhookSecrets: () => webhookSecrets,
    onInboundQueued: kick,
    clock,
    logger,
    metrics,
    shuttingDown: () => stopped || bus.closing,
  });

  let stopped = false;
  let pruneTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const zendeskReady = new Promise<void>((resolve) => (markReady = resolve));

  async function setUpZendesk(): Promise<void> {
    if (!zendesk || !config.zendesk) return markReady();
    const remote = !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(config.zendesk.baseUrl);
    if (remote && !config.publicUrl) {
      log("[zendesk] PARLEY_PUBLIC_URL is not set, so Zendesk cannot reach /webhooks/zendesk: agent replies will not reach the Messenger.");
      return markReady();
    }
    const endpoint = `${config.publicUrl ?? `http://localhost:${config.port}`}/webhooks/zendesk`;
    for (let attempt = 1; !stopped; attempt++) {
      try {
        const secret = await ensureAgentReplyWebhook(zendesk, { endpoint, messengerTag: engine.tags.messenger });
        if (!webhookSecrets.includes(secret)) webhookSecrets.push(secret);
        log(`[zendesk] agent replies will arrive at ${endpoint}`);
        return markReady();
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
    outbox,
    knowledge,
    zendeskReady,
    start() {
      outbox?.start();
      void setUpZendesk();
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
      if (pruneTimer) clearTimeout(pruneTimer);
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
    provider: { kind: llm.provider, baseUrl: llm.baseUrl, apiKey: llm.apiKey, model: llm.model },
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

/** How long requests already in progress get to finish once the server stops accepting. */
const REQUEST_GRACE_MS = 2000;

/** Serves a Parley over HTTP; resolves once it listens. */
export async function listen(parley: Parley, port: number, hostname?: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: parley.app.fetch, port, ...(hostname && { hostname }) }, () => resolve(started));
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
