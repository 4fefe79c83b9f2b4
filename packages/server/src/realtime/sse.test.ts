import { Hono } from "hono";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { Db } from "../store/db";
import type { StoredFrame } from "../store/stream-events";
import { openFreshDatabase, type TestDatabase } from "../testing/database";
import { StreamBus } from "./bus";
import { openStream } from "./sse";

let db: Db;
let database: TestDatabase;
beforeEach(async () => {
  ({ db, database } = await openFreshDatabase());
});
afterEach(async () => {
  await db.destroy();
  await database.dispose();
});

const at = "2026-01-01T00:00:00.000Z";
const frame = (id: number, text: string): StoredFrame => ({
  id,
  contactId: "contact_1",
  frame: {
    type: "message",
    message: { id: `msg_${id}`, conversation_id: "conv_1", client_id: null, author: { type: "ai", name: null }, text, created_at: at, citations: [], buttons: [] },
  },
});

function server(bus: StreamBus) {
  const app = new Hono();
  app.get("/stream", (c) => openStream(c, { db, bus, contactId: "contact_1", writeDeadlineMs: 200 }));
  return app;
}

test("a browser that stops reading is dropped once a write misses its deadline, so the server holds nothing for it", async () => {
  const bus = new StreamBus();
  const response = await server(bus).request("/stream");
  const reader = response.body!.getReader();
  await reader.read(); // the opening heartbeat: the stream is open
  expect(bus.openStreams).toBe(1);

  // The browser reads nothing more while the conversation goes on.
  const long = "x".repeat(64 * 1024);
  bus.publish(Array.from({ length: 50 }, (_, i) => frame(i + 1, long)));

  await expect.poll(() => bus.openStreams, { timeout: 3000 }).toBe(0);
  await reader.cancel();
});

test("a browser that keeps reading gets every frame, in order", async () => {
  const bus = new StreamBus();
  const response = await server(bus).request("/stream");
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  await reader.read();
  bus.publish(Array.from({ length: 50 }, (_, i) => frame(i + 1, `frame ${i + 1} ${"y".repeat(4096)}`)));

  let text = "";
  while (!text.includes("frame 50 ")) text += (await reader.read()).value ?? "";
  const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
  expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  expect(bus.openStreams).toBe(1);
  await reader.cancel();
});
