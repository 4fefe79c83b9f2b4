import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../store/db";

/** How long an instance trusts its last read: a switch made on another instance reaches pages within this. */
export const LAUNCH_CACHE_MS = 2_000;

/** The URL parameter of the test link: `https://shop.example.com/?parley_test=<token>`. */
export const TEST_LINK_PARAMETER = "parley_test";

export interface LaunchState {
  /** Live: the Messenger shows to everyone. Test mode: only on pages opened with the test link. */
  live: boolean;
  /** The token in the test link. */
  testToken: string;
  /** When the console's Zendesk check last found the requester it expected; null: never. */
  validatedAt: string | null;
}

export interface AppLaunchDeps {
  db: Db;
  appId: string;
  clock: () => Date;
  /** Whether an app nobody has switched yet is live: true unless PARLEY_LIVE=false. */
  liveByDefault: boolean;
}

/**
 * One app's launch: live or in test mode, and the token of its test link. Kept in the database so
 * "Go live" in the console reaches every instance; each read is cached for LAUNCH_CACHE_MS because
 * every page view asks.
 */
export class AppLaunch {
  #cached: { state: LaunchState; readAt: number } | null = null;

  constructor(private readonly deps: AppLaunchDeps) {}

  async state(): Promise<LaunchState> {
    const now = this.deps.clock().getTime();
    if (this.#cached !== null && now - this.#cached.readAt < LAUNCH_CACHE_MS && now >= this.#cached.readAt) return this.#cached.state;
    const state = await this.#read();
    this.#cached = { state, readAt: now };
    return state;
  }

  /** "Go live" (true) or "Back to test mode" (false). */
  async setLive(live: boolean): Promise<LaunchState> {
    await this.#ensureRow();
    await this.deps.db
      .updateTable("app_launch")
      .set({ live: live ? 1 : 0, updated_at: this.deps.clock().toISOString() })
      .where("app_id", "=", this.deps.appId)
      .execute();
    this.#cached = null;
    return this.state();
  }

  /** True when `token` is this app's test token (compared in constant time). */
  async testLinkValid(token: string): Promise<boolean> {
    const expected = Buffer.from((await this.state()).testToken);
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** A new test token: links shared before stop working. */
  async renewTestLink(): Promise<LaunchState> {
    await this.#ensureRow();
    await this.deps.db
      .updateTable("app_launch")
      .set({ test_token: newToken(), updated_at: this.deps.clock().toISOString() })
      .where("app_id", "=", this.deps.appId)
      .execute();
    this.#cached = null;
    return this.state();
  }

  /** Records that the Zendesk check found the requester it expected. */
  async markValidated(): Promise<void> {
    await this.#ensureRow();
    const at = this.deps.clock().toISOString();
    await this.deps.db.updateTable("app_launch").set({ validated_at: at, updated_at: at }).where("app_id", "=", this.deps.appId).execute();
    this.#cached = null;
  }

  async #read(): Promise<LaunchState> {
    const row = await this.#ensureRow();
    return { live: row.live === 1, testToken: row.test_token, validatedAt: row.validated_at };
  }

  async #ensureRow() {
    const { db, appId } = this.deps;
    const found = await db.selectFrom("app_launch").selectAll().where("app_id", "=", appId).executeTakeFirst();
    if (found) return found;
    // Two instances reading first at once: one insert wins, both read the same row.
    await db
      .insertInto("app_launch")
      .values({ app_id: appId, live: this.deps.liveByDefault ? 1 : 0, test_token: newToken(), validated_at: null, updated_at: this.deps.clock().toISOString() })
      .onConflict((oc) => oc.column("app_id").doNothing())
      .execute();
    return db.selectFrom("app_launch").selectAll().where("app_id", "=", appId).executeTakeFirstOrThrow();
  }
}

function newToken(): string {
  return randomBytes(18).toString("base64url");
}
