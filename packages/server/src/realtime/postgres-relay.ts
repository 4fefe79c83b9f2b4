import { StreamFrame } from "@parley/protocol";
import pg from "pg";
import * as z from "zod";
import type { Db } from "../store/db";
import { announceFrames, framesAfter, STREAM_CHANNEL, type StoredFrame } from "../store/stream-events";
import type { StreamBus } from "./bus";

const Announcement = z.object({ c: z.string(), s: z.number().int().positive(), f: z.unknown().optional() });

const RECONNECT_MAX_MS = 10_000;
/** At most this many frames in one announcement. */
const ANNOUNCE_BATCH = 500;

/**
 * Carries stream frames between server instances on one PostgreSQL: every frame this instance
 * commits is announced with NOTIFY (`announce`, after the commit; see announceFrames for why not
 * before); this LISTENs on its own connection and hands the frames of contacts with a stream open
 * here to the local bus. A stream that hears of frame n+1 before frame n reads the gap from the
 * database; announcements lost while the connection was down are read back by every stream when
 * it comes back.
 */
export class PostgresStreamRelay {
  readonly #url: string;
  readonly #bus: StreamBus;
  readonly #db: Db;
  readonly #log: (message: string) => void;
  #client: pg.Client | null = null;
  #stopped = false;
  #failures = 0;
  /** Committed frames not yet announced; those committed while one announcement is on its way go in the next. */
  readonly #unannounced: StoredFrame[] = [];
  #announcing: Promise<void> | null = null;

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

  /** Tells the other instances (and this one's relay) about frames that committed here. */
  announce(frames: readonly StoredFrame[]): void {
    if (this.#stopped || frames.length === 0) return;
    this.#unannounced.push(...frames);
    this.#announcing ??= this.#announceAll().finally(() => (this.#announcing = null));
  }

  async #announceAll(): Promise<void> {
    while (this.#unannounced.length > 0) {
      const batch = this.#unannounced.splice(0, ANNOUNCE_BATCH);
      try {
        await announceFrames(this.#db, batch);
      } catch (error) {
        // Stored all the same: a stream elsewhere reads them on its next frame (a gap) or when it reconnects.
        this.#log(`[realtime] could not announce ${batch.length} frame(s) to other instances: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  async stop(): Promise<void> {
    await this.#announcing; // what committed before the stop still reaches the other instances
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
