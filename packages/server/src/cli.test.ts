import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runCli } from "./cli";
import { verifyPassword } from "./security/password";

const SECRET = "parley-known-answer-secret-0001";

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err: err.join("\n") };
}

test("parley hash prints the user_hash for a user id or an email, with the secret from the environment", async () => {
  expect(await run(["hash", "--user-id", "42"], { PARLEY_IDENTITY_SECRET: SECRET })).toMatchObject({
    code: 0,
    out: ["7ebb7a48d050b4aef4c4d5c985e94c78f0e0d51a08dd68ea092d6f6d6d5370c2"],
  });
  expect(await run(["hash", "--email", "ada@example.com"], { PARLEY_IDENTITY_SECRET: SECRET })).toMatchObject({
    code: 0,
    out: ["fe2643bc1fdd2db52383e2956fd658f197057fba89a28a0883095086bc4718d6"],
  });
  const both = await run(["hash", "--user-id", "42", "--email", "ada@example.com"], { PARLEY_IDENTITY_SECRET: SECRET });
  expect(both.out).toEqual(["7ebb7a48d050b4aef4c4d5c985e94c78f0e0d51a08dd68ea092d6f6d6d5370c2"]);
  expect(both.err).toMatch(/user id/);
});

test("parley hash reads the secret the server kept in DATA_DIR, and says so when there is none", async () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-cli-"));
  try {
    expect(await run(["hash", "--user-id", "42"], { DATA_DIR: dir })).toMatchObject({ code: 2, out: [] });
    writeFileSync(join(dir, "identity-secret"), `${SECRET}\n`);
    expect((await run(["hash", "--user-id", "42"], { DATA_DIR: dir })).out).toEqual(["7ebb7a48d050b4aef4c4d5c985e94c78f0e0d51a08dd68ea092d6f6d6d5370c2"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a wrong command line gets the usage and exit code 2", async () => {
  expect((await run([])).code).toBe(2);
  expect((await run(["hash"], { PARLEY_IDENTITY_SECRET: SECRET })).err).toMatch(/--user-id or --email/);
  expect((await run(["hash", "--user", "42"], { PARLEY_IDENTITY_SECRET: SECRET })).code).toBe(2);
  expect((await run(["frobnicate"])).err).toMatch(/Unknown command/);
});

test("parley password hashes the password from standard input for PARLEY_ADMIN_PASSWORD_HASH", async () => {
  const out: string[] = [];
  const code = await runCli(["password"], {}, { out: (line) => out.push(line), err: () => {}, input: async () => "a long admin password\n" });
  expect(code).toBe(0);
  expect(out[0]).toMatch(/^scrypt\$/);
  expect(await verifyPassword("a long admin password", out[0]!)).toBe(true);
  expect(await runCli(["password"], {}, { out: () => {}, err: () => {}, input: async () => "short" })).toBe(2);
});

test("parley import-zendesk-guide imports the connected help center into the database, and says when Zendesk refuses", async () => {
  const { startSimulator } = await import("@parley/zendesk-sim");
  const sim = await startSimulator({ port: 0 });
  const dir = mkdtempSync(join(tmpdir(), "parley-cli-"));
  const env = {
    DATA_DIR: dir,
    PARLEY_IDENTITY_SECRET: SECRET,
    ZENDESK_BASE_URL: sim.url,
    ZENDESK_EMAIL: sim.simulator.credentials.email,
    ZENDESK_API_TOKEN: sim.simulator.credentials.apiToken,
  };
  try {
    const seeded = await fetch(`${sim.url}/__sim/help-center/articles`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        articles: [
          { title: "Store hours", body: "<p>Open 9 to 5.</p>", translations: [{ locale: "fr", title: "Horaires", body: "<p>De 9 h à 17 h.</p>" }] },
          { title: "Winter sale", body: "<p>Soon.</p>", draft: true },
        ],
      }),
    });
    const [, draft] = ((await seeded.json()) as { articles: { id: number }[] }).articles;

    const first = await run(["import-zendesk-guide"], env);
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out).toEqual([
      "Imported from Zendesk Guide (en-us, fr): 2 added, 0 updated, 0 removed, 0 unchanged, 1 skipped.",
      `  skipped “Winter sale” (en-us, Zendesk article ${draft?.id}): it is a draft in Zendesk Guide`,
    ]);
    expect((await run(["import-zendesk-guide"], env)).out[0]).toBe("Imported from Zendesk Guide (en-us, fr): 0 added, 0 updated, 0 removed, 2 unchanged, 1 skipped.");

    const refused = await run(["import-zendesk-guide"], { ...env, ZENDESK_API_TOKEN: "not-the-token" });
    expect(refused).toMatchObject({ code: 1, out: [] });
    expect(refused.err).toMatch(/Zendesk refused the credentials .* Nothing was changed\./);

    const unconnected = await run(["import-zendesk-guide"], { DATA_DIR: dir, PARLEY_IDENTITY_SECRET: SECRET });
    expect(unconnected).toMatchObject({ code: 2, out: [] });
    expect(unconnected.err).toMatch(/Zendesk is not connected/);
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("parley migrate brings a new database to the latest schema and lists every migration; again, it changes nothing", async () => {
  const { freshDatabase } = await import("./testing/database");
  const { MIGRATION_NAMES } = await import("./store/migrations");
  const dir = mkdtempSync(join(tmpdir(), "parley-cli-migrate-"));
  // The database the suite runs on: SQLite in DATA_DIR, or a fresh schema of DATABASE_URL's PostgreSQL.
  const database = await freshDatabase(dir);
  const env = { DATA_DIR: dir, ...(database.databaseUrl && { DATABASE_URL: database.databaseUrl }) };
  try {
    const first = await run(["migrate"], env);
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out[0]).toMatch(database.databaseUrl ? /^PostgreSQL is at the latest schema/ : /^SQLite in .* is at the latest schema/);
    expect(first.out.slice(1).map((line) => line.trim())).toEqual(MIGRATION_NAMES);
    expect(await run(["migrate"], env)).toEqual(first);
  } finally {
    await database.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("parley migrate says which PostgreSQL it cannot reach, with exit code 2", async () => {
  const { code, err } = await run(["migrate"], { DATABASE_URL: "postgres://parley:parley@127.0.0.1:9/parley" });
  expect(code).toBe(2);
  expect(err).toMatch(/DATABASE_URL: PostgreSQL at 127\.0\.0\.1:9\/parley cannot be reached/);
  expect(err).not.toContain("parley:parley");
});
