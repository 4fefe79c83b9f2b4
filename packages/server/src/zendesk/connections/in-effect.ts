import * as z from "zod";
import type { ConversationsConfig } from "../../config";
import { ENFORCEMENT_CACHE_MS } from "../../identity/enforcement";
import type { SecretBox } from "../../security/secret-box";
import type { Db } from "../../store/db";
import type { ZendeskAuth } from "../auth";
import { conversationsBaseUrl, supportBaseUrl } from "./credentials";
import { loadConnection } from "./store";

/** The Support API as the clients need it. */
export interface SupportConnection {
  baseUrl: string;
  auth: ZendeskAuth;
}

/** The Zendesk connections the server works with now: one made in the console wins over the environment's. */
export interface ConnectionsInEffect {
  support: SupportConnection | null;
  conversations: ConversationsConfig | null;
}

/**
 * How long an instance trusts its last read of the kept connections: as the identity-verification
 * switch, so a connection made through one instance reaches every instance within seconds.
 */
export const CONNECTIONS_CACHE_MS = ENFORCEMENT_CACHE_MS;

export interface ZendeskConnectionsOptions<Built> {
  db: Db;
  box: SecretBox | null;
  /** The ZENDESK_* variables' connections, used where the console has none. */
  environment: ConnectionsInEffect;
  /** Makes what the server works with (clients, the effects performer) from the connections. */
  build: (connections: ConnectionsInEffect) => Built;
  /** After a change: `changed` says which API's connection is new. */
  onChange?: (built: Built, changed: { support: boolean; conversations: boolean }) => void;
  clock: () => Date;
  log: (message: string) => void;
}

/**
 * The Zendesk connections in effect, kept current without a restart: a connection saved through the
 * admin API on this instance is used at once (`refresh`), one saved through another instance sharing
 * the database within CONNECTIONS_CACHE_MS (`current` re-reads past that age, and `watch` reads that
 * often while nothing asks). Whatever is built from them is rebuilt only when they change, so a job
 * retried after a change runs with the new client.
 */
export class ZendeskConnections<Built> {
  readonly #options: ZendeskConnectionsOptions<Built>;
  #connections: ConnectionsInEffect;
  #built: Built;
  #readAt: number;
  #reading: Promise<Built> | null = null;

  private constructor(options: ZendeskConnectionsOptions<Built>, connections: ConnectionsInEffect, now: number) {
    this.#options = options;
    this.#connections = connections;
    this.#built = options.build(connections);
    this.#readAt = now;
  }

  /** Reads the kept connections once; a connection that cannot be opened (wrong PARLEY_SECRETS_KEY) stops the start. */
  static async open<Built>(options: ZendeskConnectionsOptions<Built>): Promise<ZendeskConnections<Built>> {
    const connections = await readConnections(options.db, options.box, options.environment);
    return new ZendeskConnections(options, connections, options.clock().getTime());
  }

  /** What was built from the connections last read (no database read). */
  get now(): Built {
    return this.#built;
  }

  get connections(): ConnectionsInEffect {
    return this.#connections;
  }

  /** What is built from the connections in effect, read again when the last read is older than CONNECTIONS_CACHE_MS. */
  async current(): Promise<Built> {
    const now = this.#options.clock().getTime();
    if (now - this.#readAt < CONNECTIONS_CACHE_MS && now >= this.#readAt) return this.#built;
    return this.refresh();
  }

  /** Reads the kept connections now (this instance just saved one) and rebuilds if they changed. */
  refresh(): Promise<Built> {
    this.#reading ??= this.#read().finally(() => (this.#reading = null));
    return this.#reading;
  }

  /** Reads the connections every CONNECTIONS_CACHE_MS, so webhooks and lanes follow a change made elsewhere; returns the stop. */
  watch(): () => void {
    const timer = setInterval(() => void this.current().catch(() => {}), CONNECTIONS_CACHE_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  async #read(): Promise<Built> {
    let next: ConnectionsInEffect;
    try {
      next = await readConnections(this.#options.db, this.#options.box, this.#options.environment);
    } catch (error) {
      // Keeps working with what it has (e.g. a connection kept with another PARLEY_SECRETS_KEY).
      this.#options.log(`[zendesk] could not read the Zendesk connections: ${error instanceof Error ? error.message : String(error)}`);
      this.#readAt = this.#options.clock().getTime();
      return this.#built;
    }
    this.#readAt = this.#options.clock().getTime();
    const changed = {
      support: JSON.stringify(next.support) !== JSON.stringify(this.#connections.support),
      conversations: JSON.stringify(next.conversations) !== JSON.stringify(this.#connections.conversations),
    };
    if (changed.support || changed.conversations) {
      this.#connections = next;
      this.#built = this.#options.build(next);
      this.#options.onChange?.(this.#built, changed);
    }
    return this.#built;
  }
}

/** The console's connections (from the database), each falling back on the environment's. */
async function readConnections(db: Db, box: SecretBox | null, environment: ConnectionsInEffect): Promise<ConnectionsInEffect> {
  const support = await loadConnection(db, "support", z.unknown(), box);
  const conversations = await loadConnection(db, "conversations", z.unknown(), box);
  return {
    support: support ? { baseUrl: supportBaseUrl(support.credentials), auth: support.credentials.auth } : environment.support,
    conversations: conversations
      ? {
          baseUrl: conversationsBaseUrl(conversations.credentials),
          appId: conversations.credentials.appId,
          keyId: conversations.credentials.keyId,
          secret: conversations.credentials.secret,
          auth: conversations.credentials.auth,
        }
      : environment.conversations,
  };
}
