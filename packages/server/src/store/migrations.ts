import { type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from "kysely";

/** Migrations are code, in order, and the same for SQLite and PostgreSQL. */
const migrations: Record<string, Migration> = {
  "001_initial": {
    async up(db: Kysely<any>) {
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      // A growing integer key: `serial` on PostgreSQL, `integer … autoincrement` on SQLite.
      const serial = postgres ? "serial" : "integer";
      const growing = (column: ColumnDefinitionBuilder) => (postgres ? column.primaryKey() : column.primaryKey().autoIncrement());
      await db.schema
        .createTable("contacts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("app_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text")
        .addColumn("email", "text")
        .addColumn("visitor_id", "text")
        .addColumn("name", "text")
        .addColumn("phone", "text")
        .addColumn("attributes", "text", (c) => c.notNull().defaultTo("{}"))
        .addColumn("verified", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("contacts_user").unique().on("contacts").columns(["app_id", "user_id"]).where(sql.ref("user_id"), "is not", null).execute();
      await db.schema.createIndex("contacts_email").on("contacts").columns(["app_id", "email"]).execute();
      await db.schema.createIndex("contacts_visitor").unique().on("contacts").columns(["app_id", "visitor_id"]).where(sql.ref("visitor_id"), "is not", null).execute();

      await db.schema
        .createTable("sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id"))
        .addColumn("app_id", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("conversations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("app_id", "text", (c) => c.notNull())
        .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("conversations_contact").on("conversations").columns(["contact_id", "updated_at"]).execute();

      await db.schema
        .createTable("messages")
        .addColumn("seq", serial, growing)
        .addColumn("id", "text", (c) => c.notNull().unique())
        .addColumn("conversation_id", "text", (c) => c.notNull().references("conversations.id"))
        .addColumn("contact_id", "text", (c) => c.notNull())
        .addColumn("client_id", "text")
        .addColumn("author_type", "text", (c) => c.notNull())
        .addColumn("author_name", "text")
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("citations", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("buttons", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("external_ref", "text", (c) => c.unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("messages_conversation").on("messages").columns(["conversation_id", "seq"]).execute();
      await db.schema.createIndex("messages_client").unique().on("messages").columns(["contact_id", "client_id"]).where(sql.ref("client_id"), "is not", null).execute();

      await db.schema
        .createTable("stream_events")
        .addColumn("id", serial, growing)
        .addColumn("contact_id", "text", (c) => c.notNull())
        .addColumn("conversation_id", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("stream_events_contact").on("stream_events").columns(["contact_id", "id"]).execute();

      await db.schema
        .createTable("outbox")
        .addColumn("id", serial, growing)
        .addColumn("conversation_id", "text", (c) => c.notNull())
        .addColumn("lane", "text", (c) => c.notNull())
        .addColumn("effect", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("next_attempt_at", "text", (c) => c.notNull())
        .addColumn("last_error", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("outbox_pending").on("outbox").columns(["status", "id"]).execute();

      await db.schema
        .createTable("zendesk_tickets")
        .addColumn("conversation_id", "text", (c) => c.primaryKey().references("conversations.id"))
        // Zendesk's ids outgrow 32 bits; SQLite's integer is 64 bits already.
        .addColumn("ticket_id", postgres ? "bigint" : "integer", (c) => c.notNull().unique())
        .addColumn("requester_id", postgres ? "bigint" : "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("webhook_receipts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("received_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("origins")
        .addColumn("app_id", "text", (c) => c.notNull())
        .addColumn("origin", "text", (c) => c.notNull())
        .addColumn("identity_status", "text", (c) => c.notNull())
        .addColumn("first_seen_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("origins_pk", ["app_id", "origin"])
        .execute();
    },
  },
  "002_articles": {
    async up(db: Kysely<any>) {
      // Help-center articles written through the admin API; articles from the knowledge folder stay files.
      await db.schema
        .createTable("articles")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("translation_of", "text")
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  "004_storage_job_leases": {
    async up(db: Kysely<any>) {
      // Which process runs a job lives in the database, so two processes never run one job twice,
      // and a job whose process died is taken up again when its lease expires.
      await db.schema.alterTable("outbox").addColumn("lease_owner", "text").execute();
      await db.schema.alterTable("outbox").addColumn("lease_expires_at", "text").execute();
      await db.schema.dropIndex("outbox_pending").execute();
      await db.schema.createIndex("outbox_due").on("outbox").columns(["lane", "status", "next_attempt_at", "id"]).execute();
      await db.schema.createIndex("outbox_in_order").on("outbox").columns(["conversation_id", "lane", "status", "id"]).execute();
    },
  },
  "004_storage_retention_indexes": {
    async up(db: Kysely<any>) {
      // Pruning old rows finds them by age without reading whole tables.
      await db.schema.createIndex("sessions_expiry").on("sessions").column("expires_at").execute();
      await db.schema.createIndex("stream_events_age").on("stream_events").column("created_at").execute();
      await db.schema.createIndex("outbox_finished").on("outbox").columns(["status", "updated_at"]).execute();
      await db.schema.createIndex("webhook_receipts_age").on("webhook_receipts").column("received_at").execute();
    },
  },
  "004_storage_stream_sequence": {
    async up(db: Kysely<any>) {
      // Each contact's stream frames are numbered 1, 2, 3… in the order their transactions commit
      // (the counter row stays locked until commit), on every instance: a stream can tell a frame it
      // has not seen yet from a gap. Existing frames keep their ids as numbers, so cursors held by
      // open Messengers stay valid.
      await db.schema
        .createTable("stream_cursors")
        .addColumn("contact_id", "text", (c) => c.primaryKey())
        .addColumn("seq", "integer", (c) => c.notNull())
        .execute();
      await db.schema.alterTable("stream_events").addColumn("seq", "integer").execute();
      await sql`update stream_events set seq = id`.execute(db);
      await sql`insert into stream_cursors (contact_id, seq) select contact_id, max(seq) from stream_events group by contact_id`.execute(db);
      await db.schema.createIndex("stream_events_contact_seq").unique().on("stream_events").columns(["contact_id", "seq"]).execute();
    },
  },
};

/** Every migration, in the order a new database runs them. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations).sort();

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await migrator(db).then((m) => m.migrateToLatest());
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`, { cause: error });
  }
}

/** The names of the migrations this database has run, in order (for /readyz and `parley migrate`). */
export async function appliedMigrations(db: Kysely<any>): Promise<{ applied: string[]; pending: string[] }> {
  const all = await (await migrator(db)).getMigrations();
  return {
    applied: all.filter((migration) => migration.executedAt !== undefined).map((migration) => migration.name),
    pending: all.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name),
  };
}

async function migrator(db: Kysely<any>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The version table lives in the schema the tables do, so databases in different schemas of
    // one PostgreSQL (tests, several apps) never read each other's versions.
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  // Branches add migrations side by side, each with its own name prefix: a database that ran a
  // later name first must still take an earlier one it lacks.
  return new Migrator({ db, provider, allowUnorderedMigrations: true, ...(migrationTableSchema && { migrationTableSchema }) });
}
