/**
 * The second half of `npm test`: the tests whose outcome can depend on the database, again on
 * PostgreSQL. It makes a throwaway database on the server at PARLEY_TEST_POSTGRES_URL (default: the
 * local one `.ci/run` sets up), runs them with DATABASE_URL pointing at it, and drops it. Without a
 * reachable PostgreSQL it says so and stops there (in CI, where one must be, it fails).
 *
 * Unit tests: every test file whose imports reach a module that talks to a database (one that
 * imports a database driver or Kysely), found by `vitest related` from the module graph, so a new
 * test of anything that stores is chosen without being listed. Browser tests: every spec but the
 * few playwright.config.ts names as running the same on either database.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const serverUrl = process.env.PARLEY_TEST_POSTGRES_URL || "postgres://parley:parley@localhost:5432/parley";
const root = fileURLToPath(new URL("..", import.meta.url));

async function query(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The source files (tests included) that import `pg`, `better-sqlite3` or Kysely: all database access is in them. */
function databaseModules(): string[] {
  const driver = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](?:pg|better-sqlite3|kysely)["']/;
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "dist") visit(path);
      } else if (/\.(?:ts|tsx|mts|js|mjs)$/.test(entry.name) && driver.test(readFileSync(path, "utf8"))) {
        found.push(relative(root, path));
      }
    }
  };
  for (const entry of readdirSync(join(root, "packages"), { withFileTypes: true })) {
    if (entry.isDirectory()) visit(join(root, "packages", entry.name, "src"));
  }
  // The storage layer must be among them: finding nothing would quietly test nothing on PostgreSQL.
  if (!found.includes(join("packages", "server", "src", "store", "db.ts"))) {
    throw new Error(`test-postgres: no database module found where the storage layer should be (found: ${found.join(", ") || "none"})`);
  }
  return found.sort();
}

const databaseCode = databaseModules();

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
  for (const [what, args] of [
    [
      `the unit tests whose imports reach the ${databaseCode.length} modules that use a database`,
      // A worker more than cores, as these tests mostly wait for PostgreSQL's disk (each makes and
      // migrates a schema); at most 4, as each may hold a dozen of PostgreSQL's 100 connections.
      ["vitest", "related", "--run", `--maxWorkers=${Math.min(availableParallelism() + 1, 4)}`, ...databaseCode],
    ],
    ["the browser tests", ["playwright", "test"]],
  ] as const) {
    console.log(`\n— on PostgreSQL: ${what}`);
    const run = spawnSync("npx", args, { stdio: "inherit", env });
    status = run.status ?? 1;
    if (status !== 0) break;
  }
} finally {
  await query(serverUrl, `drop database if exists ${name} with (force)`);
}
process.exit(status);
