import { mkdirSync } from "node:fs";
import { DEFAULT_TAGS, type TagNames } from "@parley/protocol";
import { TagNamesSetting } from "./engine/tag-names";
import { resolve } from "node:path";
import * as z from "zod";
import { KeptSecretError, keptSecret } from "./security/kept-secrets";
import { type BucketRule, RATE_RULE_VARIABLES, type RateRuleName, RateSetting, rateRules } from "./security/rate-limit";
import { SHARED_BUCKET_IDLE_MS, SHARED_RULES } from "./security/shared-rate-limit";
import type { ZendeskAuth } from "./zendesk/auth";
import { LOG_LEVELS, type LogLevel } from "./observability/logger";

/** Everything the server needs to know, read once from the environment at start. */
export interface Config {
  port: number;
  /** The address browsers reach this server at; when unset, each request's own origin is used. */
  publicUrl: string | null;
  dataDir: string;
  databaseUrl: string | null;
  app: { id: string; name: string; greeting: string };
  /**
   * PARLEY_LIVE: true or false is applied to the app at every start; unset (null), the console's
   * last "Go live" / "Back to test mode" holds, and an app never switched is live.
   */
  live: boolean | null;
  /**
   * PARLEY_DEMO_PAGE: whether / is the demo store, where every visitor is signed in as its one demo
   * customer (and so shares her conversations). Turn it off on a server customers can reach.
   */
  demoPage: boolean;
  identity: {
    secret: string;
    /** The secret being retired (PARLEY_IDENTITY_SECRET_PREVIOUS): still accepted, never used to sign. */
    previousSecret: string | null;
    /** PARLEY_ENFORCE_IDENTITY: holds enforcement on; otherwise the switch in the database decides. */
    enforce: boolean;
  };
  knowledgeDir: string;
  adminToken: string | null;
  /** PARLEY_ADMIN_TOKEN_HASH: the SHA-256 (hex) of the admin token, for when only its hash is kept (npm start's own token). */
  adminTokenHash: string | null;
  /** scrypt hash of the admin console's password (PARLEY_ADMIN_PASSWORD_HASH); null: no password login. */
  adminPasswordHash: string | null;
  zendesk: ZendeskConfig | null;
  /**
   * How the default workflow hands off (PARLEY_HANDOFF_MODE): `ticket`, `live` (the Conversations
   * API's agent workspace) or `situation` (decided by the workflow's office hours).
   */
  handoffMode: "ticket" | "live" | "situation";
  /** The Zendesk tags Parley sets (PARLEY_TAG_NAMES renames them); Intercom Fin's names by default. */
  tags: TagNames;
  /** Zendesk's Conversations API (live hand-off); null when not configured. */
  conversations: ConversationsConfig | null;
  smtpUrl: string | null;
  /** The From of the emails Parley sends (PARLEY_EMAIL_FROM). */
  emailFrom: string;
  /**
   * Replies by email (PARLEY_EMAIL_REPLY_DOMAIN, PARLEY_INBOUND_EMAIL_SECRET): emails get a
   * Reply-To at this domain, and the mail relay posts replies to /webhooks/email with the secret.
   */
  inboundEmail: { replyDomain: string; secret: string } | null;
  /** The LLM the AI agent answers with; null: the built-in answerer only. */
  llm: LlmConfig | null;
  /** A workflow JSON file set live at start (PARLEY_WORKFLOW_FILE); null: keep the live one. */
  workflowFile: string | null;
  /** How long a clarifying question waits for the customer before the team takes over. */
  clarifyTimeoutSeconds: number;
  /** How much the server logs (JSON lines on stdout). */
  logLevel: LogLevel;
  /** Stream events, finished jobs, webhook receipts and expired sessions older than this are deleted; null keeps them. */
  retentionDays: number | null;
  /** How long a job claimed by a process that then died waits before another process runs it. */
  jobLeaseSeconds: number;
  /** False: this instance serves HTTP and streams only; other instances on the database run the jobs and timers. */
  runJobs: boolean;
  /** PARLEY_FAKE_CLOCK_START: the server's clock starts at this instant (tests and demos only); null: the real time. */
  fakeClockStart: Date | null;
  security: SecurityConfig;
}

