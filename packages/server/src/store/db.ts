import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { migrateToLatest } from "./migrations";
import type { Database } from "./schema";

export type Db = Kysely<Database>;

/**
 * Opens the database and brings it to the latest schema. SQLite in the data folder by default;
 * `:memory:` for tests. (PostgreSQL through DATABASE_URL is its own piece of work.)
 */
export async function openDatabase(options: { dataDir: string } | { memory: true }): Promise<Db> {
  let file = ":memory:";
  if ("dataDir" in options) {
    mkdirSync(options.dataDir, { recursive: true });
    file = join(options.dataDir, "parley.sqlite");
  }
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db);
  return db;
}
