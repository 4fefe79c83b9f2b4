/** One attempt to deliver a webhook request, as a delivery log shows it. */
export interface DeliveryAttempt {
  at: string;
  /** The receiver's HTTP status, or `null` when no response came (network error, timeout). */
  status: number | null;
  error: string | null;
}

/** A delivery as its log keeps it: where it stands and every attempt so far. */
export interface Deliverable {
  state: "pending" | "delivered" | "failed";
  attempts: DeliveryAttempt[];
}

/** How an attempt ended: accepted, worth another try, or refused for good (no more tries). */
export type Verdict = "delivered" | "retry" | "give_up";

/**
 * Runs webhook deliveries in the background, never in the turn of the API call that caused them:
 * each delivery's attempts with the configured waits between them, until one is accepted, one is
 * refused for good, or the retries run out. The Support API's webhooks and the Conversations API's
 * share it; each decides what one attempt sends and what its answer means.
 */
export class BackgroundDeliveries {
  readonly #inFlight = new Set<Promise<void>>();
  #closing = new AbortController();

  /** `retryDelaysMs`: the wait before each retry; their number is the number of retries. */
  constructor(private readonly retryDelaysMs: readonly number[]) {}

  /** Starts delivering; `attempt` makes one try (`signal` aborts it when the simulator stops). */
  start(delivery: Deliverable, attempt: (signal: AbortSignal) => Promise<{ attempt: DeliveryAttempt; verdict: Verdict }>): void {
    const run = this.#deliver(delivery, attempt, this.#closing.signal)
      .catch((error: unknown) => {
        delivery.state = "failed";
        console.error("zendesk-sim: webhook delivery failed unexpectedly", error);
      })
      .finally(() => this.#inFlight.delete(run));
    this.#inFlight.add(run);
  }

  /** Resolves once every delivery has been accepted, refused or has used up its retries. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Stops the retries of every delivery in flight; later deliveries run as usual. */
  stop(): void {
    this.#closing.abort();
    this.#closing = new AbortController();
  }

  async close(): Promise<void> {
    this.#closing.abort();
    await this.idle();
  }

  async #deliver(
    delivery: Deliverable,
    attempt: (signal: AbortSignal) => Promise<{ attempt: DeliveryAttempt; verdict: Verdict }>,
    closing: AbortSignal,
  ): Promise<void> {
    // Never in the caller's turn: the API response goes out first.
    await new Promise((resolve) => setImmediate(resolve));
    for (let tries = 0; tries <= this.retryDelaysMs.length && !closing.aborted; tries++) {
      if (tries > 0 && !(await sleep(this.retryDelaysMs[tries - 1] ?? 0, closing))) break;
      const outcome = await attempt(closing);
      delivery.attempts.push(outcome.attempt);
      if (outcome.verdict === "delivered") {
        delivery.state = "delivered";
        return;
      }
      if (outcome.verdict === "give_up") break;
    }
    delivery.state = "failed";
  }
}

/** Why a request got no answer, in a delivery log's words. */
export function describeFailure(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return `timed out after ${timeoutMs} ms`;
  const cause = error.cause;
  if (cause instanceof Error) return `${error.message}: ${"code" in cause ? String(cause.code) : cause.message}`;
  return error.message;
}

/** Waits `ms`; resolves `false` early when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
