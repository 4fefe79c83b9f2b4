import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../store/db";
import { laneDepths } from "../store/outbox";
import { timerDepth } from "../store/timers";

export interface MetricsSources {
  db: Db;
  /** Streams open in this process now. */
  openStreams: () => number;
  clock: () => Date;
}

/**
 * The server's numbers in Prometheus' text format (GET /metrics). One registry per server, so
 * several servers in one process (tests) never mix their counts.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly messages: Counter<"author">;
  readonly answerSeconds: Histogram;
  readonly jobsFinished: Counter<"lane" | "outcome">;
  readonly zendeskSeconds: Histogram<"method" | "status">;
  readonly zendeskErrors: Counter<"status">;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "parley_" });
    new Gauge({ name: "parley_open_streams", help: "Messenger streams (SSE) open in this process", registers, collect() {
      this.set(sources.openStreams());
    } });
    this.messages = new Counter({ name: "parley_messages_total", help: "Messages stored, by author (customer, ai, agent, system)", labelNames: ["author"], registers });
    this.answerSeconds = new Histogram({
      name: "parley_answer_seconds",
      help: "From a customer's question being stored to the AI agent's reply being stored",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.jobsFinished = new Counter({ name: "parley_jobs_total", help: "Jobs run, by lane and outcome (done, retry, dead)", labelNames: ["lane", "outcome"], registers });
    this.zendeskSeconds = new Histogram({
      name: "parley_zendesk_request_seconds",
      help: "Zendesk API calls, by method and HTTP status (0: no answer)",
      labelNames: ["method", "status"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.zendeskErrors = new Counter({ name: "parley_zendesk_errors_total", help: "Zendesk API calls that failed, by HTTP status (0: no answer)", labelNames: ["status"], registers });

    // Queue figures come from the database at scrape time: every instance reports the shared queue.
    // The timer lane's waiting work is timers due and not yet fired, aged from their due time.
    const depth = new Gauge({ name: "parley_jobs_pending", help: "Jobs waiting or running, by lane", labelNames: ["lane"], registers: [] });
    const oldest = new Gauge({ name: "parley_jobs_oldest_pending_seconds", help: "Age of the oldest waiting job, by lane", labelNames: ["lane"], registers: [] });
    const dead = new Gauge({ name: "parley_jobs_dead", help: "Jobs and timers that failed for good (see /admin/api/jobs?status=dead, and /admin/api/timers?status=dead for the timers lane), by lane", labelNames: ["lane"], registers: [] });
    for (const gauge of [depth, oldest, dead]) this.registry.registerMetric(gauge);
    this.#collectQueue = async () => {
      const now = sources.clock().getTime();
      for (const gauge of [depth, oldest, dead]) gauge.reset();
      for (const lane of [...(await laneDepths(sources.db)), await timerDepth(sources.db, sources.clock())]) {
        depth.set({ lane: lane.lane }, lane.pending);
        oldest.set({ lane: lane.lane }, lane.oldestPendingAt ? Math.max(0, (now - Date.parse(lane.oldestPendingAt)) / 1000) : 0);
        dead.set({ lane: lane.lane }, lane.dead);
      }
    };
  }

  readonly #collectQueue: () => Promise<void>;

  /** The text Prometheus scrapes. */
  async text(): Promise<string> {
    await this.#collectQueue();
    return this.registry.metrics();
  }

  /** fetch that times each Zendesk call and counts its failures by status. */
  timedZendeskFetch(inner: typeof fetch): typeof fetch {
    return async (input, init) => {
      const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
      const end = this.zendeskSeconds.startTimer({ method });
      try {
        const response = await inner(input, init);
        end({ status: String(response.status) });
        if (response.status >= 400) this.zendeskErrors.inc({ status: String(response.status) });
        return response;
      } catch (error) {
        end({ status: "0" });
        this.zendeskErrors.inc({ status: "0" });
        throw error;
      }
    };
  }
}
