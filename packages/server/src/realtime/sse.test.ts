import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
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
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
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

function app(bus: StreamBus) {
  const app = new Hono();
  app.use(cors());
  // Headers set after the handler returned must reach the browser too.
  app.use(async (c, next) => {
    await next();
    c.res.headers.append("Vary", "Origin");
  });
  app.get("/stream", (c) => openStream(c, { db, bus, contactId: "contact_1", writeDeadlineMs: 200 }));
  return app;
}

// The server writes streams straight into Node's response; anything else (app.request here) gets a web stream.
const transports = {
  "through Node's HTTP server": async (bus: StreamBus) => {
    const server = serve({ fetch: app(bus).fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    closers.push(
      () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          (server as import("node:http").Server).closeAllConnections();
        }),
    );
    const { port } = server.address() as AddressInfo;
    const abort = new AbortController();
    closers.push(async () => abort.abort());
    return fetch(`http://127.0.0.1:${port}/stream`, { headers: { Origin: "https://shop.example" }, signal: abort.signal });
  },
  "through app.request": async (bus: StreamBus) => app(bus).request("/stream", { headers: { Origin: "https://shop.example" } }),
};

describe.each(Object.entries(transports))("a stream %s", (_, open) => {
  test("answers as an event stream with the middleware's headers", async () => {
    const response = await open(new StreamBus());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("vary")).toBe("Origin");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe('event: heartbeat\ndata: {}\nretry: 2000\n\n');
    await reader.cancel();
  });

  test("a browser that stops reading is dropped once a write misses its deadline, so the server holds nothing for it", async () => {
    const bus = new StreamBus();
    const response = await open(bus);
    const reader = response.body!.getReader();
    await reader.read(); // the opening heartbeat: the stream is open
    expect(bus.openStreams).toBe(1);

    // The browser reads nothing more while the conversation goes on (more than the network buffers hold).
    const long = "x".repeat(64 * 1024);
    bus.publish(Array.from({ length: 400 }, (_, i) => frame(i + 1, long)));

    await expect.poll(() => bus.openStreams, { timeout: 5000 }).toBe(0);
    // The stream was cut, and what was waiting for the browser thrown away with it.
    await expect(readToEnd(reader)).rejects.toThrow();
  });

  test("a browser that keeps reading gets every frame, in order", async () => {
    const bus = new StreamBus();
    const response = await open(bus);
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

  test("when the browser goes away, the server lets go of the stream", async () => {
    const bus = new StreamBus();
    const reader = (await open(bus)).body!.getReader();
    await reader.read();
    expect(bus.openStreams).toBe(1);
    await reader.cancel();
    await expect.poll(() => bus.openStreams).toBe(0);
    expect(bus.hasListeners("contact_1")).toBe(false);
  });
});

/** Reads what is left; rejects if the stream was cut rather than ended. */
async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  for (;;) if ((await reader.read()).done) throw new Error("the stream ended cleanly instead of being cut");
}
