import { sql } from "kysely";
import { afterEach, expect, test } from "vitest";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import type { Db } from "./db";

let opened: { db: Db; database: TestDatabase } | undefined;
afterEach(async () => {
  await opened?.db.destroy();
  await opened?.database.dispose();
});

// SQLite keeps statements prepared across queries: one prepared before a table changed must
// still answer from the table as it is now, and a query on a table that went away must fail.
test("a query run again after its table changed answers from the table as it is now", async () => {
  opened = await openFreshDatabase();
  const { db } = opened;
  await sql`create table notes (id integer primary key, body text)`.execute(db);
  await sql`insert into notes (id, body) values (1, 'first')`.execute(db);
  const read = () => sql<Record<string, unknown>>`select * from notes where id = ${1}`.execute(db);
  expect((await read()).rows).toEqual([{ id: 1, body: "first" }]);

  await sql`alter table notes add column author text`.execute(db);
  await sql`update notes set author = 'ada'`.execute(db);
  expect((await read()).rows).toEqual([{ id: 1, body: "first", author: "ada" }]);

  await sql`alter table notes rename to notes_away`.execute(db);
  await expect(read()).rejects.toThrow(/notes/);
  await sql`alter table notes_away rename to notes`.execute(db);
  expect((await read()).rows).toEqual([{ id: 1, body: "first", author: "ada" }]);
});

test("many different queries in turn all answer correctly (more than are kept prepared)", async () => {
  opened = await openFreshDatabase();
  const { db } = opened;
  await sql`create table numbers (n integer primary key)`.execute(db);
  await sql`insert into numbers (n) values (0), (1), (2)`.execute(db);
  const count = async (width: number) => {
    // `in (…)` lists of every width: each a SQL text of its own.
    const wanted = Array.from({ length: width }, (_, i) => i);
    const { rows } = await sql<{ count: number }>`select count(*) as count from numbers where n in (${sql.join(wanted)})`.execute(db);
    return Number(rows[0]?.count);
  };
  for (let width = 1; width <= 520; width++) expect(await count(width)).toBe(Math.min(width, 3));
  // The first ones were let go meanwhile: prepared again, they still answer.
  expect(await count(1)).toBe(1);
  expect(await count(2)).toBe(2);
}, 20_000);
