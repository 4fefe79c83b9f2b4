import * as z from "zod/mini";

/** GET /admin/api/install: what the install step fills into the code it shows. */
export const InstallInfo = z.object({
  app_id: z.string(),
  app_name: z.string(),
  /** This server's public address, as the Messenger's pages reach it. */
  server_url: z.string(),
  snippet: z.string(),
  /** Server code that computes user_hash, by language (node, python, ruby, …). */
  identity_snippets: z.record(z.string(), z.string()),
});
export type InstallInfo = z.infer<typeof InstallInfo>;

/**
 * What the latest ping from a site says about its install: a valid hash or JWT (verified), a wrong
 * one (failing), none for an identified user (not_sent), or only anonymous visitors so far.
 */
export const OriginVerification = z.enum(["verified", "failing", "not_sent", "anonymous"]);
export type OriginVerification = z.infer<typeof OriginVerification>;

/** A site the Messenger was pinged from, and how it identifies its users (counts of pings by verification). */
export const InstalledOrigin = z.object({
  origin: z.string(),
  first_seen_at: z.string(),
  last_seen_at: z.string(),
  verification: OriginVerification,
  counts: z.object({ verified: z.number(), failing: z.number(), not_sent: z.number(), anonymous: z.number() }),
});
export type InstalledOrigin = z.infer<typeof InstalledOrigin>;

/** GET /admin/api/installation, the installation check. */
export const InstallationResponse = z.object({
  enforced: z.boolean(),
  held_on_by_environment: z.boolean(),
  origins: z.array(InstalledOrigin),
});
export type InstallationResponse = z.infer<typeof InstallationResponse>;
