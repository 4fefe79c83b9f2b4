import * as z from "zod/mini";
import { LIMITS } from "./limits";

/**
 * An id the browser makes up (a visitor id, or a message's client id). Letters, digits, `-`
 * and `_` only, so it is safe in URLs, logs and Zendesk external ids.
 */
export const ClientId = z.string().check(
  z.minLength(LIMITS.clientIdMinLength),
  z.maxLength(LIMITS.clientIdMaxLength),
  z.regex(/^[A-Za-z0-9_-]+$/, "use letters, digits, '-' and '_' only"),
);
export type ClientId = z.infer<typeof ClientId>;
