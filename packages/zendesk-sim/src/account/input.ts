import { z } from "zod";
import { recordInvalid, type FieldError } from "./errors";
import { normalizeTags } from "./tags";

/** Zendesk ids are integers; like Zendesk, accept them as JSON numbers or numeric strings. */
export const ZendeskId = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d+$/, "must be a number")
    .transform((id) => Number(id)),
]);

/** A boolean Zendesk also accepts as the strings "true" and "false" (as in `safe_update: "true"`). */
export const LooseBoolean = z.union([
  z.boolean(),
  z.enum(["true", "false"]).transform((value) => value === "true"),
]);

/** An external id; Zendesk takes numbers too and stores them as text. An empty one is none. */
export const ExternalId = z
  .union([z.string(), z.number().transform((value) => String(value))])
  .nullable()
  .transform((value) => (value === null || value.trim() === "" ? null : value.trim()));

/** Tags as an array or a space-separated string, normalized. */
export const TagsInput = z
  .union([z.string(), z.array(z.union([z.string(), z.number().transform((value) => String(value))]))])
  .transform((tags) => normalizeTags(tags));

/**
 * Parses `value` with `schema`; a mismatch becomes Zendesk's 422 `RecordInvalid`, with details
 * keyed by the offending property of the record (the first path segment).
 */
export function parseRecord<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: Record<string, FieldError[]> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "base");
    const label = field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, " ");
    (details[field] ??= []).push({ description: `${label}: ${issue.message}`, error: "InvalidValue" });
  }
  throw recordInvalid(details);
}
