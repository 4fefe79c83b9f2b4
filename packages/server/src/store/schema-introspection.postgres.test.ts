import { sql } from "kysely";
import { afterEach, expect, test } from "vitest";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import type { Db } from "./db";

// Runs in the PostgreSQL pass of `npm test`: two databases in two schemas of one PostgreSQL.

const opened: { db: Db; database: TestDatabase }[] = [];
afterEach(async () => {
  for (const { db, database } of opened.splice(0)) {
    await db.destroy();
    await database.dispose();
  }
});

async function open(): Promise<Db> {
  const fresh = await openFreshDatabase();
  opened.push(fresh);
  return fresh.db;
}

test("a database in one schema of a shared PostgreSQL lists only its own tables, so another schema dropped meanwhile cannot fail its migrations", async () => {
  const db = await open();
  const other = await open();
  await sql`create table elsewhere (id serial primary key)`.execute(other);
  const schema = (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]!.name;

  const tables = await db.introspection.getTables();
  expect(new Set(tables.map((table) => table.schema))).toEqual(new Set([schema]));
  const names = tables.map((table) => table.name);
  expect(names).toEqual(expect.arrayContaining(["contacts", "conversations", "messages", "outbox"]));
  expect(names).not.toContain("elsewhere");
  expect(names).not.toContain("kysely_migration");
  expect((await db.introspection.getTables({ withInternalKyselyTables: true })).map((table) => table.name)).toEqual(
    expect.arrayContaining(["kysely_migration", "kysely_migration_lock"]),
  );

  // Columns as Kysely describes them.
  const messages = tables.find((table) => table.name === "messages")!;
  const column = (name: string) => messages.columns.find((each) => each.name === name);
  expect(messages.isView).toBe(false);
  expect(messages.columns[0]?.name).toBe("seq");
  expect(column("seq")).toMatchObject({ dataType: "int4", isAutoIncrementing: true, isNullable: false, hasDefaultValue: true });
  expect(column("client_id")).toMatchObject({ dataType: "text", isAutoIncrementing: false, isNullable: true, hasDefaultValue: false });
  expect(column("citations")).toMatchObject({ isNullable: false, hasDefaultValue: true });
});
