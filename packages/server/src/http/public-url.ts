import type { Context } from "hono";
import type { Config } from "../config";

/** The address browsers reach this server at: PARLEY_PUBLIC_URL, else the request's own origin. */
export function publicBase(c: Context, config: Config): string {
  return config.publicUrl ?? new URL(c.req.url).origin;
}
