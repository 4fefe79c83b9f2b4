import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { ConfigError, loadConfig } from "./config";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function load(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-config-"));
  dirs.push(dataDir);
  return loadConfig({ DATA_DIR: dataDir, PARLEY_IDENTITY_SECRET: "config-test-secret-0123456789", ...env });
}

function errorOf(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

test("without PARLEY_LLM_PROVIDER the AI agent uses the built-in answerer only", () => {
  expect(load({}).llm).toBeNull();
  expect(load({ PARLEY_LLM_PROVIDER: "", PARLEY_LLM_TIMEOUT_MS: "3000" }).llm).toBeNull();
});

test("an OpenAI-compatible provider defaults to api.openai.com and an 8 s timeout", () => {
  expect(load({ PARLEY_LLM_PROVIDER: "openai", PARLEY_LLM_API_KEY: "sk-1", PARLEY_LLM_MODEL: "gpt-4.1-mini" }).llm).toEqual({
    provider: "openai",
    baseUrl: "https://api.openai.com/v1",
    apiKey: "sk-1",
    model: "gpt-4.1-mini",
    timeoutMs: 8000,
  });
});

test("Anthropic defaults to api.anthropic.com; a base URL and timeout can be set", () => {
  expect(load({ PARLEY_LLM_PROVIDER: "anthropic", PARLEY_LLM_API_KEY: "k", PARLEY_LLM_MODEL: "claude-haiku-4-5" }).llm?.baseUrl).toBe(
    "https://api.anthropic.com",
  );
  expect(
    load({
      PARLEY_LLM_PROVIDER: "openai",
      PARLEY_LLM_BASE_URL: "http://localhost:11434/v1/",
      PARLEY_LLM_API_KEY: "ollama",
      PARLEY_LLM_MODEL: "llama3.2",
      PARLEY_LLM_TIMEOUT_MS: "15000",
    }).llm,
  ).toMatchObject({ baseUrl: "http://localhost:11434/v1", timeoutMs: 15000 });
});

test("a provider without its key or model names the missing variable", () => {
  expect(errorOf({ PARLEY_LLM_PROVIDER: "openai", PARLEY_LLM_MODEL: "gpt-4.1-mini" }).message).toMatch(/PARLEY_LLM_API_KEY: required/);
  expect(errorOf({ PARLEY_LLM_PROVIDER: "anthropic", PARLEY_LLM_API_KEY: "k" }).message).toMatch(/PARLEY_LLM_MODEL: required/);
  const both = errorOf({ PARLEY_LLM_PROVIDER: "anthropic" }).message;
  expect(both).toMatch(/PARLEY_LLM_API_KEY/);
  expect(both).toMatch(/PARLEY_LLM_MODEL/);
});

test("a key or model without a provider is a mistake, not a silent built-in answerer", () => {
  expect(errorOf({ PARLEY_LLM_API_KEY: "sk-1", PARLEY_LLM_MODEL: "gpt-4.1-mini" }).message).toMatch(
    /PARLEY_LLM_PROVIDER: .*PARLEY_LLM_API_KEY, PARLEY_LLM_MODEL/,
  );
});

test("bad values name their variable, and never echo the key", () => {
  expect(errorOf({ PARLEY_LLM_PROVIDER: "mistral", PARLEY_LLM_API_KEY: "sk-secret-1", PARLEY_LLM_MODEL: "m" }).message).toMatch(/PARLEY_LLM_PROVIDER/);
  expect(errorOf({ PARLEY_LLM_PROVIDER: "openai", PARLEY_LLM_API_KEY: "sk-secret-1", PARLEY_LLM_MODEL: "m", PARLEY_LLM_BASE_URL: "not a url" }).message).toMatch(
    /PARLEY_LLM_BASE_URL/,
  );
  const timeout = errorOf({ PARLEY_LLM_PROVIDER: "openai", PARLEY_LLM_API_KEY: "sk-secret-1", PARLEY_LLM_MODEL: "m", PARLEY_LLM_TIMEOUT_MS: "soon" });
  expect(timeout.message).toMatch(/PARLEY_LLM_TIMEOUT_MS/);
  expect(timeout.message).not.toContain("sk-secret-1");
});

test("the clarifying-question timer is 180 s unless PARLEY_CLARIFY_TIMEOUT_SECONDS says otherwise; a bad value is named", () => {
  expect(load({}).clarifyTimeoutSeconds).toBe(180);
  expect(load({ PARLEY_CLARIFY_TIMEOUT_SECONDS: "5" }).clarifyTimeoutSeconds).toBe(5);
  expect(errorOf({ PARLEY_CLARIFY_TIMEOUT_SECONDS: "soon" }).message).toMatch(/PARLEY_CLARIFY_TIMEOUT_SECONDS/);
  expect(errorOf({ PARLEY_CLARIFY_TIMEOUT_SECONDS: "0" }).message).toMatch(/PARLEY_CLARIFY_TIMEOUT_SECONDS/);
});

test("PARLEY_WORKFLOW_FILE is resolved to an absolute path; unset, nothing is loaded", () => {
  expect(load({}).workflowFile).toBeNull();
  expect(load({ PARLEY_WORKFLOW_FILE: "examples/workflows/collect-order-number.json" }).workflowFile).toMatch(/^\/.*examples\/workflows\/collect-order-number\.json$/);
});

test("Zendesk takes an agent's email and API token, or an OAuth token, never both", () => {
  expect(load({ ZENDESK_SUBDOMAIN: "acme", ZENDESK_EMAIL: "a@acme.test", ZENDESK_API_TOKEN: "t" }).zendesk?.auth).toEqual({ kind: "api_token", email: "a@acme.test", token: "t" });
  expect(load({ ZENDESK_SUBDOMAIN: "acme", ZENDESK_OAUTH_TOKEN: "o" }).zendesk).toMatchObject({ baseUrl: "https://acme.zendesk.com", auth: { kind: "oauth", accessToken: "o" } });
  expect(errorOf({ ZENDESK_SUBDOMAIN: "acme", ZENDESK_OAUTH_TOKEN: "o", ZENDESK_API_TOKEN: "t" }).message).toMatch(/either ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN/);
  expect(errorOf({ ZENDESK_OAUTH_TOKEN: "o" }).message).toMatch(/ZENDESK_SUBDOMAIN/);
});

test("the Conversations API needs its app id, key id and secret together; live mode and the AI's agent id are read", () => {
  const config = load({
    ZENDESK_SUBDOMAIN: "acme",
    ZENDESK_OAUTH_TOKEN: "o",
    ZENDESK_CONVERSATIONS_APP_ID: "app",
    ZENDESK_CONVERSATIONS_KEY_ID: "app_key",
    ZENDESK_CONVERSATIONS_SECRET: "s",
    PARLEY_HANDOFF_MODE: "live",
    ZENDESK_AI_AGENT_ID: "42",
  });
  expect(config.conversations).toEqual({ baseUrl: "https://acme.zendesk.com/sc", appId: "app", keyId: "app_key", secret: "s", auth: "jwt" });
  expect(config.handoffMode).toBe("live");
  expect(config.zendesk?.aiAgentId).toBe(42);
  expect(errorOf({ ZENDESK_SUBDOMAIN: "acme", ZENDESK_OAUTH_TOKEN: "o", ZENDESK_CONVERSATIONS_APP_ID: "app" }).message).toMatch(/ZENDESK_CONVERSATIONS_KEY_ID/);
  expect(errorOf({ PARLEY_HANDOFF_MODE: "chat" }).message).toMatch(/PARLEY_HANDOFF_MODE/);
});

test("PARLEY_LIVE: unset leaves the console's switch in charge; true or false is the operator's word; anything else is refused by name", () => {
  expect(load({}).live).toBeNull();
  expect(load({ PARLEY_LIVE: "false" }).live).toBe(false);
  expect(load({ PARLEY_LIVE: "true" }).live).toBe(true);
  expect(errorOf({ PARLEY_LIVE: "later" }).message).toContain("PARLEY_LIVE: use true or false");
});

test("PARLEY_FAKE_CLOCK_START sets where the server's clock starts; without it the clock is the real one", () => {
  expect(load({ PARLEY_FAKE_CLOCK_START: "2026-11-28T12:00:00+01:00" }).fakeClockStart?.toISOString()).toBe("2026-11-28T11:00:00.000Z");
  expect(load({}).fakeClockStart).toBeNull();
  expect(errorOf({ PARLEY_FAKE_CLOCK_START: "saturday noon" }).message).toMatch(/PARLEY_FAKE_CLOCK_START: an ISO 8601 instant/);
});

test("each rate limit's rate and burst come from PARLEY_RATE_LIMIT_<RULE>; unset, the defaults; a bad value is refused by name", () => {
  const defaults = load({}).security.rateRules;
  expect(defaults.address).toEqual({ burst: 240, perSecond: 20 });
  const set = load({ PARLEY_RATE_LIMIT_ADDRESS: "5/s,burst=10", PARLEY_RATE_LIMIT_ADMIN_LOGIN: "10/min", PARLEY_RATE_LIMIT_APP: "7200/h, burst = 3" }).security.rateRules;
  expect(set.address).toEqual({ burst: 10, perSecond: 5 });
  expect(set.adminLogin).toEqual({ burst: defaults.adminLogin.burst, perSecond: 10 / 60 });
  expect(set.app).toEqual({ burst: 3, perSecond: 2 });
  expect(set.contact).toEqual(defaults.contact);
  expect(errorOf({ PARLEY_RATE_LIMIT_CONTACT: "lots" }).message).toContain("PARLEY_RATE_LIMIT_CONTACT: use <count>/<s|min|h>");
  expect(errorOf({ PARLEY_RATE_LIMIT_ADMIN: "0/s" }).message).toContain("PARLEY_RATE_LIMIT_ADMIN: the rate must be more than 0");
  expect(errorOf({ PARLEY_RATE_LIMIT_VISITOR_PING: "2/s,burst=0" }).message).toContain("PARLEY_RATE_LIMIT_VISITOR_PING: the burst must be from 1");
  // Buckets counted in the database are forgotten after an hour idle: they must be full by then.
  expect(errorOf({ PARLEY_RATE_LIMIT_ADMIN_LOGIN: "1/h,burst=5" }).message).toContain("PARLEY_RATE_LIMIT_ADMIN_LOGIN: a full burst must refill within an hour");
});

test("PARLEY_RUN_JOBS: jobs run unless it is false; anything but true or false is refused by name", () => {
  expect(load({}).runJobs).toBe(true);
  expect(load({ PARLEY_RUN_JOBS: "false" }).runJobs).toBe(false);
  expect(errorOf({ PARLEY_RUN_JOBS: "no" }).message).toMatch(/PARLEY_RUN_JOBS/);
});
