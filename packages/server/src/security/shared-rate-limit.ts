import { sql } from "kysely";
import type { Db } from "../store/db";
import { type BucketRule, RATE_RULES, type RateRuleName } from "./rate-limit";

/**
 * The rules whose buckets live in the database, shared by every instance on it: the ones an
 * attacker gains from by spreading requests over instances (guessing the admin password, flooding
 * pings from one browser). They are taken once per request of a kind a person makes rarely, so the
 * write costs nothing that matters. The other rules (per address, contact, app, admin API call)
 * are taken on every request and stay in each instance's memory.
 */
export const SHARED_RULES = ["adminLogin", "visitorPing"] as const satisfies readonly RateRuleName[];
export type SharedRuleName = (typeof SHARED_RULES)[number];

/** A bucket idle this long is full again under every shared rule: its row can go. */
export const SHARED_BUCKET_IDLE_MS = 3_600_000;

/** Token buckets in the `rate_buckets` table: one atomic upsert per request, so instances never double-count or miss. */
export class SharedRateLimiter {
  constructor(
    private readonly db: Db,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
    private readonly rules: Record<SharedRuleName, BucketRule> = RATE_RULES,
  ) {}

  /** Takes one token: null when allowed, else the seconds until the next token (Retry-After). */
  async take(rule: SharedRuleName, key: string): Promise<number | null> {
    if (!this.enabled) return null;
    const { burst, perSecond } = this.rules[rule];
    const now = this.now();
    const number = (value: number) => sql<number>`cast(${value} as double precision)`;
    // The bucket refilled since it was last counted (a clock behind another instance's adds nothing), capped at the burst.
    const elapsed = sql<number>`(case when ${number(now)} > rate_buckets.at_ms then ${number(now)} - rate_buckets.at_ms else 0 end)`;
    const refilled = sql<number>`(rate_buckets.tokens + ${elapsed} / 1000.0 * ${number(perSecond)})`;
    const level = sql<number>`(case when ${refilled} > ${number(burst)} then ${number(burst)} else ${refilled} end)`;
    const row = await this.db
      .insertInto("rate_buckets")
      .values({ key: `${rule}:${key}`, tokens: burst - 1, at_ms: now, taken: 1 })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          tokens: sql<number>`case when ${level} >= 1 then ${level} - 1 else ${level} end`,
          taken: sql<number>`case when ${level} >= 1 then 1 else 0 end`,
          at_ms: now,
        }),
      )
      .returning(["tokens", "taken"])
      .executeTakeFirstOrThrow();
    if (Number(row.taken) === 1) return null;
    return Math.max(1, Math.ceil((1 - Number(row.tokens)) / perSecond));
  }
}