export interface SecurityConfig {
  /** A verified ping takes over the unverified contact of the same user, conversations and all. */
  mergeUnverifiedContacts: boolean;
  /** Token-bucket limits per visitor, address and app; off for load tests from one address. */
  rateLimit: boolean;
  /** Each limit's rate and burst: the defaults, or PARLEY_RATE_LIMIT_<RULE>. */
  rateRules: Record<RateRuleName, BucketRule>;
  /** The client's address is the last X-Forwarded-For hop (behind one reverse proxy), not the socket's. */
  trustProxy: boolean;
  /** Sites the Messenger may run on (PARLEY_ALLOWED_ORIGINS); null: any site. `https://*.example.com` covers subdomains. */
  allowedOrigins: readonly string[] | null;
  /** PARLEY_SECRETS_KEY: secrets Parley keeps (generated ones, Zendesk connections) are encrypted with it. */
  secretsKey: string | null;
}

export interface ZendeskConfig {
  baseUrl: string;
  /** An agent's email and API token (ZENDESK_EMAIL, ZENDESK_API_TOKEN), or an OAuth access token (ZENDESK_OAUTH_TOKEN). */
  auth: ZendeskAuth;
  /**
   * A signing secret to accept on webhooks from Zendesk (ZENDESK_WEBHOOK_SECRET), for a webhook an
   * admin made by hand. The webhook Parley registers itself is verified with the secret Zendesk reports for it.
   */
  webhookSecret: string | null;
  /** The Zendesk agent user that is the AI's identity (ZENDESK_AI_AGENT_ID); null: set through the admin API, or none. */
  aiAgentId: number | null;
}

export interface ConversationsConfig {
  /** `https://{subdomain}.zendesk.com/sc` or the simulator's address. */
  baseUrl: string;
  appId: string;
  keyId: string;
  secret: string;
  /** `jwt` (default: the secret never leaves the server) or `basic`. */
  auth: "jwt" | "basic";
}

/** An OpenAI-compatible chat-completions endpoint, or Anthropic's Messages API. */
export interface LlmConfig {
  provider: "openai" | "anthropic";
  /** Without a trailing slash: `https://api.openai.com/v1`, `https://api.anthropic.com`. */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** How long to wait for the model before answering with the built-in answerer instead. */
  timeoutMs: number;
}

