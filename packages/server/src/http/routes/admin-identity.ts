import { Hono } from "hono";
import { z } from "zod";
import type { Config } from "../../config";
import type { IdentityEnforcement } from "../../identity/enforcement";
import { createUserHash } from "../../identity/verify";
import type { Db } from "../../store/db";
import { listOrigins } from "../../store/origins";
import { requireAdminToken } from "../admin-auth";
import { limitBody, readJson } from "../body";

export interface AdminIdentityDeps {
  config: Config;
  enforcement: IdentityEnforcement;
  db: Db;
}

const EnforcementInput = z.strictObject({ enforce: z.boolean() });

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
  const { config, enforcement, db } = deps;
  const api = new Hono();
  api.use("/identity/*", requireAdminToken(config));
  api.use("/identity", requireAdminToken(config));
  api.use("/identity/*", limitBody(4 * 1024));
  api.use("/installation", requireAdminToken(config));

  const describe = async () => {
    const state = await enforcement.state();
    return {
      enforced: state.enforced,
      setting: state.setting,
      held_on_by_environment: state.environment,
      secret_rotation: config.identity.previousSecret !== null,
    };
  };

  api.get("/identity", async (c) => c.json({ identity: await describe() }));

  api.put("/identity/enforcement", async (c) => {
    const input = await readJson(c, EnforcementInput);
    await enforcement.set(input.enforce);
    return c.json({ identity: await describe() });
  });

  // The hash checker: what Parley expects for a user, to compare with what the site's backend sends.
  api.post("/identity/hash", async (c) => {
    const input = await readJson(c, HashInput);
    return c.json({
      user_hash: createUserHash(config.identity.secret, { userId: input.user_id ?? null, email: input.email ?? null }),
      hashed: input.user_id !== undefined ? "user_id" : "email",
    });
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
    });
  });

  return api;
}

/**
 * What the latest ping from a site says about its install: a valid hash or JWT (verified), a wrong
 * one (failing), none for an identified user (not_sent), or only anonymous visitors so far.
 */
const VERIFICATION = { verified: "verified", rejected: "failing", unverified: "not_sent", anonymous: "anonymous" } as const;
