import * as z from "zod";
import { afterEach, expect, test } from "vitest";
import { ConfigError } from "../../config";
import { SecretBox } from "../../security/secret-box";
import type { Db } from "../../store/db";
import { openFreshDatabase, type TestDatabase } from "../../testing/database";
import { loadConnection, saveConnection } from "./store";

const KEY = "a-32-character-or-longer-secrets-key-for-tests";
const TOKEN = "zendesk-api-token-that-must-not-leak";
const CREDENTIALS = { subdomain: "acme", auth: { kind: "api_token" as const, email: "agent@acme.test", token: TOKEN } };
const NOW = "2026-11-30T10:00:00.000Z";

let opened: { db: Db; database: TestDatabase } | undefined;
afterEach(async () => {
  await opened?.db.destroy();
  await opened?.database.dispose();
  opened = undefined;
});
const storedRow = async (db: Db) => (await db.selectFrom("zendesk_connections").select("credentials").where("api", "=", "support").executeTakeFirstOrThrow()).credentials;

test("with PARLEY_SECRETS_KEY the Zendesk credentials are kept encrypted, and read back the same", async () => {
  opened = await openFreshDatabase();
  const box = new SecretBox(KEY);
  await saveConnection(opened.db, "support", CREDENTIALS, { ok: true }, NOW, box);
  const row = await storedRow(opened.db);
  expect(row).toMatch(/^enc:v1:/);
  expect(row).not.toContain(TOKEN);
  expect((await loadConnection(opened.db, "support", z.unknown(), box))?.credentials).toEqual(CREDENTIALS);
});

test("credentials kept before the key was set are read, and encrypted in place", async () => {
  opened = await openFreshDatabase();
  await saveConnection(opened.db, "support", CREDENTIALS, null, NOW, null);
  expect(await storedRow(opened.db)).toContain(TOKEN);
  const box = new SecretBox(KEY);
  expect((await loadConnection(opened.db, "support", z.unknown(), box))?.credentials).toEqual(CREDENTIALS);
  expect(await storedRow(opened.db)).not.toContain(TOKEN);
  expect((await loadConnection(opened.db, "support", z.unknown(), box))?.credentials).toEqual(CREDENTIALS);
});

test("encrypted credentials without their key, or with another, stop with the fix", async () => {
  opened = await openFreshDatabase();
  await saveConnection(opened.db, "support", CREDENTIALS, null, NOW, new SecretBox(KEY));
  const { db } = opened;
  await expect(loadConnection(db, "support", z.unknown(), null)).rejects.toThrow(ConfigError);
  await expect(loadConnection(db, "support", z.unknown(), null)).rejects.toThrow(/set PARLEY_SECRETS_KEY/);
  await expect(loadConnection(db, "support", z.unknown(), new SecretBox(`${KEY}-other`))).rejects.toThrow(/another PARLEY_SECRETS_KEY/);
});
