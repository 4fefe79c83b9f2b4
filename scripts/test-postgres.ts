/**
 * The second half of `npm test`: the unit and browser suites again, on PostgreSQL. It makes a
 * throwaway database on the server at PARLEY_TEST_POSTGRES_URL (default: the local one `.ci/run`
 * sets up), runs both suites with DATABASE_URL pointing at it, and drops it. Without a reachable
 * PostgreSQL it says so and stops there (in CI, where one must be, it fails).
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";

const serverUrl = process.env.PARLEY_TEST_POSTGRES_URL || "postgres://parley:parley@localhost:5432/parley";

async function query(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const name = `parley_test_${randomBytes(5).toString("hex")}`;
try {
  await query(serverUrl, `create database ${name}`);
} catch (error) {
  const where = new URL(serverUrl).host;
  const message = `PostgreSQL at ${where} is not reachable (${error instanceof Error ? error.message : String(error)}): the suite ran on SQLite only.`;
  if (process.env.CI) {
    console.error(`${message}\nCI must test both databases: .ci/run installs and starts PostgreSQL.`);
    process.exit(1);
  }
  console.warn(`${message}\nStart one (see .ci/run) or set PARLEY_TEST_POSTGRES_URL to test on PostgreSQL too.`);
  process.exit(0);
}

const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${name}`;
const env = { ...process.env, DATABASE_URL: databaseUrl.href };
let status = 0;
try {
  for (const [command, args] of [
    ["npx", ["vitest", "run"]],
    ["npx", ["playwright", "test"]],
  ] as const) {
    console.log(`\n— on PostgreSQL: ${command} ${args.join(" ")}`);
    const run = spawnSync(command, args, { stdio: "inherit", env });
    status = run.status ?? 1;
    if (status !== 0) break;
  }
} finally {
  await query(serverUrl, `drop database if exists ${name} with (force)`);
}
process.exit(status);
