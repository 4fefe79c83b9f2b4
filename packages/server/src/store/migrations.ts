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
  "003_workflow_engine": {
    async up(db: Kysely<any>) {
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      const serial = postgres ? "serial" : "integer";
      // Durable timers (e.g. "no reply to a clarifying question"): a row survives a restart, and the
      // worker claims it in the transaction that applies it, so it fires exactly once.
      await db.schema
        .createTable("timers")
        .addColumn("id", serial, (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("conversation_id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("workflow_version", "integer", (c) => c.notNull())
        .addColumn("since", "text", (c) => c.notNull())
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("timers_due").on("timers").columns(["status", "due_at"]).execute();
      await db.schema.createIndex("timers_conversation").on("timers").columns(["conversation_id", "kind", "status"]).execute();

      // Every workflow ever saved live, immutable; the live pointer and the draft are settings.
      await db.schema
        .createTable("workflow_versions")
        .addColumn("version", "integer", (c) => c.primaryKey())
        .addColumn("definition", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("workflow_settings")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      // A collect-data step's form, shown under its message.
      await db.schema.alterTable("messages").addColumn("form", "text").execute();
    },
  },
  "005_security_contact_identity": {
    async up(db: Kysely<any>) {
      // Contacts are found by one key that says how the ping identified them (verified or not), so a
      // verified user and someone merely naming them are never the same contact, and one unique
      // index makes the first-ping upsert safe under concurrency.
      await db.schema.alterTable("contacts").addColumn("identity_key", "text").execute();
      const rows: { id: string; app_id: string; user_id: string | null; email: string | null; visitor_id: string | null; verified: number }[] =
        await db.selectFrom("contacts").select(["id", "app_id", "user_id", "email", "visitor_id", "verified"]).orderBy("created_at").execute();
      const taken = new Set<string>();
      for (const row of rows) {
        const kind = row.user_id !== null ? "user_id" : row.email !== null ? "email" : null;
        let key =
          kind === null
            ? JSON.stringify(["visitor", row.visitor_id ?? row.id])
            : JSON.stringify([row.verified ? "verified" : "unverified", kind, kind === "user_id" ? row.user_id : row.email]);
        // Older email-only duplicates (the oldest was the one found) keep their rows under their own id.
        if (taken.has(`${row.app_id} ${key}`)) key = JSON.stringify(["legacy", row.id]);
        taken.add(`${row.app_id} ${key}`);
        await db.updateTable("contacts").set({ identity_key: key }).where("id", "=", row.id).execute();
      }
      await db.schema.dropIndex("contacts_user").execute();
      await db.schema.dropIndex("contacts_visitor").execute();
      await db.schema.createIndex("contacts_identity").unique().on("contacts").columns(["app_id", "identity_key"]).execute();
      await db.schema.createIndex("contacts_user").on("contacts").columns(["app_id", "user_id"]).execute();
    },
  },
  "005_security_identity_settings": {
    async up(db: Kysely<any>) {
      // Read by every instance (cached a few seconds), so switching enforcement on reaches them all.
      await db.schema
        .createTable("identity_settings")
        .addColumn("app_id", "text", (c) => c.primaryKey())
        .addColumn("enforce", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      // How pings from each origin identified their users, for the installation check.
      for (const column of ["verified_count", "failing_count", "unverified_count", "anonymous_count"]) {
        await db.schema.alterTable("origins").addColumn(column, "integer", (c) => c.notNull().defaultTo(0)).execute();
      }
    },
  },
  "005_security_admin_sessions": {
    async up(db: Kysely<any>) {
      // Admin console logins (cookie sessions); only the token's hash is kept.
      await db.schema
        .createTable("admin_sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  "006_zendesk_handoff": {
    async up(db: Kysely<any>) {
      // A conversation handed to a live agent through the Conversations API.
      await db.schema
        .createTable("zendesk_live_chats")
        .addColumn("conversation_id", "text", (c) => c.primaryKey().references("conversations.id"))
        .addColumn("sunco_app_id", "text", (c) => c.notNull())
        .addColumn("sunco_user_id", "text", (c) => c.notNull())
        .addColumn("sunco_conversation_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("zendesk_live_chats_sunco").on("zendesk_live_chats").columns(["sunco_conversation_id"]).execute();
      // Parley messages already posted into a live chat: each goes there once.
      await db.schema
        .createTable("zendesk_live_posts")
        .addColumn("message_id", "text", (c) => c.primaryKey())
        .addColumn("conversation_id", "text", (c) => c.notNull())
        .addColumn("sunco_message_id", "text", (c) => c.notNull())
        .addColumn("posted_at", "text", (c) => c.notNull())
        .execute();
      // Agents' replies waiting to be emailed to a customer who is not in the Messenger.
      await db.schema
        .createTable("email_notifications")
        .addColumn("conversation_id", "text", (c) => c.primaryKey().references("conversations.id"))
        .addColumn("due_at", "text")
        .addColumn("notified_seq", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      // The Zendesk connections set through the admin API (one row per API), with their last check.
      await db.schema
        .createTable("zendesk_connections")
        .addColumn("api", "text", (c) => c.primaryKey())
        .addColumn("credentials", "text", (c) => c.notNull())
        .addColumn("check_result", "text")
        .addColumn("checked_at", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  "009_wfsec_security_settings": {
    async up(db: Kysely<any>) {
      // The owner's settings beside enforcement, read by every instance: merging unverified
      // contacts into verified ones, and the trusted origins (a JSON list; null: any site).
      await db.schema.alterTable("identity_settings").addColumn("merge_unverified", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable("identity_settings").addColumn("allowed_origins", "text").execute();
      // Rate-limit buckets every instance shares (admin logins), so more instances never mean more tries.
      await db.schema
        .createTable("rate_buckets")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("tokens", "double precision", (c) => c.notNull())
        .addColumn("at_ms", "double precision", (c) => c.notNull())
        .addColumn("taken", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex("rate_buckets_age").on("rate_buckets").column("at_ms").execute();
    },
  },
  "008_agent_article_questions": {
    async up(db: Kysely<any>) {
      // The owner's example questions of an article, a JSON list.
      await db.schema.alterTable("articles").addColumn("questions", "text", (c) => c.notNull().defaultTo("[]")).execute();
    },
  },
  "009_console_app_launch": {
    async up(db: Kysely<any>) {
      // Whether each app's Messenger shows to everyone (live) or only on pages opened with its test link.
      await db.schema
        .createTable("app_launch")
        .addColumn("app_id", "text", (c) => c.primaryKey())
        .addColumn("live", "integer", (c) => c.notNull())
        .addColumn("test_token", "text", (c) => c.notNull())
        .addColumn("validated_at", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  "011_timers_leases": {
    async up(db: Kysely<any>) {
      // Due timers are claimed by the outbox worker as its jobs are: a lease names the process
      // firing one, attempts and the last error are kept, and a failed firing waits out its backoff.
      await db.schema.alterTable("timers").addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable("timers").addColumn("lease_owner", "text").execute();
      await db.schema.alterTable("timers").addColumn("lease_expires_at", "text").execute();
      await db.schema.alterTable("timers").addColumn("last_error", "text").execute();
    },
  },
  "009_messenger_contact_events": {
    async up(db: Kysely<any>) {
      // What the page reported with Intercom('trackEvent'): per contact, newest kept (capped).
      await db.schema
        .createTable("contact_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("app_id", "text", (c) => c.notNull())
        .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id"))
        .addColumn("event_name", "text", (c) => c.notNull())
        .addColumn("metadata", "text", (c) => c.notNull().defaultTo("{}"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("contact_events_contact").on("contact_events").columns(["contact_id", "id"]).execute();
      await db.schema.createIndex("contact_events_name").on("contact_events").columns(["app_id", "event_name", "id"]).execute();
    },
  },
  "010_messenger_event_client_ids": {
    async up(db: Kysely<any>) {
      // The Messenger re-sends an event it could not confirm (offline, reload): its client id
      // makes the second copy find the first. Null for events sent without one (many allowed).
      await db.schema.alterTable("contact_events").addColumn("client_id", "text").execute();
      await db.schema.createIndex("contact_events_client").on("contact_events").columns(["contact_id", "client_id"]).unique().execute();
    },
  },
  "012_console_decisions": {
    async up(db: Kysely<any>) {
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      // What the AI agent and the workflow decided at each step, for the owner's transcript (JSON).
      await db.schema
        .createTable("conversation_decisions")
        .addColumn("id", postgres ? "serial" : "integer", (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("conversation_id", "text", (c) => c.notNull().references("conversations.id"))
        .addColumn("after_message_id", "text")
        .addColumn("decision", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("conversation_decisions_conversation").on("conversation_decisions").columns(["conversation_id", "id"]).execute();
    },
  },
  "013_guide_zendesk_guide_articles": {
    async up(db: Kysely<any>) {
      // Which admin-API articles came from Zendesk Guide, so importing again updates and removes only those.
      await db.schema
        .createTable("zendesk_guide_articles")
        .addColumn("article_id", "text", (c) => c.primaryKey())
        .addColumn("zendesk_article_id", "text", (c) => c.notNull())
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("imported_at", "text", (c) => c.notNull())
        .execute();
    },
  },
};

/** Every migration, in the order a new database runs them. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations).sort();
export const MIGRATIONS: Readonly<Record<string, Migration>> = migrations;

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
