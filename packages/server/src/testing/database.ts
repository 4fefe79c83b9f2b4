import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type DatabaseLocation, type Db, openDatabase } from "../store/db";

/**
 * The suite runs on SQLite, and again on PostgreSQL when `DATABASE_URL` is set (`npm test` does
 * both when PostgreSQL is reachable). Each test then gets a schema of its own, so test files
 * running side by side never see each other's rows.
 */
export const TEST_POSTGRES_URL = process.env.DATABASE_URL || null;

export interface TestDatabase {
  /** Where the database is: open it again for a second "process". */
  location: DatabaseLocation;
  /** `DATABASE_URL` for a server on this database; null on SQLite (the server uses DATA_DIR). */
  databaseUrl: string | null;
  dispose(): Promise<void>;
}

/** A fresh, empty database of the kind this run tests. */
export async function freshDatabase(dataDir?: string): Promise<TestDatabase> {
  if (TEST_POSTGRES_URL === null) {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), "parley-db-"));
    return {
      location: { dataDir: dir },
      databaseUrl: null,
      async dispose() {
        if (!dataDir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  await admin(async (client) => client.query(`create schema ${schema}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    location: { url: url.href },
    databaseUrl: url.href,
    async dispose() {
      await admin(async (client) => client.query(`drop schema if exists ${schema} cascade`));
    },
  };
}

/** A fresh database, opened and migrated. */
export async function openFreshDatabase(dataDir?: string): Promise<{ db: Db; database: TestDatabase }> {
  const database = await freshDatabase(dataDir);
  return { db: await openDatabase(database.location), database };
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL ?? undefined });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
