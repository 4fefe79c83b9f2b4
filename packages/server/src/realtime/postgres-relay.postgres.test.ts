import type { StreamFrame } from "@parley/protocol";
import { sql } from "kysely";
import pg from "pg";
import { afterEach, expect, test } from "vitest";
import type { Db } from "../store/db";
import { type Announcement, announceFrames, appendFrame, STREAM_CHANNEL, type StoredFrame } from "../store/stream-events";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import { StreamBus } from "./bus";
import { PostgresStreamRelay } from "./postgres-relay";

// Runs in the PostgreSQL pass of `npm test`.

let opened: { db: Db; database: TestDatabase } | undefined;
let relay: PostgresStreamRelay | undefined;
afterEach(async () => {
  await relay?.stop();
  await opened?.db.destroy();
  await opened?.database.dispose();
});

const message = (id: string, text: string): StreamFrame => ({
  type: "message",
  message: { id, conversation_id: "conv_1", client_id: null, author: { type: "ai", name: null }, text, created_at: "2026-11-30T09:00:00.000Z", citations: [], buttons: [] },
});

test("frames committed on the database reach this instance's streams, numbered in order, small ones and ones too big to announce", async () => {
  opened = await openFreshDatabase();
  const { db, database } = opened;
  if (!("url" in database.location)) throw new Error("this test needs PostgreSQL");
  const bus = new StreamBus();
  relay = new PostgresStreamRelay({ url: database.location.url, bus, db, log: () => {} });
  await relay.start();
  const heard: StoredFrame[] = [];
  bus.subscribe("contact_1", (frame) => heard.push(frame));

  const long = "a long answer ".repeat(1000); // past NOTIFY's 8000 bytes: announced without its body
  const stored = await db.transaction().execute(async (trx) => [
    await appendFrame(trx, "contact_1", "conv_1", message("msg_1", "short"), "2026-11-30T09:00:00.000Z"),
    await appendFrame(trx, "contact_1", "conv_1", message("msg_2", long), "2026-11-30T09:00:00.000Z"),
  ]);
  const after = await db.transaction().execute((trx) => appendFrame(trx, "contact_1", "conv_1", message("msg_3", "after"), "2026-11-30T09:00:01.000Z"));
  // Announced once committed, as the conversation service does (two commits' frames may go together).
  relay.announce(stored);
  relay.announce([after]);

  expect(stored.map((frame) => frame.id)).toEqual([1, 2]);
  await expect.poll(() => heard.length).toBe(3);
  expect(heard.map((frame) => frame.id).sort()).toEqual([1, 2, 3]);
  const texts = Object.fromEntries(heard.map((frame) => [frame.id, frame.frame.type === "message" ? frame.frame.message.text : ""]));
  expect(texts).toEqual({ 1: "short", 2: long, 3: "after" });
});

test("a frame in a transaction that rolls back is not stored and leaves no gap in the numbering", async () => {
  opened = await openFreshDatabase();
  const { db, database } = opened;
  if (!("url" in database.location)) throw new Error("this test needs PostgreSQL");
  const bus = new StreamBus();
  relay = new PostgresStreamRelay({ url: database.location.url, bus, db, log: () => {} });
  await relay.start();
  const heard: StoredFrame[] = [];
  bus.subscribe("contact_1", (frame) => heard.push(frame));

  await expect(
    db.transaction().execute(async (trx) => {
      await appendFrame(trx, "contact_1", "conv_1", message("msg_1", "never sent"), "2026-11-30T09:00:00.000Z");
      throw new Error("the step failed");
    }),
  ).rejects.toThrow("the step failed");
  const kept = await db.transaction().execute((trx) => appendFrame(trx, "contact_1", "conv_1", message("msg_2", "sent"), "2026-11-30T09:00:01.000Z"));
  relay.announce([kept]);

  expect(kept.id).toBe(1);
  await expect.poll(() => heard.map((frame) => frame.id)).toEqual([1]);
});

// PostgreSQL lets one transaction that sent a NOTIFY commit at a time, holding a lock until its
// commit is on disk: when every conversation turn announced its frames inside its own transaction,
// all turns queued behind each other's disk flushes and, on a busy machine, AI answers arrived
// tens of seconds late. Notifications arrive in commit order, so once a later transaction's
// notification has arrived, one sent by the frame's transaction would have arrived before it.
test("storing a frame sends no NOTIFY in its transaction (turns do not commit one at a time); it is announced after", async () => {
  opened = await openFreshDatabase();
  const { db, database } = opened;
  if (!("url" in database.location)) throw new Error("this test needs PostgreSQL");
  const listener = new pg.Client({ connectionString: database.location.url });
  await listener.connect();
  try {
    const heard: string[] = [];
    // Test files in other schemas of this database may announce their own contacts' frames meanwhile.
    listener.on("notification", ({ channel, payload }) => {
      if (channel !== STREAM_CHANNEL || (JSON.parse(payload ?? "{}") as Announcement).c === "contact_1") heard.push(channel);
    });
    await listener.query(`listen ${STREAM_CHANNEL}`);
    await listener.query("listen parley_test_marker");

    const stored = await db.transaction().execute((trx) => appendFrame(trx, "contact_1", "conv_1", message("msg_1", "hello"), "2026-11-30T09:00:00.000Z"));
    await sql`select pg_notify('parley_test_marker', '')`.execute(db);
    await expect.poll(() => heard).toContain("parley_test_marker");
    expect(heard).toEqual(["parley_test_marker"]);

    await announceFrames(db, [stored]);
    await expect.poll(() => heard).toEqual(["parley_test_marker", STREAM_CHANNEL]);
  } finally {
    await listener.end();
  }
});
