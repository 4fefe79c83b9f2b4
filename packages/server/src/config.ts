import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as z from "zod";
import { LOG_LEVELS, type LogLevel } from "./observability/logger";

/** Everything the server needs to know, read once from the environment at start. */
export interface Config {
  port: number;
  /** The address browsers reach this server at; when unset, each request's own origin is used. */
  publicUrl: string | null;
  dataDir: string;
  databaseUrl: string | null;
  app: { id: string; name: string; greeting: string };
  identity: { secret: string; enforce: boolean };
  knowledgeDir: string;
  adminToken: string | null;
  zendesk: ZendeskConfig | null;
  smtpUrl: string | null;
  /** The LLM the AI agent answers with; null: the built-in answerer only. */
  llm: LlmConfig | null;
  /** How much the server logs (JSON lines on stdout). */
  logLevel: LogLevel;
  /** Stream events, finished jobs, webhook receipts and expired sessions older than this are deleted; null keeps them. */
  retentionDays: number | null;
  /** How long a job claimed by a process that then died waits before another process runs it. */
  jobLeaseSeconds: number;
}

export interface ZendeskConfig {
  baseUrl: string;
  email: string;
  apiToken: string;
  /**
   * A signing secret to accept on webhooks from Zendesk (ZENDESK_WEBHOOK_SECRET), for a webhook an
   * admin made by hand. The webhook Parley registers itself is verified with the secret Zendesk reports for it.
   */
  webhookSecret: string | null;
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
  PARLEY_ENFORCE_IDENTITY: flag.default(false),
  PARLEY_KNOWLEDGE_DIR: z.string().min(1).default("examples/knowledge"),
  PARLEY_ADMIN_TOKEN: z.string().min(1).optional(),
  ZENDESK_SUBDOMAIN: z.string().regex(/^[a-z0-9-]+$/i).optional(),
  ZENDESK_BASE_URL: z.url().optional(),
  ZENDESK_EMAIL: z.email().optional(),
  ZENDESK_API_TOKEN: z.string().min(1).optional(),
  ZENDESK_WEBHOOK_SECRET: z.string().min(1).optional(),
  SMTP_URL: z.string().min(1).optional(),
  PARLEY_LLM_PROVIDER: z.enum(["openai", "anthropic"]).optional(),
  PARLEY_LLM_BASE_URL: z.url().optional(),
  PARLEY_LLM_API_KEY: z.string().min(1).optional(),
  PARLEY_LLM_MODEL: z.string().min(1).optional(),
  PARLEY_LLM_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(8000),
  PARLEY_LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  PARLEY_RETENTION_DAYS: z.coerce.number().int("use a whole number of days").min(0).max(36_500).default(30),
  PARLEY_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
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
    identity: {
      secret: e.PARLEY_IDENTITY_SECRET ?? keptSecret(dataDir, "identity-secret"),
      enforce: e.PARLEY_ENFORCE_IDENTITY,
    },
    knowledgeDir: resolve(e.PARLEY_KNOWLEDGE_DIR),
    adminToken: e.PARLEY_ADMIN_TOKEN ?? null,
    zendesk: zendeskConfig(e),
    smtpUrl: e.SMTP_URL ?? null,
    llm: llmConfig(e),
    logLevel: e.PARLEY_LOG_LEVEL,
    retentionDays: e.PARLEY_RETENTION_DAYS === 0 ? null : e.PARLEY_RETENTION_DAYS,
    jobLeaseSeconds: e.PARLEY_JOB_LEASE_SECONDS,
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
  const given = [baseUrl, e.ZENDESK_EMAIL, e.ZENDESK_API_TOKEN].filter(Boolean).length;
  if (given === 0) return null;
  if (!baseUrl || !e.ZENDESK_EMAIL || !e.ZENDESK_API_TOKEN) {
    throw new ConfigError(
      "Invalid configuration:\n  Zendesk needs ZENDESK_SUBDOMAIN (or ZENDESK_BASE_URL), ZENDESK_EMAIL and ZENDESK_API_TOKEN together",
    );
  }
  return {
    baseUrl: baseUrl.replace(/\/+$/, ""),
    email: e.ZENDESK_EMAIL,
    apiToken: e.ZENDESK_API_TOKEN,
    webhookSecret: e.ZENDESK_WEBHOOK_SECRET ?? null,
  };
}

/** A secret generated on first start and kept in the data folder, so restarts keep it. */
function keptSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === "" ? undefined : value]));
}