const LLM_BASE_URLS = { openai: "https://api.openai.com/v1", anthropic: "https://api.anthropic.com" } as const;

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "use true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  PARLEY_PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().min(1).optional(),
  PARLEY_APP_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, '-' and '_' only").default("demo"),
  PARLEY_APP_NAME: z.string().min(1).default("Acme Outfitters"),
  PARLEY_GREETING: z
    .string()
    .min(1)
    .default("Hi there! Ask me anything. I answer from our help center, and the team is here if you need them."),
  PARLEY_IDENTITY_SECRET: z.string().min(16, "use at least 16 characters").optional(),
  PARLEY_SECRETS_KEY: z.string().min(32, "use at least 32 random characters (e.g. openssl rand -base64 32)").optional(),
  PARLEY_IDENTITY_SECRET_PREVIOUS: z.string().min(16, "use at least 16 characters").optional(),
  PARLEY_ENFORCE_IDENTITY: flag.default(false),
  PARLEY_LIVE: flag.optional(),
  PARLEY_DEMO_PAGE: flag.default(true),
  PARLEY_KNOWLEDGE_DIR: z.string().min(1).default("examples/knowledge"),
  PARLEY_ADMIN_TOKEN: z.string().min(1).optional(),
  PARLEY_ADMIN_TOKEN_HASH: z
    .string()
    .trim()
    .regex(/^(sha256:)?[0-9a-fA-F]{64}$/, "the admin token's SHA-256, 64 hex digits (sha256:… as npm start keeps it in DATA_DIR/admin-token)")
    .transform((hash) => hash.replace(/^sha256:/, "").toLowerCase())
    .optional(),
  PARLEY_ADMIN_PASSWORD_HASH: z
    .string()
    .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/, "make one with: npx parley password")
    .optional(),
  ZENDESK_SUBDOMAIN: z.string().regex(/^[a-z0-9-]+$/i).optional(),
  ZENDESK_BASE_URL: z.url().optional(),
  ZENDESK_EMAIL: z.email().optional(),
  ZENDESK_API_TOKEN: z.string().min(1).optional(),
  ZENDESK_OAUTH_TOKEN: z.string().min(1).optional(),
  ZENDESK_WEBHOOK_SECRET: z.string().min(1).optional(),
  ZENDESK_AI_AGENT_ID: z.coerce.number().int().positive("the id of a Zendesk agent user").optional(),
  ZENDESK_CONVERSATIONS_BASE_URL: z.url().optional(),
  ZENDESK_CONVERSATIONS_APP_ID: z.string().min(1).optional(),
  ZENDESK_CONVERSATIONS_KEY_ID: z.string().min(1).optional(),
  ZENDESK_CONVERSATIONS_SECRET: z.string().min(1).optional(),
  ZENDESK_CONVERSATIONS_AUTH: z.enum(["jwt", "basic"]).default("jwt"),
  PARLEY_HANDOFF_MODE: z.enum(["ticket", "live", "situation"]).default("ticket"),
  PARLEY_TAG_NAMES: TagNamesSetting.optional(),
  SMTP_URL: z.string().min(1).optional(),
  PARLEY_EMAIL_FROM: z.string().min(3).optional(),
  PARLEY_EMAIL_REPLY_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$/i, "a mail domain such as reply.example.com").optional(),
  PARLEY_INBOUND_EMAIL_SECRET: z.string().min(16, "use at least 16 characters").optional(),
  PARLEY_LLM_PROVIDER: z.enum(["openai", "anthropic"]).optional(),
  PARLEY_LLM_BASE_URL: z.url().optional(),
  PARLEY_LLM_API_KEY: z.string().min(1).optional(),
  PARLEY_LLM_MODEL: z.string().min(1).optional(),
  PARLEY_LLM_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(8000),
  PARLEY_MERGE_UNVERIFIED_CONTACTS: flag.default(false),
  PARLEY_RATE_LIMIT: z.enum(["on", "off"], { message: "use on or off" }).default("on"),
  PARLEY_RATE_LIMIT_ADDRESS: RateSetting.optional(),
  PARLEY_RATE_LIMIT_APP: RateSetting.optional(),
  PARLEY_RATE_LIMIT_VISITOR_PING: RateSetting.optional(),
  PARLEY_RATE_LIMIT_CONTACT: RateSetting.optional(),
  PARLEY_RATE_LIMIT_ADMIN_LOGIN: RateSetting.optional(),
  PARLEY_RATE_LIMIT_ADMIN: RateSetting.optional(),
  PARLEY_TRUST_PROXY: flag.default(false),
  PARLEY_ALLOWED_ORIGINS: z
    .string()
    .transform((list) => list.split(",").map((item) => item.trim().replace(/\/+$/, "")).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i, "list origins such as https://shop.example.com or https://*.example.com, comma-separated")).min(1))
    .optional(),
  PARLEY_WORKFLOW_FILE: z.string().min(1).optional(),
  PARLEY_CLARIFY_TIMEOUT_SECONDS: z.coerce.number().int("use whole seconds").min(1).max(7 * 24 * 3600).default(180),
  PARLEY_LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  PARLEY_RETENTION_DAYS: z.coerce.number().int("use a whole number of days").min(0).max(36_500).default(30),
  PARLEY_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  PARLEY_RUN_JOBS: z.enum(["true", "false"], "true or false").default("true"),
  PARLEY_FAKE_CLOCK_START: z.iso.datetime({ offset: true, message: "an ISO 8601 instant, e.g. 2026-11-30T09:00:00Z" }).optional(),
});

export class ConfigError extends Error {}

