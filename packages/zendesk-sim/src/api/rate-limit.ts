import type { Clock } from "../clock";

/** What is left of this minute's request budget. */
export interface Budget {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the budget refills. */
  resetSeconds: number;
}

/** Zendesk's account-wide requests-per-minute limit, counted in fixed one-minute windows. */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly clock: Clock,
  ) {}

  take(): Budget {
    const now = this.clock().getTime();
    const window = Math.floor(now / 60_000) * 60_000;
    if (window !== this.windowStart) {
      this.windowStart = window;
      this.used = 0;
    }
    const resetSeconds = Math.max(1, Math.ceil((window + 60_000 - now) / 1000));
    if (this.used >= this.limit) return { allowed: false, limit: this.limit, remaining: 0, resetSeconds };
    this.used++;
    return { allowed: true, limit: this.limit, remaining: this.limit - this.used, resetSeconds };
  }

  reset(): void {
    this.used = 0;
  }
}
