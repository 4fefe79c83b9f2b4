import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../store/db";
import { claimAlong, dueBehind, type JobQueue, type OutboxRow, outboxJobs } from "../store/outbox";

/**
 * Performs a job. `along` are the jobs queued right behind it in its conversation's lane that were
 * claimed to run with it (see `runTogether`), oldest first; usually none. They succeed, fail or
 * are retried with it, as one.
 */
export type OutboxHandler = (row: OutboxRow, along: readonly OutboxRow[]) => Promise<void>;

/** Whether `next`, queued right behind `run` (the head first), may run together with it as one job. */
export type RunsTogether = (run: readonly OutboxRow[], next: OutboxRow) => boolean;

export interface OutboxWorkerOptions {
  db: Db;
  /** One handler per lane. */
  handlers: Record<string, OutboxHandler>;
  /**
   * Lanes whose rows live in another table than the outbox (the timers'), by lane. Their rows come
   * due by time alone, so `kick` leaves them to the poll and `wakeAt`.
   */
  queues?: Record<string, JobQueue>;
  clock: () => Date;
  /** How many jobs of one lane run at once in this process (default 16); lanes never share it. */
  concurrency?: Record<string, number>;
  /**
   * Per lane: which due jobs queued right behind a claimed one are claimed with it and handed to
   * its handler (e.g. several tag changes of one ticket made as one Zendesk call). None by default.
   */
  runTogether?: Record<string, RunsTogether>;
  /** How often scheduled retries and expired leases are looked for. */
  pollMs?: number;
  /** A job runs at most this many times before it is dead-lettered. */
  maxAttempts?: number;
  /** How long a claimed job is this process's without news from it: past it, another process may run it. */
  leaseMs?: number;
  /** How often the leases of running jobs are renewed (default a third of `leaseMs`). */
  renewEveryMs?: number;
  /** A job still running after this long is taken for hung: its lease is no longer renewed (default ten leases). */
  maxRunMs?: number;
  log?: (message: string) => void;
  /** Told when a job finished, failed or died (for metrics). */
  onOutcome?: (row: OutboxRow, outcome: "done" | "retry" | "dead") => void;
}

const DEFAULT_CONCURRENCY = 16;
/** At most this many jobs run together as one (a head and those queued behind it). */
const MAX_TOGETHER = 20;
const MAX_DELAY_MS = 5 * 60_000;

/** Node's setTimeout keeps at most this long. */
const LONGEST_WAIT_MS = 2 ** 31 - 1;

/**
 * Performs the server's background work with retries: queued jobs, and durable timers as they come
 * due. Each lane (the AI agent, Zendesk, timers, …) claims its own due rows with its own
 * concurrency, so a slow or failing Zendesk never holds up the AI's answers. Within one
 * conversation's lane jobs run strictly in order (a ticket update never overtakes the ticket's
 * creation). Claims are leases in the database, so several processes share one queue and none
 * runs a job another is running. Every failure is caught and kept on the row.
 */
export class OutboxWorker {
  readonly #options: Required<Omit<OutboxWorkerOptions, "concurrency" | "onOutcome" | "renewEveryMs" | "maxRunMs" | "queues" | "runTogether">> &
    Pick<OutboxWorkerOptions, "onOutcome">;
  readonly #runTogether: Record<string, RunsTogether>;
  readonly #renewEveryMs: number;
  readonly #maxRunMs: number;
  readonly #concurrency: Record<string, number>;
  /** This process's name on the leases it holds. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  readonly #lanes = new Map<string, Lane>();
  readonly #jobs: JobQueue;
  #timer: NodeJS.Timeout | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  #wake: NodeJS.Timeout | null = null;
  #wakeAtMs = Infinity;
  #stopped = false;
  #stopping: Promise<void> | undefined;

  constructor(options: OutboxWorkerOptions) {
    this.#options = { pollMs: 1000, maxAttempts: 10, leaseMs: 120_000, log: (message) => console.error(message), ...options };
    this.#concurrency = options.concurrency ?? {};
    this.#runTogether = options.runTogether ?? {};
    this.#renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(this.#options.leaseMs / 3));
    this.#maxRunMs = options.maxRunMs ?? this.#options.leaseMs * 10;
    this.#jobs = outboxJobs(options.db);
    for (const lane of Object.keys(options.handlers)) {
      this.#lanes.set(lane, { queue: options.queues?.[lane] ?? this.#jobs, claiming: false, again: false, running: new Map(), startedAt: new Map(), along: new Map() });
    }
  }

  start(): void {
    this.#timer = setInterval(() => this.#claimAll(), this.#options.pollMs);
    this.#timer.unref();
    this.#heartbeat = setInterval(() => void this.#renewLeases(), this.#renewEveryMs);
    this.#heartbeat.unref();
    this.#claimAll();
  }

  /**
   * The heartbeat: a job that runs longer than its lease (a slow Zendesk, a long AI answer) keeps
   * it, so no other process takes it for abandoned and performs the effect a second time.
   */
  async #renewLeases(): Promise<void> {
    const { clock, leaseMs, log } = this.#options;
    const now = clock();
    for (const [lane, state] of this.#lanes) {
      const ids: number[] = [];
      for (const [id, startedAt] of state.startedAt) {
        if (now.getTime() - startedAt < this.#maxRunMs) ids.push(id, ...(state.along.get(id) ?? []));
      }
      if (ids.length === 0) continue;
      try {
        const held = new Set(await state.queue.renew(ids, this.owner, now, leaseMs));
        for (const id of ids) {
          // Finished meanwhile, or its lease had already run out and another process took it.
          if (!held.has(id) && state.startedAt.has(id)) log(`[outbox] ${lane} job ${id} is still running here but its lease was lost`);
        }
      } catch (error) {
        log(`[outbox] could not renew the leases of running ${lane} jobs, trying again shortly: ${describe(error)}`);
      }
    }
  }

