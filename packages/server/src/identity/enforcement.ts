import type { Db } from "../store/db";

/** How long an instance trusts its last read of the switch: well inside the 10 s it may take to reach every instance. */
export const ENFORCEMENT_CACHE_MS = 5_000;

export interface EnforcementState {
  /** What requests are held to now. */
  enforced: boolean;
  /** The switch in the database, set through the admin API. */
  setting: boolean;
  /** PARLEY_ENFORCE_IDENTITY=true holds enforcement on whatever the switch says. */
  environment: boolean;
}

/**
 * The identity-verification switch. It lives in the database, so turning it on through any
 * instance reaches every instance within ENFORCEMENT_CACHE_MS; each request reads the cached value.
 */
export class IdentityEnforcement {
  #cached: { setting: boolean; readAt: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly appId: string,
    private readonly environment: boolean,
    private readonly clock: () => Date,
  ) {}

  async enforced(): Promise<boolean> {
    return (await this.state()).enforced;
  }

  async state(): Promise<EnforcementState> {
    const now = this.clock().getTime();
    if (this.#cached === null || now - this.#cached.readAt >= ENFORCEMENT_CACHE_MS || now < this.#cached.readAt) {
      const row = await this.db.selectFrom("identity_settings").select("enforce").where("app_id", "=", this.appId).executeTakeFirst();
      this.#cached = { setting: row?.enforce === 1, readAt: now };
    }
    const { setting } = this.#cached;
    return { enforced: this.environment || setting, setting, environment: this.environment };
  }

  async set(enforce: boolean): Promise<EnforcementState> {
    const at = this.clock().toISOString();
    await this.db
      .insertInto("identity_settings")
      .values({ app_id: this.appId, enforce: enforce ? 1 : 0, updated_at: at })
      .onConflict((oc) => oc.column("app_id").doUpdateSet({ enforce: enforce ? 1 : 0, updated_at: at }))
      .execute();
    this.#cached = null;
    return this.state();
  }
}
