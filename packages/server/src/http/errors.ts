import type { ErrorBody, ErrorCode, ErrorIssue } from "@parley/protocol";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { WidgetNotBuilt } from "../widget/assets";

/** An error the API answers with its one shape: `{ error: { code, message, issues? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    /** Sent with the error, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string, issues?: ErrorIssue[]): ErrorBody {
  return { error: issues ? { code, message, issues } : { code, message } };
}

export function sendError(c: Context, error: ApiError): Response {
  return c.json(errorBody(error.code, error.message, error.issues), error.status, error.headers);
}

/** The last line of defence: nothing a request does may crash the server or leak a stack trace. */
export function handleError(error: Error, c: Context, options: { logged?: boolean; redact?: (text: string) => string } = {}): Response {
  if (error instanceof ApiError) return sendError(c, error);
  // A server started before `npm run build`: say so, on every route that serves the widget.
  if (error instanceof WidgetNotBuilt) return c.json(errorBody("internal_error", error.message), 503);
  // Logged redacted: an error may quote a token or a secret it was handed.
  const redact = options.redact ?? ((text: string) => text);
  if (!options.logged) console.error(redact(`[http] ${c.req.method} ${c.req.path} failed: ${error.stack ?? String(error)}`));
  return c.json(errorBody("internal_error", "Something went wrong on our side. Please try again."), 500);
}

export function notFound(c: Context): Response {
  return c.json(errorBody("not_found", `Nothing here: ${c.req.method} ${c.req.path}`), 404);
}
