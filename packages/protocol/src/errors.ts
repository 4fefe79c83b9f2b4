import * as z from "zod/mini";

/** Every error the HTTP API returns has this one shape: `{ error: { code, message, issues? } }`. */
export const ERROR_CODES = [
  "invalid_json",
  "invalid_request",
  "unsupported_media_type",
  "payload_too_large",
  "app_not_found",
  "not_found",
  "conversation_not_found",
  "contact_not_found",
  "article_not_found",
  "article_id_taken",
  "job_not_found",
  "job_not_retryable",
  "timer_not_found",
  "timer_not_retryable",
  "unauthorized",
  "identity_verification_failed",
  "identity_verification_required",
  "invalid_signature",
  "admin_token_not_set",
  "admin_login_not_set",
  "forbidden",
  "zendesk_connection_failed",
  "rate_limited",
  "origin_not_allowed",
  "internal_error",
  /** A collect-data form with values the workflow cannot accept: one issue per field (`form.<name>`). */
  "invalid_form",
  "invalid_workflow",
  "workflow_version_not_found",
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorIssue = z.object({
  path: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof ErrorIssue>;

/** What every error says besides its code. */
const errorDetails = { message: z.string(), issues: z.optional(z.array(ErrorIssue)) };

export const ErrorBody = z.object({ error: z.object({ code: ErrorCode, ...errorDetails }) });
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * The same shape with any code: how a client reads the server's errors, so one built before a
 * code was added (a cached widget script talking to an upgraded server) still gets the code, the
 * message and the issues. It also keeps the list of codes out of the widget's bundle.
 */
export const AnyErrorBody = z.object({ error: z.object({ code: z.string(), ...errorDetails }) });
