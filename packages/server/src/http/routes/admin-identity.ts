import type {
  ContactMerging,
  ContactMergingResponse,
  ExpectedHashResponse,
  IdentityResponse,
  IdentityState,
  InstallationResponse,
  TrustedOrigins,
  TrustedOriginsResponse,
} from "@parley/protocol";
import { Hono } from "hono";
import { z } from "zod";
import type { Config } from "../../config";
import type { IdentityEnforcement } from "../../identity/enforcement";
import { createUserHash } from "../../identity/verify";
import type { Db } from "../../store/db";
import { listOrigins } from "../../store/origins";
import { requireAdminToken } from "../admin-auth";
import { limitBody, readJson } from "../body";
import { ApiError } from "../errors";
import { TrustedOrigin } from "../../security/origins";
import type { SecuritySettings } from "../../security/settings";

export interface AdminIdentityDeps {
  config: Config;
  enforcement: IdentityEnforcement;
  settings: SecuritySettings;
  db: Db;
}

const EnforcementInput = z.strictObject({ enforce: z.boolean() });
const MergingInput = z.strictObject({ merge: z.boolean() });
/** null (or an empty list would lock every site out, so it is refused): any site. */
const OriginsInput = z.strictObject({ allowed_origins: z.array(TrustedOrigin).min(1, "list at least one origin, or send null for any site").max(100).nullable() });

const HashInput = z
  .strictObject({
    user_id: z.union([z.string().trim().min(1).max(255), z.number()]).transform(String).optional(),
    email: z.string().trim().min(1).max(320).optional(),
  })
  .refine((input) => input.user_id !== undefined || input.email !== undefined, { message: "send user_id or email", path: ["user_id"] });

/**
 * The admin API's identity verification: /admin/api/identity. The enforcement switch is stored in
 * the database and reaches every instance within seconds. Secrets are never returned.
 */
export function adminIdentity(deps: AdminIdentityDeps): Hono {
  const { config, enforcement, settings, db } = deps;
  const api = new Hono();
  api.use("/identity/*", requireAdminToken(config));
  api.use("/identity", requireAdminToken(config));
  api.use("/identity/*", limitBody(4 * 1024));
  api.use("/installation", requireAdminToken(config));

  const merging = async (): Promise<ContactMerging> => {
    const state = await settings.contactMerging();
    return { enabled: state.enabled, setting: state.setting, held_on_by_environment: state.heldOnByEnvironment };
  };
  const origins = async (): Promise<TrustedOrigins> => {
    const state = await settings.trustedOrigins();
    const copy = (list: readonly string[] | null) => list && [...list];
    return { allowed_origins: copy(state.origins), setting: copy(state.setting), held_by_environment: state.heldByEnvironment };
  };
  const describe = async (): Promise<IdentityState> => {
    const state = await enforcement.state();
    return {
      enforced: state.enforced,
      setting: state.setting,
      held_on_by_environment: state.environment,
      secret_rotation: config.identity.previousSecret !== null,
      merge_unverified_contacts: await merging(),
      trusted_origins: await origins(),
    };
  };

  api.get("/identity", async (c) => c.json({ identity: await describe() } satisfies IdentityResponse));

  api.put("/identity/enforcement", async (c) => {
    const input = await readJson(c, EnforcementInput);
    await enforcement.set(input.enforce);
    return c.json({ identity: await describe() } satisfies IdentityResponse);
  });

  // Whether a verified ping takes over the contacts made by unverified pings naming that user, and
  // the anonymous visitor contact of the same browser (with their conversations). Off by default.
  api.get("/identity/merging", async (c) => c.json({ merge_unverified_contacts: await merging() } satisfies ContactMergingResponse));
  api.put("/identity/merging", async (c) => {
    const input = await readJson(c, MergingInput);
    await settings.setContactMerging(input.merge);
    return c.json({ merge_unverified_contacts: await merging() } satisfies ContactMergingResponse);
  });

  // The trusted origins: the sites the Messenger may run on (null: any site).
  api.get("/identity/origins", async (c) => c.json({ trusted_origins: await origins() } satisfies TrustedOriginsResponse));
  api.put("/identity/origins", async (c) => {
    const input = await readJson(c, OriginsInput);
    if (config.security.allowedOrigins !== null) {
      throw new ApiError(409, "forbidden", "PARLEY_ALLOWED_ORIGINS sets the trusted origins: change it there, or unset it to manage them here.");
    }
    await settings.setTrustedOrigins(input.allowed_origins);
    return c.json({ trusted_origins: await origins() } satisfies TrustedOriginsResponse);
  });

  // The hash checker: what Parley expects for a user, to compare with what the site's backend sends.
  api.post("/identity/hash", async (c) => {
    const input = await readJson(c, HashInput);
    return c.json({
      user_hash: createUserHash(config.identity.secret, { userId: input.user_id ?? null, email: input.email ?? null }),
      hashed: input.user_id !== undefined ? "user_id" : "email",
    } satisfies ExpectedHashResponse);
  });

  // The installation check: every site the Messenger was pinged from, and how it identifies its users.
  api.get("/installation", async (c) => {
    const origins = await listOrigins(db, config.app.id);
    const state = await enforcement.state();
    return c.json({
      enforced: state.enforced,
      held_on_by_environment: state.environment,
      origins: origins.map((row) => ({
        origin: row.origin,
        first_seen_at: row.first_seen_at,
        last_seen_at: row.last_seen_at,
        verification: VERIFICATION[row.identity_status as keyof typeof VERIFICATION] ?? "not_sent",
        counts: { verified: row.verified_count, failing: row.failing_count, not_sent: row.unverified_count, anonymous: row.anonymous_count },
      })),
    } satisfies InstallationResponse);
  });

  return api;
}

/**
 * What the latest ping from a site says about its install: a valid hash or JWT (verified), a wrong
 * one (failing), none for an identified user (not_sent), or only anonymous visitors so far.
 */
const VERIFICATION = { verified: "verified", rejected: "failing", unverified: "not_sent", anonymous: "anonymous" } as const;
