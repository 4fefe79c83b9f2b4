import { z } from "zod";

/**
 * Faults injected through `POST /__sim/faults`: the next `count` API requests that match answer
 * with `status` instead of being handled. A 429 carries `Retry-After` (seconds; a string is sent as
 * is, to imitate an unusable header); `plainText` answers text/plain instead of JSON and, for a
 * 429 without `retryAfter`, no `Retry-After` at all, like Zendesk's per-user update limit.
 */
export const FaultSpec = z.strictObject({
  status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
  count: z.number().int().min(1).default(1),
  retryAfter: z.union([z.number().int().min(0), z.string()]).optional(),
  plainText: z.boolean().default(false),
  method: z.string().optional(),
  /** A substring of the path, or a regular expression written `/…/flags`. */
  path: z.string().optional(),
});
export type FaultSpec = z.output<typeof FaultSpec>;

export interface Fault extends FaultSpec {
  id: number;
  remaining: number;
}

export class Faults {
  private list: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    if (spec.path) pathMatcher(spec.path); // a bad regular expression fails here, not on a request
    const fault = { ...spec, id: this.nextId++, remaining: spec.count };
    this.list.push(fault);
    return fault;
  }

  /** The fault this request runs into, if any (and one use of it). */
  take(method: string, path: string): Fault | undefined {
    const fault = this.list.find(
      (candidate) =>
        (!candidate.method || candidate.method.toUpperCase() === method.toUpperCase()) &&
        (!candidate.path || pathMatcher(candidate.path)(path)),
    );
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.list = this.list.filter((candidate) => candidate !== fault);
    return fault;
  }

  pending(): readonly Fault[] {
    return this.list;
  }

  clear(): void {
    this.list = [];
  }
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
export function faultResponse(fault: Fault): Response {
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
