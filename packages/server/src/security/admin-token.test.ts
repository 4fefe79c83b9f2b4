import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { loadConfig } from "../config";
import { type TestParley, testParley } from "../testing/parley";
import { hashAdminToken, keptAdminToken } from "./admin-token";

const folders: string[] = [];
let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "parley-admin-token-"));
  folders.push(dir);
  return dir;
}

test("on the first run a token is made and given once; DATA_DIR/admin-token keeps only its hash, readable by the owner only", () => {
  const dataDir = folder();
  const first = keptAdminToken(dataDir);
  expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  const stored = readFileSync(join(dataDir, "admin-token"), "utf8");
  expect(stored).not.toContain(first.token);
  expect(stored.trim()).toBe(`sha256:${hashAdminToken(first.token!)}`);
  expect(statSync(join(dataDir, "admin-token")).mode & 0o777).toBe(0o600);

  // Later runs: the same hash, and the token is not known any more.
  const again = keptAdminToken(dataDir);
  expect(again).toEqual({ hash: first.hash, token: null, file: first.file });
  // Another install gets another token.
  expect(keptAdminToken(folder()).token).not.toBe(first.token);
});

test("a token an older version kept plain is replaced by its hash, and still opens the admin API", () => {
  const dataDir = folder();
  writeFileSync(join(dataDir, "admin-token"), "an-old-plain-admin-token\n");
  const kept = keptAdminToken(dataDir);
  expect(kept).toMatchObject({ token: null, hash: hashAdminToken("an-old-plain-admin-token") });
  expect(readFileSync(join(dataDir, "admin-token"), "utf8")).not.toContain("an-old-plain-admin-token");
});

test("with PARLEY_ADMIN_TOKEN_HASH the server takes the token whose hash it is, and nothing else", async () => {
  const kept = keptAdminToken(folder());
  server = await testParley({ PARLEY_ADMIN_TOKEN_HASH: `sha256:${kept.hash}` });
  const identity = (token: string) => server!.request("/admin/api/identity", { headers: { Authorization: `Bearer ${token}` } });
  expect((await identity(kept.token!)).status).toBe(200);
  expect((await identity(kept.hash)).status).toBe(401);
  expect((await identity("a-guess")).status).toBe(401);
  expect((await server.request("/admin/api/identity")).status).toBe(401);
});

test("a PARLEY_ADMIN_TOKEN_HASH that is not a SHA-256 stops the start, naming the variable", () => {
  expect(() => loadConfig({ DATA_DIR: folder(), PARLEY_ADMIN_TOKEN_HASH: "not-a-hash" })).toThrow(/PARLEY_ADMIN_TOKEN_HASH: the admin token's SHA-256/);
});
