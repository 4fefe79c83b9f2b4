import type { Db } from "../store/db";
import { claimTimer, type DueTimer, dueTimers } from "../store/timers";

/**
 * How the timer worker finds due timers and takes one. Kept this small on purpose: the outbox's
 * claiming (leases, per-lane due heads) may take timers over later by implementing the same two calls.
 */
export interface TimerClaims {
  /** Pending timers due by `now`, earliest first. */
  due(now: string, limit: number): Promise<DueTimer[]>;
  /** Inside the transaction that applies the timer: true for exactly one caller. */
  claim(trx: Db, id: number, now: string): Promise<boolean>;
}

/** Claims straight from the timers table: a conditional update only one transaction can win. */
export function tableClaims(db: Db): TimerClaims {
  return { due: (now, limit) => dueTimers(db, now, limit), claim: claimTimer };
}
