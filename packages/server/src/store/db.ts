import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresAdapter, type SqliteDatabase, SqliteDialect, type SqliteStatement } from "kysely";
import pg from "pg";
import { ConfigError } from "../config";
import { migrateToLatest } from "./migrations";
import type { Database } from "./schema";
import { CurrentSchemaPostgresDialect } from "./schema-introspection";

export type Db = Kysely<Database>;

export type DatabaseLocation =
  /** SQLite in `parley.sqlite` in this folder. */
  | { dataDir: string }
  /** SQLite in memory (tests). */
  | { memory: true }
  /** PostgreSQL: `postgres://user:password@host:5432/name`. */
  | { url: string };

/** How many connections one process keeps to PostgreSQL. */
const POSTGRES_POOL_SIZE = 10;

/**
 * Opens the database and brings it to the latest schema: PostgreSQL for a URL (any number of
 * server instances may share it), else SQLite in the data folder, in WAL mode so readers never
 * wait for the writer.
 */
export async function openDatabase(location: DatabaseLocation): Promise<Db> {
  const db = "url" in location ? openPostgres(location.url) : openSqlite(location);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    if ("url" in location && isConnectionFailure(error)) {
      throw new ConfigError(`DATABASE_URL: PostgreSQL at ${hostOf(location.url)} cannot be reached (${messageOf(error)}). Start it, fix the address, or unset DATABASE_URL to use SQLite.`);
    }
    throw error;
  }
  return db;
}

function openSqlite(location: { dataDir: string } | { memory: true }): Db {
  let file = ":memory:";
  if ("dataDir" in location) {
    mkdirSync(location.dataDir, { recursive: true });
    file = join(location.dataDir, "parley.sqlite");
  }
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  // In WAL mode NORMAL still survives a killed process (every commit is in the log); only a power
  // cut may lose the last commits. FULL would wait for the disk on every commit.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withPreparedStatements(sqlite) }) });
}

/** How many distinct SQL texts stay prepared (the server runs a few dozen; `in (…)` lists add some). */
const PREPARED_STATEMENTS = 500;

/**
 * Kysely asks better-sqlite3 to prepare every query it runs, and preparing cost about as much as
 * running (a profile under load: 7 % of the server's time in `prepare`). The same texts come back
 * all the time, so the most recently used ones are kept prepared. Safe because Kysely runs each
 * statement to completion (`all` / `run`) before the next query on the one connection.
 */
function withPreparedStatements(sqlite: SQLite.Database): SqliteDatabase {
  const prepared = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      let statement = prepared.get(text);
      if (statement) {
        prepared.delete(text); // to the back: most recently used
      } else {
        statement = sqlite.prepare(text);
        if (prepared.size >= PREPARED_STATEMENTS) prepared.delete(prepared.keys().next().value!);
      }
      prepared.set(text, statement);
      return statement;
    },
  };
}

function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE, types: { getTypeParser } });
  // An idle connection the server dropped must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error(`[db] idle PostgreSQL connection failed: ${error.message}`));
  return new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
}

// 64-bit integers (Zendesk ids, counts) as numbers, as SQLite gives them: every one we keep is below 2^53.
const BIGINT_OID = 20;
const getTypeParser: typeof pg.types.getTypeParser = ((oid: number, format?: "text" | "binary") =>
  oid === BIGINT_OID && format !== "binary" ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

/** True on PostgreSQL: row locks (`FOR UPDATE`) and LISTEN/NOTIFY are there; SQLite has one writer at a time instead. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  // Network failures, and PostgreSQL's own "cannot connect now" / authentication / no such database classes.
  return typeof code === "string" && (/^E[A-Z]+$/.test(code) || /^(08|28|3D|57P03)/.test(code));
}

/** The host and database of a URL, without its password. */
function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "(an address that is not a URL)";
  }
}

function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return error instanceof Error ? (error.message || (cause instanceof Error ? cause.message : String(error))) : String(error);
}
