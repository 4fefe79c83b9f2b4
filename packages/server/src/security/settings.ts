import * as z from "zod";
import { ENFORCEMENT_CACHE_MS } from "../identity/enforcement";
import type { Db } from "../store/db";

/** What the environment holds, whatever the admin API says (it wins). */
export interface SecurityEnvironment {
  /** PARLEY_MERGE_UNVERIFIED_CONTACTS=true holds merging on. */
  mergeUnverified: boolean;
  /** PARLEY_ALLOWED_ORIGINS, when set, is the list. */
  allowedOrigins: readonly string[] | null;
}

export interface ContactMergingState {
  /** What pings are held to now. */
  enabled: boolean;
  /** The owner's setting in the database (admin API). */
  setting: boolean;
  heldOnByEnvironment: boolean;
}

export interface TrustedOriginsState {
  /** The sites the Messenger may run on now; null: any site. */
  origins: readonly string[] | null;
  /** The owner's list in the database (admin API); null: any site. */
  setting: readonly string[] | null;
  /** PARLEY_ALLOWED_ORIGINS holds the list: the admin API cannot change it. */
  heldByEnvironment: boolean;
}

const StoredOrigins = z.array(z.string()).nullable();

/**
 * The owner's security settings that live in the database beside the enforcement switch: whether a
 * verified ping takes over unverified contacts, and the trusted origins. Every instance reads them
 * (cached as the switch is), so a change reaches all of them within ENFORCEMENT_CACHE_MS.
 */
export class SecuritySettings {
  #cached: { mergeUnverified: boolean; allowedOrigins: readonly string[] | null; readAt: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly appId: string,
    private readonly environment: SecurityEnvironment,
    private readonly clock: () => Date,
  ) {}

  async contactMerging(): Promise<ContactMergingState> {
    const { mergeUnverified } = await this.#read();
    return { enabled: this.environment.mergeUnverified || mergeUnverified, setting: mergeUnverified, heldOnByEnvironment: this.environment.mergeUnverified };
  }

  async trustedOrigins(): Promise<TrustedOriginsState> {
    const { allowedOrigins } = await this.#read();
    const held = this.environment.allowedOrigins;
    return { origins: held ?? allowedOrigins, setting: allowedOrigins, heldByEnvironment: held !== null };
  }

  async setContactMerging(merge: boolean): Promise<ContactMergingState> {
    await this.#write({ merge_unverified: merge ? 1 : 0 });
    return this.contactMerging();
  }

  /** Null: any site. The caller checks each origin's shape (see TrustedOrigin). */
  async setTrustedOrigins(origins: readonly string[] | null): Promise<TrustedOriginsState> {
    const list = origins === null ? null : [...new Set(origins.map((origin) => origin.toLowerCase()))];
    await this.#write({ allowed_origins: list === null ? null : JSON.stringify(list) });
    return this.trustedOrigins();
  }

  async #read() {
    const now = this.clock().getTime();
    if (this.#cached === null || now - this.#cached.readAt >= ENFORCEMENT_CACHE_MS || now < this.#cached.readAt) {
      const row = await this.db
        .selectFrom("identity_settings")
        .select(["merge_unverified", "allowed_origins"])
        .where("app_id", "=", this.appId)
        .executeTakeFirst();
      this.#cached = { mergeUnverified: row?.merge_unverified === 1, allowedOrigins: parseOrigins(row?.allowed_origins ?? null), readAt: now };
    }
    return this.#cached;
  }

  async #write(change: { merge_unverified?: number; allowed_origins?: string | null }): Promise<void> {
    const at = this.clock().toISOString();
    await this.db
      .insertInto("identity_settings")
      .values({ app_id: this.appId, enforce: 0, ...change, updated_at: at })
      .onConflict((oc) => oc.column("app_id").doUpdateSet({ ...change, updated_at: at }))
      .execute();
    this.#cached = null;
  }
}

/** A stored list that cannot be read (never expected) restricts to nothing rather than opening to every site. */
function parseOrigins(stored: string | null): readonly string[] | null {
  if (stored === null) return null;
  try {
    const parsed = StoredOrigins.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
