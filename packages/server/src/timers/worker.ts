import type { DueTimer } from "../store/timers";
import type { TimerClaims } from "./claims";

export interface TimerWorkerOptions {
  claims: TimerClaims;
  /** Applies a due timer, claiming it with `claim` in the same transaction; false when someone else had it. */
  fire(timer: DueTimer, claim: TimerClaims["claim"]): Promise<boolean>;
  clock: () => Date;
  /** How often due timers are looked for; a timer set for sooner wakes the worker itself. */
  pollMs?: number;
  log?: (message: string) => void;
}

const BATCH = 100;
/** Node's setTimeout keeps at most this long. */
const LONGEST_WAIT_MS = 2 ** 31 - 1;

/**
 * Fires durable timers when they come due. Timers live in the database, so a restart loses none:
 * the worker finds them on its first look. Each fires once, as an event for the engine.
 */
export class TimerWorker {
  readonly #options: Required<Omit<TimerWorkerOptions, "log">> & { log: (message: string) => void };
  #poll: NodeJS.Timeout | null = null;
  #wake: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(options: TimerWorkerOptions) {
    this.#options = { pollMs: 1000, log: (message) => console.error(message), ...options };
  }

  start(): void {
    this.#poll = setInterval(() => void this.runDue(), this.#options.pollMs);
    this.#poll.unref();
    void this.runDue();
  }

  /** A timer was set for `dueAt`: wake then rather than at the next poll. */
  wakeAt(dueAt: string): void {
    if (this.#stopped) return;
    const wait = Math.min(Math.max(0, Date.parse(dueAt) - this.#options.clock().getTime()), LONGEST_WAIT_MS);
    if (wait >= this.#options.pollMs) return;
    if (this.#wake) clearTimeout(this.#wake);
    this.#wake = setTimeout(() => void this.runDue(), wait + 5);
    this.#wake.unref();
  }

  /** Fires every timer due now; returns how many this worker fired. */
  async runDue(): Promise<number> {
    if (this.#stopped) return 0;
    if (this.#running) await this.#running;
    let fired = 0;
    const run = (async () => {
      const { claims, fire, clock, log } = this.#options;
      for (const timer of await claims.due(clock().toISOString(), BATCH)) {
        try {
          if (await fire(timer, claims.claim)) fired++;
        } catch (error) {
          // Left pending: the next look tries again.
          log(`[timers] ${timer.kind} timer ${timer.id} of ${timer.conversationId} failed, will retry: ${String(error)}`);
        }
      }
    })();
    this.#running = run;
    try {
      await run;
    } finally {
      if (this.#running === run) this.#running = null;
    }
    return fired;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#poll) clearInterval(this.#poll);
    if (this.#wake) clearTimeout(this.#wake);
    await this.#running;
  }
}