  /**
   * Looks for jobs now (after a commit that queued some): in `lanes` only when the commit says which,
   * so a lane with nothing new is not asked. Timers are never due when set: see `wakeAt`.
   */
  kick(lanes?: ReadonlySet<string>): void {
    for (const [lane, state] of this.#lanes) {
      if (state.queue === this.#jobs && (lanes === undefined || lanes.has(lane))) this.#claim(lane);
    }
  }

  /** Something comes due at `dueAt` (a timer was set): look then, if that is before the next poll. */
  wakeAt(dueAt: string): void {
    if (this.#stopped) return;
    const wait = Math.min(Math.max(0, Date.parse(dueAt) - this.#options.clock().getTime()), LONGEST_WAIT_MS);
    if (!(wait < this.#options.pollMs)) return; // the poll comes first (or the time is not one)
    const at = Date.now() + wait;
    if (this.#wake && this.#wakeAtMs <= at) return; // an earlier wake-up looks anyway
    if (this.#wake) clearTimeout(this.#wake);
    this.#wakeAtMs = at;
    // A little after the due time, so the clock has surely passed it.
    this.#wake = setTimeout(() => {
      this.#wake = null;
      this.#claimAll();
    }, wait + 5);
    this.#wake.unref();
  }

  #claimAll(): void {
    for (const lane of this.#lanes.keys()) this.#claim(lane);
  }

  /** Jobs running in this process now, by lane. */
  running(): Record<string, number> {
    return Object.fromEntries([...this.#lanes].map(([lane, state]) => [lane, state.running.size]));
  }

  /** Resolves once nothing is running here and no job is due (for tests). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = () => [...this.#lanes.values()].some((lane) => lane.claiming || lane.running.size > 0);
      while (busy()) {
        await Promise.all([...this.#lanes.values()].flatMap((lane) => [...lane.running.values()]));
        await new Promise((resolve) => setImmediate(resolve));
      }
      const now = this.#options.clock();
      const queues = new Set([...this.#lanes.values()].map((lane) => lane.queue));
      const due = await Promise.all([...queues].map((queue) => queue.anyClaimable(now)));
      if (!due.includes(true)) return;
      this.#claimAll();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /**
   * Stops claiming, lets running jobs finish for up to `graceMs`, then gives the rest back so
   * another process takes them up at once (their results, if they come, are not recorded).
   */
  stop(graceMs = 5000): Promise<void> {
    this.#stopping ??= this.#stop(graceMs);
    return this.#stopping;
  }

  async #stop(graceMs: number): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    if (this.#wake) clearTimeout(this.#wake);
    const all = () => [...this.#lanes.values()].flatMap((lane) => [...lane.running.values()]);
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(all()), new Promise((resolve) => (timeout = setTimeout(resolve, graceMs)))]);
    clearTimeout(timeout);
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    for (const [lane, state] of this.#lanes) {
      const unfinished = [...state.running.keys()].flatMap((id) => [id, ...(state.along.get(id) ?? [])]);
      if (unfinished.length === 0) continue;
      try {
        await state.queue.release(unfinished, this.owner, this.#options.clock().toISOString());
        this.#options.log(`[outbox] gave back ${unfinished.length} unfinished ${lane} job(s) on shutdown`);
      } catch (error) {
        this.#options.log(`[outbox] could not give back unfinished ${lane} jobs (their leases will expire): ${describe(error)}`);
      }
    }
  }

  #claim(lane: string): void {
    const state = this.#lanes.get(lane);
    if (!state || this.#stopped) return;
    if (state.claiming) {
      state.again = true;
      return;
    }
    const free = (this.#concurrency[lane] ?? DEFAULT_CONCURRENCY) - state.running.size;
    if (free <= 0) return; // a finishing job claims again
    state.claiming = true;
    const { clock, leaseMs, log } = this.#options;
    const { queue, startedAt } = state;
    queue
      .claimDue({ lane, owner: this.owner, now: clock(), leaseMs, limit: free })
      .then(async (rows) => {
        if (this.#stopped) {
          await queue.release(rows.map((row) => row.id), this.owner, clock().toISOString());
          return;
        }
        const hung: number[] = [];
        for (const row of rows) {
          if (state.running.has(row.id)) {
            // Our own lease ran out while the job still runs here: not a second run. Past its longest
            // run it is hung: given back at once, or holding it unrenewed would keep it from the
            // process that can run it, lease after lease.
            if (clock().getTime() - (startedAt.get(row.id) ?? 0) >= this.#maxRunMs) hung.push(row.id, ...(state.along.get(row.id) ?? []));
            continue;
          }
          startedAt.set(row.id, clock().getTime());
          const along = await this.#claimAlong(row);
          state.along.set(row.id, along.map((job) => job.id));
          const run = this.#perform(queue, row, along).finally(() => {
            state.running.delete(row.id);
            startedAt.delete(row.id);
            state.along.delete(row.id);
            this.#claim(lane); // the next job of this conversation's lane may now be due
          });
          state.running.set(row.id, run);
        }
        await queue.release(hung, this.owner, clock().toISOString());
        if (rows.length === free) state.again = true; // there may be more
      })
      .catch((error: unknown) => log(`[outbox] could not claim ${lane} jobs, trying again shortly: ${describe(error)}`))
      .finally(() => {
        state.claiming = false;
        if (state.again) {
          state.again = false;
          this.#claim(lane);
        }
      });
  }

  /**
   * Claims the due jobs queued right behind `head` that its lane runs together with it (outbox
   * lanes only). A failure here only means the head runs alone: those jobs stay queued for their turn.
   */
  async #claimAlong(head: OutboxRow): Promise<OutboxRow[]> {
    const fits = this.#runTogether[head.lane];
    if (!fits) return [];
    const { db, clock, leaseMs, log } = this.#options;
    try {
      const run: OutboxRow[] = [head];
      for (const next of await dueBehind(db, head, clock(), MAX_TOGETHER - 1)) {
        if (!fits(run, next)) break;
        run.push(next);
      }
      if (run.length === 1) return [];
      return await claimAlong(db, run.slice(1).map((job) => job.id), { owner: this.owner, now: clock(), leaseMs });
    } catch (error) {
      log(`[outbox] could not claim the jobs behind ${head.lane} job ${head.id}, it runs alone: ${describe(error)}`);
      return [];
    }
  }

  async #perform(queue: JobQueue, row: OutboxRow, along: readonly OutboxRow[]): Promise<void> {
    const { handlers, clock, maxAttempts, log, onOutcome } = this.#options;
    const handler = handlers[row.lane];
    const jobs = [row, ...along];
    const ids = jobs.map((job) => job.id);
    const named = along.length === 0 ? `job ${row.id}` : `jobs ${ids.join(", ")} (together)`;
    // Jobs run together share one fate: the one with the most attempts behind it decides when to stop.
    const attempts = Math.max(...jobs.map((job) => job.attempts));
    const outcome = (result: "done" | "retry" | "dead") => jobs.forEach((job) => onOutcome?.(job, result));
    try {
      try {
        if (!handler) throw new PermanentError(`no handler for lane "${row.lane}"`);
        await handler(row, along);
      } catch (error) {
        const description = describe(error);
        const now = clock();
        if (isRetryable(error) && attempts < maxAttempts) {
          const next = new Date(now.getTime() + retryDelayMs(error, attempts)).toISOString();
          if (await queue.markRetry(ids, this.owner, next, description, now.toISOString())) outcome("retry");
          log(`[outbox] ${row.lane} ${named} failed (attempt ${attempts}), retrying at ${next}: ${description}`);
        } else {
          if (await queue.markDead(ids, this.owner, description, now.toISOString())) outcome("dead");
          log(`[outbox] ${row.lane} ${named} failed for good after ${attempts} attempt(s): ${description}`);
        }
        return;
      }
      if (await queue.markDone(ids, this.owner, clock().toISOString())) outcome("done");
      else log(`[outbox] ${row.lane} ${named} finished after the lease passed to another process`);
    } catch (error) {
      // The database failed while recording the outcome: the lease expires and the job runs again.
      log(`[outbox] could not record the outcome of ${row.lane} ${named}: ${describe(error)}`);
    }
  }
}

/** One lane's claiming: where its rows come from, and what of it runs here now. */
interface Lane {
  queue: JobQueue;
  claiming: boolean;
  again: boolean;
  running: Map<number, Promise<void>>;
  /** When each running row started here (by the clock), so a hung one stops being renewed. */
  startedAt: Map<number, number>;
  /** The ids of the rows running along with each running row (renewed and given back with it). */
  along: Map<number, number[]>;
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
