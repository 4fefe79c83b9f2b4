export interface ZendeskApiErrorInit {
  status: number;
  method: string;
  path: string;
  code?: string | null;
  description?: string | null;
  details?: Record<string, unknown> | null;
  retryAfterSeconds?: number | null;
  cause?: unknown;
}

/**
 * A Zendesk call that did not succeed: an error answer (with Zendesk's `error`, `description`
 * and `details` when it sent them), an answer we could not read, or no answer at all
 * (status 0: network failure or timeout).
 */
export class ZendeskApiError extends Error {
  override readonly name = "ZendeskApiError";
  /** HTTP status; 0 when no answer arrived (network failure, timeout). */
  readonly status: number;
  /** Zendesk's `error` string, e.g. "RecordInvalid", "IdempotentRequestError". */
  readonly code: string | null;
  readonly description: string | null;
  /** Zendesk's validation details, keyed by field (`base`, `requester`, `email`…). */
  readonly details: Record<string, unknown> | null;
  /** From `Retry-After` (seconds, or an HTTP date turned into seconds from now). */
  readonly retryAfterSeconds: number | null;
  readonly method: string;
  /** The request path, without its query string (which may carry identifiers). */
  readonly path: string;

  constructor(init: ZendeskApiErrorInit) {
    const code = init.code ?? null;
    const description = init.description ?? null;
    const details = init.details ?? null;
    super(describe(init.method, init.path, init.status, code, description, details), { cause: init.cause });
    this.status = init.status;
    this.code = code;
    this.description = description;
    this.details = details;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.method = init.method;
    this.path = init.path;
  }

  /** True when trying again later may succeed (429, 5xx, network, timeout). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** A request the client refused to send because its input is invalid; sending it again cannot help. */
export class ZendeskInputError extends Error {
  override readonly name = "ZendeskInputError";
  readonly retryable = false;
}

function describe(
  method: string,
  path: string,
  status: number,
  code: string | null,
  description: string | null,
  details: Record<string, unknown> | null,
): string {
  const outcome = status === 0 ? "got no answer" : `answered ${status}`;
  const what = [code, description].filter((part) => part !== null && part !== "").join(": ");
  const fields = details ? summariseDetails(details) : "";
  return `Zendesk ${method} ${path} ${outcome}${what ? ` (${what})` : ""}${fields ? ` — ${fields}` : ""}`;
}

/** `details` is `{ field: [{ description, error }] }`; a short "field: description" list reads best in logs. */
function summariseDetails(details: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [field, problems] of Object.entries(details)) {
    const list = Array.isArray(problems) ? problems : [problems];
    for (const problem of list) {
      const text =
        problem && typeof problem === "object" && "description" in problem && typeof problem.description === "string"
          ? problem.description
          : typeof problem === "string"
            ? problem
            : JSON.stringify(problem);
      parts.push(`${field}: ${text}`);
    }
  }
  const summary = parts.join("; ");
  return summary.length > 500 ? `${summary.slice(0, 497)}...` : summary;
}