/** Reads the configuration; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: e.PORT,
    publicUrl: e.PARLEY_PUBLIC_URL?.replace(/\/+$/, "") ?? null,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    app: { id: e.PARLEY_APP_ID, name: e.PARLEY_APP_NAME, greeting: e.PARLEY_GREETING },
    live: e.PARLEY_LIVE ?? null,
    demoPage: e.PARLEY_DEMO_PAGE,
    identity: {
      secret: e.PARLEY_IDENTITY_SECRET ?? generatedSecret(dataDir, "identity-secret", e.PARLEY_SECRETS_KEY ?? null),
      previousSecret: e.PARLEY_IDENTITY_SECRET_PREVIOUS ?? null,
      enforce: e.PARLEY_ENFORCE_IDENTITY,
    },
    knowledgeDir: resolve(e.PARLEY_KNOWLEDGE_DIR),
    adminToken: e.PARLEY_ADMIN_TOKEN ?? null,
    adminTokenHash: e.PARLEY_ADMIN_TOKEN_HASH ?? null,
    adminPasswordHash: e.PARLEY_ADMIN_PASSWORD_HASH ?? null,
    zendesk: zendeskConfig(e),
    conversations: conversationsConfig(e),
    handoffMode: e.PARLEY_HANDOFF_MODE,
    tags: e.PARLEY_TAG_NAMES ?? { ...DEFAULT_TAGS },
    smtpUrl: e.SMTP_URL ?? null,
    inboundEmail: inboundEmailConfig(e),
    emailFrom: e.PARLEY_EMAIL_FROM ?? `"${e.PARLEY_APP_NAME.replace(/"/g, "")}" <no-reply@localhost>`,
    llm: llmConfig(e),
    security: {
      mergeUnverifiedContacts: e.PARLEY_MERGE_UNVERIFIED_CONTACTS,
      rateLimit: e.PARLEY_RATE_LIMIT === "on",
      rateRules: configuredRateRules(e),
      trustProxy: e.PARLEY_TRUST_PROXY,
      allowedOrigins: e.PARLEY_ALLOWED_ORIGINS?.map((origin) => origin.toLowerCase()) ?? null,
      secretsKey: e.PARLEY_SECRETS_KEY ?? null,
    },
    workflowFile: e.PARLEY_WORKFLOW_FILE ? resolve(e.PARLEY_WORKFLOW_FILE) : null,
    clarifyTimeoutSeconds: e.PARLEY_CLARIFY_TIMEOUT_SECONDS,
    logLevel: e.PARLEY_LOG_LEVEL,
    retentionDays: e.PARLEY_RETENTION_DAYS === 0 ? null : e.PARLEY_RETENTION_DAYS,
    jobLeaseSeconds: e.PARLEY_JOB_LEASE_SECONDS,
    runJobs: e.PARLEY_RUN_JOBS === "true",
    fakeClockStart: e.PARLEY_FAKE_CLOCK_START ? new Date(e.PARLEY_FAKE_CLOCK_START) : null,
  };
}

function llmConfig(e: z.infer<typeof Env>): LlmConfig | null {
  const provider = e.PARLEY_LLM_PROVIDER;
  if (!provider) {
    // A key or model without a provider is a setup mistake, not a wish for the built-in answerer.
    const stray = (["PARLEY_LLM_BASE_URL", "PARLEY_LLM_API_KEY", "PARLEY_LLM_MODEL"] as const).filter((name) => e[name] !== undefined);
    if (stray.length === 0) return null;
    throw new ConfigError(`Invalid configuration:\n  PARLEY_LLM_PROVIDER: set it to openai or anthropic to use ${stray.join(", ")}`);
  }
  const { PARLEY_LLM_API_KEY: apiKey, PARLEY_LLM_MODEL: model } = e;
  if (!apiKey || !model) {
    const missing = [!apiKey && "PARLEY_LLM_API_KEY", !model && "PARLEY_LLM_MODEL"].filter((name) => name !== false);
    throw new ConfigError(`Invalid configuration:\n${missing.map((name) => `  ${name}: required when PARLEY_LLM_PROVIDER is ${provider}`).join("\n")}`);
  }
  return {
    provider,
    baseUrl: (e.PARLEY_LLM_BASE_URL ?? LLM_BASE_URLS[provider]).replace(/\/+$/, ""),
    apiKey,
    model,
    timeoutMs: e.PARLEY_LLM_TIMEOUT_MS,
  };
}

function zendeskConfig(e: z.infer<typeof Env>): ZendeskConfig | null {
  const baseUrl = e.ZENDESK_BASE_URL ?? (e.ZENDESK_SUBDOMAIN ? `https://${e.ZENDESK_SUBDOMAIN}.zendesk.com` : undefined);
  const given = [baseUrl, e.ZENDESK_EMAIL, e.ZENDESK_API_TOKEN, e.ZENDESK_OAUTH_TOKEN].filter(Boolean).length;
  if (given === 0) return null;
  const problem = "Invalid configuration:\n  Zendesk needs ZENDESK_SUBDOMAIN (or ZENDESK_BASE_URL) with either ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN";
  if (!baseUrl) throw new ConfigError(problem);
  let auth: ZendeskAuth;
  if (e.ZENDESK_OAUTH_TOKEN && !e.ZENDESK_EMAIL && !e.ZENDESK_API_TOKEN) auth = { kind: "oauth", accessToken: e.ZENDESK_OAUTH_TOKEN };
  else if (e.ZENDESK_EMAIL && e.ZENDESK_API_TOKEN && !e.ZENDESK_OAUTH_TOKEN) auth = { kind: "api_token", email: e.ZENDESK_EMAIL, token: e.ZENDESK_API_TOKEN };
  else throw new ConfigError(problem);
  return {
    baseUrl: baseUrl.replace(/\/+$/, ""),
    auth,
    webhookSecret: e.ZENDESK_WEBHOOK_SECRET ?? null,
    aiAgentId: e.ZENDESK_AI_AGENT_ID ?? null,
  };
}

/** Every identity secret a user_hash or JWT may be signed with: the current one first. */
export function identitySecrets(config: Pick<Config, "identity">): string[] {
  return config.identity.previousSecret === null ? [config.identity.secret] : [config.identity.secret, config.identity.previousSecret];
}

