import { afterEach, expect, test } from "vitest";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import type { Db } from "./db";
import { appliedMigrations, MIGRATION_NAMES, migrateToLatest } from "./migrations";
import { enqueue } from "./outbox";
import { appendFrame, framesAfter } from "./stream-events";
import { conversationForTicket, saveTicketLink } from "./zendesk-tickets";

// The suite runs once on SQLite and once on PostgreSQL (DATABASE_URL): these run on each.
let opened: { db: Db; database: TestDatabase } | undefined;
afterEach(async () => {
  await opened?.db.destroy();
  await opened?.database.dispose();
  opened = undefined;
});

test("a new database runs every migration, in order, and running them again changes nothing", async () => {
  opened = await openFreshDatabase();
  expect(await appliedMigrations(opened.db)).toEqual({ applied: MIGRATION_NAMES, pending: [] });
  await migrateToLatest(opened.db);
  expect(await appliedMigrations(opened.db)).toEqual({ applied: MIGRATION_NAMES, pending: [] });
});

test("the migrated tables number their rows and give back what was stored", async () => {
  opened = await openFreshDatabase();
  const { db } = opened;
  const at = "2026-01-01T00:00:00.000Z";
  await db
    .insertInto("contacts")
    .values({ id: "contact_1", app_id: "demo", user_id: null, email: null, visitor_id: "v1", identity_key: JSON.stringify(["visitor", "v1"]), name: "Ada", phone: null, attributes: "{}", verified: 0, created_at: at, updated_at: at })
    .execute();
  const frame = { type: "conversation" as const, conversation: { id: "conv_1", status: "ai" as const, version: 1, created_at: at, updated_at: at } };
  const first = await appendFrame(db, "contact_1", "conv_1", frame, at);
  const second = await appendFrame(db, "contact_1", "conv_1", frame, at);
  expect(second.id).toBeGreaterThan(first.id);
  expect((await framesAfter(db, "contact_1", first.id)).map((frame) => frame.id)).toEqual([second.id]);

  // Zendesk's ids are past 32 bits.
  await db.insertInto("conversations").values({ id: "conv_1", app_id: "demo", contact_id: "contact_1", status: "ai", version: 1, state: "{}", created_at: at, updated_at: at }).execute();
  await saveTicketLink(db, { conversationId: "conv_1", ticketId: 1_910_000_000_007, requesterId: 9_007_199_254 }, at);
  expect(await conversationForTicket(db, 1_910_000_000_007)).toEqual({ conversationId: "conv_1", ticketId: 1_910_000_000_007, requesterId: 9_007_199_254 });

  await enqueue(db, "conv_1", "ai", { type: "ai.answer" }, at);
  const job = await db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
  expect(job).toMatchObject({ id: 1, status: "pending", attempts: 0, lease_owner: null, lease_expires_at: null, next_attempt_at: at });
});
