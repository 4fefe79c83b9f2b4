import * as z from "zod";

/** How much a client may do: `burst` requests at once, refilled at `perSecond`. */
export interface BucketRule {
  burst: number;
  perSecond: number;
}

/**
 * The limits Parley applies (in memory, per server instance). Generous for people, tight for scripts:
 * a browser pings on boot and on each `update`, sends a message now and then, and reconnects its stream.
 */
export const RATE_RULES = {
  /** Every widget API call from one network address (an office behind one NAT counts once). */
  address: { burst: 240, perSecond: 20 },
  /** Every widget API call to one app, from everywhere: above the design's 10,000 visitors and 500 messages/s. */
  app: { burst: 20_000, perSecond: 2_000 },
  /** Pings of one browser (visitor id). */
  visitorPing: { burst: 20, perSecond: 0.5 },
  /** Calls made with one contact's session (sends, history, stream). */
  contact: { burst: 60, perSecond: 2 },
  /** Admin logins from one address: guessing a password must be slow. */
  adminLogin: { burst: 5, perSecond: 1 / 12 },
  /** Admin API calls from one address. */
  admin: { burst: 120, perSecond: 10 },
} as const satisfies Record<string, BucketRule>;

export type RateRuleName = keyof typeof RATE_RULES;

/** The environment variable that overrides each rule (README's configuration table). */
export const RATE_RULE_VARIABLES = {
  address: "PARLEY_RATE_LIMIT_ADDRESS",
  app: "PARLEY_RATE_LIMIT_APP",
  visitorPing: "PARLEY_RATE_LIMIT_VISITOR_PING",
  contact: "PARLEY_RATE_LIMIT_CONTACT",
  adminLogin: "PARLEY_RATE_LIMIT_ADMIN_LOGIN",
  admin: "PARLEY_RATE_LIMIT_ADMIN",
} as const satisfies Record<RateRuleName, string>;

const SECONDS = { s: 1, min: 60, h: 3600 } as const;

/**
 * One rule's setting: `<count>/<s|min|h>`, optionally `,burst=<n>` (e.g. `20/s,burst=240`, `5/min`).
 * Without a burst, the rule's own burst stays.
 */
export const RateSetting = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?\s*\/\s*(s|min|h)\s*(,\s*burst\s*=\s*\d+)?$/i, "use <count>/<s|min|h>, optionally with a burst: e.g. 20/s,burst=240 or 5/min")
  .transform((text) => {
    const [rate = "", burst] = text.split(",");
    const [count = "", unit = ""] = rate.split("/").map((part) => part.trim());
    return {
      perSecond: Number(count) / SECONDS[unit.toLowerCase() as keyof typeof SECONDS],
      ...(burst !== undefined && { burst: Number(burst.split("=")[1]) }),
    };
  })
  .refine((rule) => rule.perSecond > 0, "the rate must be more than 0 (PARLEY_RATE_LIMIT=off turns every limit off)")
  .refine((rule) => rule.burst === undefined || (rule.burst >= 1 && rule.burst <= 10_000_000), "the burst must be from 1 to 10000000");
export type RateSetting = z.infer<typeof RateSetting>;

/** The rules with the environment's settings in place of the defaults. */
export function rateRules(settings: Partial<Record<RateRuleName, RateSetting | undefined>>): Record<RateRuleName, BucketRule> {
  const rules = {} as Record<RateRuleName, BucketRule>;
  for (const name of Object.keys(RATE_RULES) as RateRuleName[]) {
    const setting = settings[name];
    rules[name] = { burst: setting?.burst ?? RATE_RULES[name].burst, perSecond: setting?.perSecond ?? RATE_RULES[name].perSecond };
  }
  return rules;
}

/** Keys remembered per rule before the least recently used are forgotten (a forgotten key starts full). */
const MAX_KEYS = 50_000;

/** Token buckets keyed by rule and client; `take` answers how long to wait when one is empty. */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
    private readonly rules: Record<RateRuleName, BucketRule> = RATE_RULES,
  ) {}

  /** Takes one token: null when allowed, else the seconds until the next token (Retry-After). */
  take(rule: RateRuleName, key: string): number | null {
    if (!this.enabled) return null;
    const { burst, perSecond } = this.rules[rule];
    const id = `${rule}\u0000${key}`;
    const now = this.now();
    const bucket = this.#buckets.get(id);
    const tokens = bucket ? Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond) : burst;
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.#buckets.delete(id);
    if (tokens < 1) {
      this.#buckets.set(id, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / perSecond));
    }
    this.#buckets.set(id, { tokens: tokens - 1, at: now });
    if (this.#buckets.size > MAX_KEYS * Object.keys(this.rules).length) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    return null;
  }
}