function generatedSecret(dataDir: string, name: string, secretsKey: string | null): string {
  try {
    return keptSecret(dataDir, name, secretsKey) ?? "";
  } catch (error) {
    if (error instanceof KeptSecretError) throw new ConfigError(`Invalid configuration:\n  ${error.message}`);
    throw error;
  }
}

function configuredRateRules(e: z.infer<typeof Env>): Record<RateRuleName, BucketRule> {
  const rules = rateRules(Object.fromEntries(Object.entries(RATE_RULE_VARIABLES).map(([rule, variable]) => [rule, e[variable]])));
  // Shared buckets idle for SHARED_BUCKET_IDLE_MS are deleted as full: a slower refill would start them full too soon.
  const tooSlow = SHARED_RULES.filter((rule) => (rules[rule].burst / rules[rule].perSecond) * 1000 > SHARED_BUCKET_IDLE_MS);
  if (tooSlow.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${tooSlow.map((rule) => `  ${RATE_RULE_VARIABLES[rule]}: a full burst must refill within an hour (raise the rate or lower the burst)`).join("\n")}`);
  }
  return rules;
}

function inboundEmailConfig(e: z.infer<typeof Env>): Config["inboundEmail"] {
  const { PARLEY_EMAIL_REPLY_DOMAIN: replyDomain, PARLEY_INBOUND_EMAIL_SECRET: secret } = e;
  if (!replyDomain && !secret) return null;
  if (!replyDomain || !secret) {
    throw new ConfigError("Invalid configuration:\n  replies by email need PARLEY_EMAIL_REPLY_DOMAIN and PARLEY_INBOUND_EMAIL_SECRET together");
  }
  return { replyDomain, secret };
}

function conversationsConfig(e: z.infer<typeof Env>): ConversationsConfig | null {
  const { ZENDESK_CONVERSATIONS_APP_ID: appId, ZENDESK_CONVERSATIONS_KEY_ID: keyId, ZENDESK_CONVERSATIONS_SECRET: secret } = e;
  if (!appId && !keyId && !secret) return null;
  const baseUrl = e.ZENDESK_CONVERSATIONS_BASE_URL ?? (e.ZENDESK_SUBDOMAIN ? `https://${e.ZENDESK_SUBDOMAIN}.zendesk.com/sc` : undefined);
  if (!appId || !keyId || !secret || !baseUrl) {
    throw new ConfigError(
      "Invalid configuration:\n  the Conversations API needs ZENDESK_CONVERSATIONS_APP_ID, ZENDESK_CONVERSATIONS_KEY_ID and ZENDESK_CONVERSATIONS_SECRET together, and ZENDESK_SUBDOMAIN (or ZENDESK_CONVERSATIONS_BASE_URL)",
    );
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ""), appId, keyId, secret, auth: e.ZENDESK_CONVERSATIONS_AUTH };
}

function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === "" ? undefined : value]));
}
