import type { Context } from "hono";
import type { Config } from "../config";

/** The address browsers reach this server at: PARLEY_PUBLIC_URL, else the request's own origin. */
export function publicBase(c: Context, config: Pick<Config, "publicUrl">): string {
  return config.publicUrl ?? new URL(c.req.url).origin;
}

/** The address written into what outlives a request (the AI agent's source links): PARLEY_PUBLIC_URL, else localhost. */
export function standingBase(config: Pick<Config, "publicUrl" | "port">): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}
