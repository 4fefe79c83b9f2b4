import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { expect, test } from "vitest";
import { upsertContact } from "./contacts";
import { MIGRATIONS, migrateToLatest } from "./migrations";
import type { Database } from "./schema";

test("contacts stored before identity keys keep who they are: verified users, unverified users, email-only contacts and visitors", async () => {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(":memory:") }) });
  await new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo("002_articles");
  const row = (id: string, fields: { user_id?: string; email?: string; visitor_id?: string; verified?: number }, at: string) => ({
    id,
    app_id: "app",
    user_id: fields.user_id ?? null,
    email: fields.email ?? null,
    visitor_id: fields.visitor_id ?? null,
    name: null,
    phone: null,
    attributes: "{}",
    verified: fields.verified ?? 0,
    created_at: at,
    updated_at: at,
  });
  // Inserted as the old schema had them (no identity key yet).
  const old = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await old.insertInto("contacts").values([
    row("c_verified", { user_id: "ada", verified: 1 }, "2026-01-01"),
    row("c_unverified", { user_id: "bob" }, "2026-01-02"),
    row("c_email_first", { email: "eve@example.com" }, "2026-01-03"),
    row("c_email_second", { email: "eve@example.com" }, "2026-01-04"),
    row("c_visitor", { visitor_id: "visitor-0001" }, "2026-01-05"),
  ]).execute();

  await migrateToLatest(db);
  const find = async (claim: { kind: "user_id" | "email"; value: string } | null, verified: boolean, visitorId = "visitor-9999") =>
    (await upsertContact(db, { appId: "app", claim, verified, visitorId }, {}, { mergeUnverified: false }, "2026-02-01")).contact.id;

  expect(await find({ kind: "user_id", value: "ada" }, true)).toBe("c_verified");
  expect(await find({ kind: "user_id", value: "bob" }, false)).toBe("c_unverified");
  // The oldest email-only contact was the one found before; it still is.
  expect(await find({ kind: "email", value: "eve@example.com" }, false)).toBe("c_email_first");
  expect(await find(null, false, "visitor-0001")).toBe("c_visitor");
  // An unverified claim on the verified user gets a contact of its own.
  expect(await find({ kind: "user_id", value: "ada" }, false)).not.toBe("c_verified");
  await db.destroy();
});
