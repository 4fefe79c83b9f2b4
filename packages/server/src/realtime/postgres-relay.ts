import { StreamFrame } from "@parley/protocol";
import pg from "pg";
import * as z from "zod";
import type { Db } from "../store/db";
import { framesAfter, STREAM_CHANNEL, type StoredFrame } from "../store/stream-events";
import type { StreamBus } from "./bus";

const Announcement = z.object({ c: z.string(), s: z.number().int().positive(), f: z.unknown().optional() });

const RECONNECT_MAX_MS = 10_000;

/**
 * Carries stream frames between server instances on one PostgreSQL: every committed frame is
 * announced with NOTIFY (see appendFrame); this LISTENs on its own connection and hands the frames
 * of contacts with a stream open here to the local bus. Announcements arrive in commit order; one
 * lost while the connection was down is read back by every stream when it comes back.
 */
export class PostgresStreamRelay {
  readonly #url: string;
  readonly #bus: StreamBus;
  readonly #db: Db;
  readonly #log: (message: string) => void;
  #client: pg.Client | null = null;
  #stopped = false;
  #failures = 0;

  constructor(options: { url: string; bus: StreamBus; db: Db; log: (message: string) => void }) {
    this.#url = options.url;
    this.#bus = options.bus;
    this.#db = options.db;
    this.#log = options.log;
  }

  /** Resolves once listening. */
  async start(): Promise<void> {
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#client?.end().catch(() => {});
    this.#client = null;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    client.on("notification", (message) => {
      if (message.channel === STREAM_CHANNEL && message.payload) void this.#receive(message.payload);
    });
    client.on("error", (error) => this.#lost(client, error));
    client.on("end", () => this.#lost(client, new Error("connection closed")));
    await client.connect();
    await client.query(`listen ${STREAM_CHANNEL}`);
    this.#client = client;
    this.#failures = 0;
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#stopped || this.#client !== client) return;
    this.#client = null;
    void client.end().catch(() => {});
    this.#log(`[realtime] lost the PostgreSQL connection that carries other instances' frames (${error.message}); reconnecting`);
    void this.#reconnect();
  }

  async #reconnect(): Promise<void> {
    while (!this.#stopped) {
      const delay = Math.min(250 * 2 ** this.#failures++, RECONNECT_MAX_MS);
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      if (this.#stopped) return;
      try {
        await this.#connect();
        this.#log("[realtime] listening for other instances' frames again");
        this.#bus.catchUpAll(); // whatever was announced meanwhile
        return;
      } catch (error) {
        this.#log(`[realtime] could not reconnect to PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  async #receive(payload: string): Promise<void> {
    try {
      const announcement = Announcement.parse(JSON.parse(payload));
      if (!this.#bus.hasListeners(announcement.c)) return;
      let frames: StoredFrame[];
      if (announcement.f !== undefined) {
        frames = [{ id: announcement.s, contactId: announcement.c, frame: StreamFrame.parse(announcement.f) }];
      } else {
        frames = await framesAfter(this.#db, announcement.c, announcement.s - 1, 1); // too big to announce: read it
      }
      this.#bus.publish(frames);
    } catch (error) {
      this.#log(`[realtime] ignored an announcement that could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
