import { afterEach, beforeEach, expect, test } from "vitest";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import type { Db } from "./db";
import { recordContactEvent } from "./contact-events";
import { enqueue } from "./outbox";
import { pruneOld } from "./retention";
import { appendFrame } from "./stream-events";
import { firstReceipt } from "./zendesk-tickets";

let db: Db;
let database: TestDatabase;
beforeEach(async () => {
  ({ db, database } = await openFreshDatabase());
});
afterEach(async () => {
  await db.destroy();
  await database.dispose();
});

const NOW = new Date("2026-06-30T12:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

async function seed(age: number, tag: string) {
  const at = daysAgo(age);
  await db
    .insertInto("contacts")
    .values({ id: `contact_${tag}`, app_id: "demo", user_id: null, email: null, visitor_id: tag, identity_key: JSON.stringify(["visitor", tag]), name: null, phone: null, attributes: "{}", verified: 0, created_at: at, updated_at: at })
    .execute();
  await db.insertInto("sessions").values({ token_hash: `hash_${tag}`, contact_id: `contact_${tag}`, app_id: "demo", created_at: at, expires_at: at }).execute();
  const frame = { type: "conversation" as const, conversation: { id: `conv_${tag}`, status: "ai" as const, version: 1, created_at: at, updated_at: at } };
  await appendFrame(db, `contact_${tag}`, `conv_${tag}`, frame, at);
  for (const status of ["done", "dead", "pending"]) {
    await enqueue(db, `conv_${tag}`, "zendesk", { type: `zendesk.${status}` }, at);
    await db.updateTable("outbox").set({ status, updated_at: at }).where("effect", "=", JSON.stringify({ type: `zendesk.${status}` })).where("conversation_id", "=", `conv_${tag}`).execute();
  }
  await firstReceipt(db, `zendesk:${tag}`, at);
  await db.insertInto("origins").values({ app_id: "demo", origin: `https://${tag}.example`, identity_status: "verified", first_seen_at: at, last_seen_at: at }).execute();
  for (const status of ["fired", "cancelled", "dead", "pending"]) {
    const timer = { conversation_id: `conv_${tag}`, kind: "clarify", workflow_version: 1, since: at, due_at: at, attempts: 0, lease_owner: null, lease_expires_at: null, last_error: null };
    await db.insertInto("timers").values({ ...timer, status, created_at: at, updated_at: at }).execute();
  }
}

test("rows older than the retention are pruned; recent ones, dead and waiting jobs stay", async () => {
  await seed(45, "old");
  await seed(5, "recent");

  const pruned = await pruneOld(db, NOW, 30);

  expect(pruned).toEqual({ sessions: 1, streamEvents: 1, finishedJobs: 1, finishedTimers: 2, webhookReceipts: 1, rateBuckets: 0, origins: 1, emptyContacts: 1 });
  // A site not seen within the retention is gone from the installation check; one seen lately stays.
  expect((await db.selectFrom("origins").select("origin").execute()).map((row) => row.origin)).toEqual(["https://recent.example"]);
  expect((await db.selectFrom("sessions").select("token_hash").execute()).map((row) => row.token_hash)).toEqual(["hash_recent"]);
  expect((await db.selectFrom("stream_events").select("contact_id").execute()).map((row) => row.contact_id)).toEqual(["contact_recent"]);
  expect((await db.selectFrom("webhook_receipts").select("id").execute()).map((row) => row.id)).toEqual(["zendesk:recent"]);
  const jobs = await db.selectFrom("outbox").select(["conversation_id", "status"]).orderBy("id").execute();
  expect(jobs).toEqual([
    { conversation_id: "conv_old", status: "dead" },
    { conversation_id: "conv_old", status: "pending" },
    { conversation_id: "conv_recent", status: "done" },
    { conversation_id: "conv_recent", status: "dead" },
    { conversation_id: "conv_recent", status: "pending" },
  ]);
  // A timer that failed for good, or is still waiting, stays whatever its age.
  const timers = await db.selectFrom("timers").select(["conversation_id", "status"]).orderBy("id").execute();
  expect(timers).toEqual([
    { conversation_id: "conv_old", status: "dead" },
    { conversation_id: "conv_old", status: "pending" },
    { conversation_id: "conv_recent", status: "fired" },
    { conversation_id: "conv_recent", status: "cancelled" },
    { conversation_id: "conv_recent", status: "dead" },
    { conversation_id: "conv_recent", status: "pending" },
  ]);
  // The old visitor held nothing once its session and frames were pruned: it goes too (see below).
  expect((await db.selectFrom("contacts").select("id").execute()).map((row) => row.id)).toEqual(["contact_recent"]);
});

async function contact(tag: string, identity: (string | null)[], age: number) {
  const at = daysAgo(age);
  await db
    .insertInto("contacts")
    .values({ id: `contact_${tag}`, app_id: "demo", user_id: null, email: null, visitor_id: null, identity_key: JSON.stringify(identity), name: null, phone: null, attributes: "{}", verified: 0, created_at: at, updated_at: at })
    .execute();
  return `contact_${tag}`;
}

test("contacts a client could make by pinging (visitors, unproven users) that hold nothing and were not seen within the retention are pruned; anyone with history, or a verified user, stays", async () => {
  // Each ping with a new visitor id makes a contact: pruning those that hold nothing bounds what a client can make us keep.
  await contact("idle_visitor", ["visitor", "v-idle"], 45);
  await contact("idle_separated", ["separated", "user_id", "42", "v-other"], 45);
  await contact("recent_visitor", ["visitor", "v-recent"], 5);
  await contact("idle_user", ["verified", "user_id", "7"], 45);
  await contact("idle_unverified", ["unverified", "email", "a@example.com"], 45);
  const wrote = await contact("visitor_who_wrote", ["visitor", "v-wrote"], 45);
  await db.insertInto("conversations").values({ id: "conv_wrote", app_id: "demo", contact_id: wrote, status: "closed", version: 1, state: "{}", created_at: daysAgo(45), updated_at: daysAgo(45) }).execute();
  const tracked = await contact("visitor_with_events", ["visitor", "v-events"], 45);
  await recordContactEvent(db, { appId: "demo", contactId: tracked, eventName: "viewed-pricing", metadata: {}, createdAt: daysAgo(45) });
  const signedIn = await contact("visitor_with_session", ["visitor", "v-session"], 45);
  await db.insertInto("sessions").values({ token_hash: "hash_live", contact_id: signedIn, app_id: "demo", created_at: daysAgo(45), expires_at: daysAgo(10) }).execute();

  const pruned = await pruneOld(db, NOW, 30);

  expect(pruned.emptyContacts).toBe(3);
  const left = (await db.selectFrom("contacts").select("id").orderBy("id").execute()).map((row) => row.id);
  expect(left).toEqual(["contact_idle_user", "contact_recent_visitor", "contact_visitor_who_wrote", "contact_visitor_with_events", "contact_visitor_with_session"]);
});

test("pruning again finds nothing more", async () => {
  await seed(45, "old");
  await pruneOld(db, NOW, 30);
  expect(await pruneOld(db, NOW, 30)).toEqual({ sessions: 0, streamEvents: 0, finishedJobs: 0, finishedTimers: 0, webhookReceipts: 0, rateBuckets: 0, origins: 0, emptyContacts: 0 });
});
