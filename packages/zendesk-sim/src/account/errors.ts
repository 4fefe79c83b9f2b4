/**
 * Failures the simulated Zendesk answers with, in Zendesk's own envelopes. Account code throws
 * them; the HTTP layer turns them into responses.
 */
export class ZendeskError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(typeof body === "object" && body !== null && "error" in body ? String(body.error) : `HTTP ${status}`);
  }
}

export function recordNotFound(): ZendeskError {
  return new ZendeskError(404, { error: "RecordNotFound", description: "Not found" });
}

export function badRequest(error: string, description: string): ZendeskError {
  return new ZendeskError(400, { error, description });
}

export function parameterMissing(name: string): ZendeskError {
  return badRequest("ParameterMissing", `param is missing or the value is empty: ${name}`);
}

export interface FieldError {
  description: string;
  error: string;
}

/** Collects validation failures per field, then throws them as one 422 `RecordInvalid`. */
export class RecordErrors {
  private readonly details: Record<string, FieldError[]> = {};

  add(field: string, description: string, error = "InvalidValue"): void {
    (this.details[field] ??= []).push({ description, error });
  }

  get empty(): boolean {
    return Object.keys(this.details).length === 0;
  }

  throwIfAny(): void {
    if (!this.empty) throw recordInvalid(this.details);
  }
}

export function recordInvalid(details: Record<string, FieldError[]>): ZendeskError {
  return new ZendeskError(422, { error: "RecordInvalid", description: "Record validation errors", details });
}

export function invalidField(field: string, description: string, error = "InvalidValue"): ZendeskError {
  return recordInvalid({ [field]: [{ description, error }] });
}
