import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { type Answerer, answererFollowing, createBuiltInAnswerer, KnowledgeBase, KnowledgeIndex } from "./agent";
import { createLlmAnswerer, type RetrievedPassage } from "./agent/llm";
import { type Config, ConfigError, type LlmConfig } from "./config";
import { aiLaneHandler } from "./conversations/ai-lane";
import { Conversations } from "./conversations/service";
import { readFile } from "node:fs/promises";
import { DEFAULT_ENGINE_CONFIG, type EngineConfig } from "./engine";
import { createHttpApp } from "./http/app";
import { standingBase } from "./http/public-url";
import { parseTask } from "./outbox/tasks";
import { type OutboxHandler, OutboxWorker } from "./outbox/worker";
import { StreamBus } from "./realtime/bus";
import { createRedactor } from "./security/redact";
import { listArticles } from "./store/articles";
import { type Db, openDatabase } from "./store/db";
import { WidgetAssets } from "./widget/assets";
import { ConsoleAssets } from "./admin/console-assets";
import { createZendeskClient } from "./zendesk/client";
import { ZendeskEffects } from "./zendesk/executor";
import { ensureAgentReplyWebhook } from "./zendesk/setup";
import { tableClaims } from "./timers/claims";
import { TimerWorker } from "./timers/worker";
import { defaultWorkflow, validateWorkflow } from "./workflow";
import { WorkflowCatalog } from "./workflow/catalog";

export interface ParleyOptions {
  /** The built Messenger (packages/messenger/dist). */
  widgetDir: string;
  /** The built admin console (default: packages/admin/dist, next to the Messenger's). */
  consoleDir?: string;
  clock?: () => Date;
  /** fetch for outgoing calls (Zendesk, the LLM), injectable for tests. */
  fetch?: typeof fetch;
  log?: (message: string) => void;
  /** The AI agent; by default the built-in answerer over the knowledge folder. */
  answerer?: Answerer;
}

export interface Parley {
  app: Hono;
  db: Db;
  outbox: OutboxWorker;
  /** Fires durable timers (the clarifying question's "no reply" timer). */
  timers: TimerWorker;
  conversations: Conversations;
  workflows: WorkflowCatalog;
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
  const webhookSecrets: string[] = config.zendesk?.webhookSecret ? [config.zendesk.webhookSecret] : [];
  // Nothing Parley logs carries a secret: configured ones by value, tokens and hashes by shape.
  const redact = createRedactor(() => [
    config.identity.secret,
    config.identity.previousSecret,
    config.adminToken,
    config.zendesk?.apiToken,
    config.llm?.apiKey,
    config.smtpUrl,
    ...webhookSecrets,
  ]);
  const write = options.log ?? ((message: string) => console.log(message));
  const log = (message: string) => write(redact(message));
  if (config.databaseUrl) {
    throw new ConfigError("DATABASE_URL is set, but PostgreSQL storage is not available in this version yet: unset it to use SQLite.");
  }

  const db = await openDatabase({ dataDir: config.dataDir });
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

  const zendesk = config.zendesk
    ? createZendeskClient({
        baseUrl: config.zendesk.baseUrl,
        auth: { kind: "api_token", email: config.zendesk.email, token: config.zendesk.apiToken },
        ...(options.fetch && { fetch: options.fetch }),
      })
    : null;

  const bus = new StreamBus();
  const lanes = new Set(zendesk ? ["ai", "zendesk", "zendesk-inbound"] : ["ai"]);
  let outbox: OutboxWorker | undefined;
  const kick = () => outbox?.kick();
  // The AI agent speaks as the app, as the greeting does; the Messenger marks it "AI Agent".
  const engine: Omit<EngineConfig, "workflow"> = {
    tags: DEFAULT_ENGINE_CONFIG.tags,
    aiAuthorName: config.app.name,
    clarifyTimeoutSeconds: config.clarifyTimeoutSeconds,
  };
  const workflows = new WorkflowCatalog({ db, defaultWorkflow: defaultWorkflow({ greeting: config.app.greeting }), clock });
  if (config.workflowFile) {
    await loadWorkflowFile(config.workflowFile, workflows, log).catch(async (error: unknown) => {
      await knowledge.close();
      await db.destroy();
      throw error;
    });
  }
  let timers: TimerWorker | undefined;
  const conversations = new Conversations({
    db,
    engine,
    workflows,
    bus,
    lanes,
    onEffectsQueued: kick,
    onTimerScheduled: (dueAt) => timers?.wakeAt(dueAt),
    clock,
  });
  timers = new TimerWorker({ claims: tableClaims(db), fire: (timer, claim) => conversations.fireTimer(timer, claim), clock, log });

  const handlers: Record<string, OutboxHandler> = { ai: aiLaneHandler({ answerer, conversations, citationBase }) };
  if (zendesk) {
    const effects = new ZendeskEffects({ db, client: zendesk, conversations, clock });
    handlers.zendesk = handlers["zendesk-inbound"] = (row) => effects.perform(row.conversationId, parseTask(row.effect));
  }
  outbox = new OutboxWorker({ db, handlers, clock, log });

  const app = createHttpApp({
    config,
    db,
    bus,
    conversations,
    widget: new WidgetAssets(options.widgetDir),
    console: new ConsoleAssets(options.consoleDir ?? join(options.widgetDir, "../../admin/dist")),
    knowledge,
    workflows,
    webhookSecrets: () => webhookSecrets,
    onInboundQueued: kick,
    clock,
    redact,
  });

  let stopped = false;
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
    outbox,
    timers,
    workflows,
    conversations,
    knowledge,
    zendeskReady,
    start() {
      outbox?.start();
      timers?.start();
      void setUpZendesk();
    },
    async stop() {
      stopped = true;
      await knowledge.close();
      await timers?.stop();
      await outbox?.stop();
      await db.destroy();
    },
  };
}

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

/**
 * Limits on what a client may make the server hold: headers past 16 KB get 431, and a client that
 * takes over 10 s to send its headers or 30 s for its whole request is cut off (streams are
 * responses, so they stay open).
 */
const SERVER_LIMITS = { maxHeaderSize: 16 * 1024, headersTimeout: 10_000, requestTimeout: 30_000 } as const;

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

/** Serves a Parley over HTTP; resolves once it listens. */
export async function listen(parley: Parley, port: number, hostname?: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: parley.app.fetch, port, ...(hostname && { hostname }), serverOptions: SERVER_LIMITS }, () => resolve(started));
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Open streams would keep the server up forever: end them.
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
