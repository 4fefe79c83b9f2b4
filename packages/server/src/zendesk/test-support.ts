import { ZendeskApiError } from "./errors";

/** The ZendeskApiError a call fails with; anything else (success included) fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<ZendeskApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ZendeskApiError)) throw new Error(`expected a ZendeskApiError, got ${String(error)}`);
  return error;
}
