import { z } from "zod";

const FaultStatus = z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]);
type FaultStatus = z.output<typeof FaultStatus>;

/**
 * Faults injected through `POST /__sim/faults`: the next `count` API requests that match answer
 * with `status` instead of being handled. A 429 carries `Retry-After` (seconds; a string is sent as
 * is, to imitate an unusable header); `plainText` answers text/plain instead of JSON and, for a
 * 429 without `retryAfter`, no `Retry-After` at all, like Zendesk's per-user update limit.
 *
 * With `rate`, each matching request fails with that probability instead (a flaky Zendesk), until
 * the faults are cleared or `count` requests have failed; `status` may then be a list to pick from,
 * and `seed` makes the sequence of failures the same on every run.
 */
export const FaultSpec = z
  .strictObject({
    status: z.union([FaultStatus, z.array(FaultStatus).min(1)]),
    count: z.number().int().min(1).optional(),
    rate: z.number().gt(0).max(1).optional(),
    seed: z.number().int().optional(),
    retryAfter: z.union([z.number().int().min(0), z.string()]).optional(),
    plainText: z.boolean().default(false),
    method: z.string().optional(),
    /** A substring of the path, or a regular expression written `/…/flags`. */
    path: z.string().optional(),
  })
  .refine((spec) => spec.rate !== undefined || !Array.isArray(spec.status), { path: ["status"], message: "a list of statuses needs a rate" })
  .refine((spec) => spec.rate !== undefined || spec.seed === undefined, { path: ["seed"], message: "a seed needs a rate" });
export type FaultSpec = z.output<typeof FaultSpec>;

export interface Fault extends FaultSpec {
  id: number;
  /** Failures left; null: until the faults are cleared (a `rate` fault without `count`). */
  remaining: number | null;
  /** Requests it has failed so far. */
  failed: number;
}

/** What one failing request answers. */
export interface FaultHit {
  status: FaultStatus;
  retryAfter?: number | string | undefined;
  plainText: boolean;
}

export class Faults {
  private list: Fault[] = [];
  private nextId = 1;
  private readonly dice = new Map<number, () => number>();

  add(spec: FaultSpec): Fault {
    if (spec.path) pathMatcher(spec.path); // a bad regular expression fails here, not on a request
    const fault: Fault = { ...spec, id: this.nextId++, remaining: spec.count ?? (spec.rate === undefined ? 1 : null), failed: 0 };
    if (spec.rate !== undefined) this.dice.set(fault.id, spec.seed === undefined ? Math.random : seeded(spec.seed));
    this.list.push(fault);
    return fault;
  }

  /** The fault this request runs into, if any (and one use of it). */
  take(method: string, path: string): FaultHit | undefined {
    for (const fault of this.list) {
      if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      if (fault.path && !pathMatcher(fault.path)(path)) continue;
      const roll = this.dice.get(fault.id);
      if (roll && roll() >= (fault.rate ?? 1)) continue;
      fault.failed++;
      if (fault.remaining !== null) {
        fault.remaining--;
        if (fault.remaining <= 0) this.#drop(fault);
      }
      const statuses = Array.isArray(fault.status) ? fault.status : [fault.status];
      const status = statuses[roll ? Math.floor(roll() * statuses.length) : 0] ?? statuses[0] ?? 500;
      return { status, retryAfter: fault.retryAfter, plainText: fault.plainText };
    }
    return undefined;
  }

  pending(): readonly Fault[] {
    return this.list;
  }

  clear(): void {
    this.list = [];
    this.dice.clear();
  }

  #drop(fault: Fault): void {
    this.list = this.list.filter((candidate) => candidate !== fault);
    this.dice.delete(fault.id);
  }
}

/** A small seeded random number generator (mulberry32): the same seed, the same failures. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pathMatcher(path: string): (candidate: string) => boolean {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(path);
  if (regex?.[1]) {
    const pattern = new RegExp(regex[1], regex[2]);
    return (candidate) => pattern.test(candidate);
  }
  return (candidate) => candidate.includes(path);
}

const BODIES: Record<number, { error: string; description: string }> = {
  429: { error: "APIRateLimitExceeded", description: "Number of allowed API requests per minute exceeded" },
  500: { error: "InternalServerError", description: "Something went wrong on our side" },
  502: { error: "BadGateway", description: "Bad gateway" },
  503: { error: "ServiceUnavailable", description: "Zendesk is temporarily unavailable" },
  504: { error: "GatewayTimeout", description: "Gateway timeout" },
};

/** What Zendesk's per-user ticket update limit answers, as reported: plain text, no Retry-After. */
const PLAIN_TEXT_429 = "Rate limit for ticket updates exceeded, please wait before updating this ticket again";

/** The response a fault answers with. */
export function faultResponse(fault: FaultHit): Response {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
  else if (fault.status === 429 && !fault.plainText) headers["Retry-After"] = "1";
  const body = BODIES[fault.status] ?? { error: "Error", description: `HTTP ${fault.status}` };
  if (fault.plainText) {
    const text = fault.status === 429 ? PLAIN_TEXT_429 : body.description;
    return new Response(text, { status: fault.status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  }
  const init = { status: fault.status, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } };
  return new Response(JSON.stringify(body), init);
}
