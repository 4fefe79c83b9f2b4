import { LIMITS } from "@parley/protocol";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./errors";

/** Any schema with `safeParse` (full zod and zod/mini both qualify). */
interface Schema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** Rejects bodies past the limit with 413 before reading them whole. */
export function limitBody(maxSize: number = LIMITS.requestBodyBytes) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `The request body is larger than ${maxSize} bytes.`);
    },
  });
}

/** Reads a JSON body and validates it: 415, 400 invalid_json or 400 invalid_request with each issue's path. */
export async function readJson<T>(c: Context, schema: Schema<T>): Promise<T> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
  return validate(value, schema);
}

export function validate<T>(value: unknown, schema: Schema<T>): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
  const first = issues[0];
  throw new ApiError(400, "invalid_request", first ? `${first.path}: ${first.message}` : "The request is not valid.", issues);
}
