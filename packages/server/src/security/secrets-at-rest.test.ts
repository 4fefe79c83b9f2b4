import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../config";
import { createParley } from "../server";
import { KNOWLEDGE_DIR } from "../testing/parley";

const KEY = "a-32-character-or-longer-secrets-key-for-tests";
const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-secrets-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test("with PARLEY_SECRETS_KEY the generated identity secret is kept encrypted, and read back the same", () => {
  const dir = dataDir();
  const first = loadConfig({ DATA_DIR: dir, PARLEY_SECRETS_KEY: KEY });
  const stored = readFileSync(join(dir, "identity-secret"), "utf8");
  expect(stored).toMatch(/^enc:v1:/);
  expect(stored).not.toContain(first.identity.secret);
  expect(loadConfig({ DATA_DIR: dir, PARLEY_SECRETS_KEY: KEY }).identity.secret).toBe(first.identity.secret);
});

test("a plain secret kept before the key was set is encrypted in place on the next start", () => {
  const dir = dataDir();
  writeFileSync(join(dir, "identity-secret"), "an-older-plain-identity-secret\n");
  expect(loadConfig({ DATA_DIR: dir, PARLEY_SECRETS_KEY: KEY }).identity.secret).toBe("an-older-plain-identity-secret");
  expect(readFileSync(join(dir, "identity-secret"), "utf8")).not.toContain("an-older-plain-identity-secret");
});

test("an encrypted secret without its key, or with another key, stops the start with the fix", () => {
  const dir = dataDir();
  loadConfig({ DATA_DIR: dir, PARLEY_SECRETS_KEY: KEY });
  expect(() => loadConfig({ DATA_DIR: dir })).toThrow(ConfigError);
  expect(() => loadConfig({ DATA_DIR: dir })).toThrow(/PARLEY_SECRETS_KEY/);
  expect(() => loadConfig({ DATA_DIR: dir, PARLEY_SECRETS_KEY: `${KEY}-other` })).toThrow(/cannot be decrypted/);
  expect(() => loadConfig({ DATA_DIR: dir, PARLEY_SECRETS_KEY: "short" })).toThrow(/32/);
});

test("what the server logs never carries a configured secret", async () => {
  const dir = dataDir();
  const logs: string[] = [];
  const config = loadConfig({
    DATA_DIR: dir,
    PARLEY_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
    ZENDESK_BASE_URL: "http://127.0.0.1:9",
    ZENDESK_EMAIL: "agent@example.com",
    ZENDESK_API_TOKEN: "zendesk-api-token-that-must-not-leak",
  });
  // A failing Zendesk call whose error quotes the credentials it was sent with.
  const fetch = (async (_url: string, init?: RequestInit) => {
    const header = new Headers(init?.headers).get("authorization");
    throw new Error(`connection refused (sent ${header}; token zendesk-api-token-that-must-not-leak)`);
  }) as typeof globalThis.fetch;
  const parley = await createParley(config, { widgetDir: join(dir, "none"), fetch, log: (line) => logs.push(line) });
  parley.start();
  // The client's own retries come first (about 4 s alone): give a busy machine room.
  await expect.poll(() => logs.some((line) => line.includes("could not register")), { timeout: 15_000 }).toBe(true);
  await parley.stop();
  const all = logs.join("\n");
  expect(all).not.toContain("zendesk-api-token-that-must-not-leak");
  expect(all).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
  expect(all).toContain("[redacted]");
}, 20_000);
