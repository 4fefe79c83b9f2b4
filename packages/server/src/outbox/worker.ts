import type { Db } from "../store/db";
import { markDead, markDone, markRetry, type OutboxRow, pendingRows } from "../store/outbox";

export type OutboxHandler = (row: OutboxRow) => Promise<void>;

export interface OutboxWorkerOptions {
  db: Db;
  /** One handler per lane. */
  handlers: Record<string, OutboxHandler>;
  clock: () => Date;
  /** How often scheduled retries are looked for. */
  pollMs?: number;
  maxAttempts?: number;
  log?: (message: string) => void;
}

const BATCH = 200;
const MAX_DELAY_MS = 5 * 60_000;

/**
 * Performs queued effects with retries. Within one conversation's lane effects run strictly in
 * order (a ticket update never overtakes the ticket's creation); different conversations and
 * lanes run side by side. A failed effect waits and tries again, honouring the other side's
 * Retry-After, until it succeeds, fails for good, or runs out of attempts.
 */
export class OutboxWorker {
  readonly #options: Required<Omit<OutboxWorkerOptions, "log">> & { log: (message: string) => void };
  readonly #inFlight = new Set<string>();
  readonly #running = new Set<Promise<void>>();
  #draining = false;
  #again = false;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(options: OutboxWorkerOptions) {
    this.#options = { pollMs: 1000, maxAttempts: 10, log: (message) => console.error(message), ...options };
  }

  start(): void {
    this.#timer = setInterval(() => this.kick(), this.#options.pollMs);
    this.#timer.unref();
    this.kick();
  }

  /** Looks for work now (after a commit that queued effects). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#draining) {
      this.#again = true;
      return;
    }
    this.#draining = true;
    void this.#drain().finally(() => {
      this.#draining = false;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  /** Resolves once nothing is running and nothing due is pending (for tests and shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      while (this.#draining || this.#running.size > 0) {
        await Promise.all([...this.#running]);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const now = this.#options.clock().toISOString();
      const due = (await pendingRows(this.#options.db, BATCH)).some((row) => row.nextAttemptAt <= now);
      if (!due) return;
      this.kick();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    await Promise.all([...this.#running]);
  }

  async #drain(): Promise<void> {
    const now = this.#options.clock().toISOString();
    const seen = new Set<string>();
    for (const row of await pendingRows(this.#options.db, BATCH)) {
      const key = `${row.conversationId}\u0000${row.lane}`;
      if (seen.has(key)) continue; // only the head of each lane may run
      seen.add(key);
      if (this.#inFlight.has(key) || row.nextAttemptAt > now) continue;
      this.#inFlight.add(key);
      const run = this.#perform(row).finally(() => {
        this.#inFlight.delete(key);
        this.#running.delete(run);
        this.kick(); // the next effect of this lane may now run
      });
      this.#running.add(run);
    }
  }

  async #perform(row: OutboxRow): Promise<void> {
    const { db, handlers, clock, maxAttempts, log } = this.#options;
    const handler = handlers[row.lane];
    const attempts = row.attempts + 1;
    try {
      if (!handler) throw new PermanentError(`no handler for lane "${row.lane}"`);
      await handler(row);
      await markDone(db, row.id, clock().toISOString());
    } catch (error) {
      const description = describe(error);
      const now = clock();
      if (isRetryable(error) && attempts < maxAttempts) {
        const next = new Date(now.getTime() + retryDelayMs(error, attempts)).toISOString();
        await markRetry(db, row.id, attempts, next, description, now.toISOString());
        log(`[outbox] ${row.lane} effect ${row.id} failed (attempt ${attempts}), retrying at ${next}: ${description}`);
      } else {
        await markDead(db, row.id, attempts, description, now.toISOString());
        log(`[outbox] ${row.lane} effect ${row.id} failed for good after ${attempts} attempt(s): ${description}`);
      }
    }
  }
}

/** An error that trying again cannot fix. */
export class PermanentError extends Error {
  readonly retryable = false;
}

function isRetryable(error: unknown): boolean {
  if (error && typeof error === "object" && "retryable" in error && typeof error.retryable === "boolean") {
    return error.retryable;
  }
  return true; // unknown failures (network, a bug fixed by a restart) get the benefit of the doubt, up to maxAttempts
}

function retryDelayMs(error: unknown, attempts: number): number {
  if (error && typeof error === "object" && "retryAfterSeconds" in error && typeof error.retryAfterSeconds === "number") {
    return Math.min(error.retryAfterSeconds * 1000, MAX_DELAY_MS);
  }
  const exponential = Math.min(1000 * 2 ** (attempts - 1), MAX_DELAY_MS);
  return exponential / 2 + Math.random() * (exponential / 2);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
