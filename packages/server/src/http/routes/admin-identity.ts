import { Hono } from "hono";
import { z } from "zod";
import type { Config } from "../../config";
import type { IdentityEnforcement } from "../../identity/enforcement";
import { requireAdminToken } from "../admin-auth";
import { limitBody, readJson } from "../body";

export interface AdminIdentityDeps {
  config: Config;
  enforcement: IdentityEnforcement;
}

const EnforcementInput = z.strictObject({ enforce: z.boolean() });

/**
 * The admin API's identity verification: /admin/api/identity. The enforcement switch is stored in
 * the database and reaches every instance within seconds. Secrets are never returned.
 */
export function adminIdentity(deps: AdminIdentityDeps): Hono {
  const { config, enforcement } = deps;
  const api = new Hono();
  api.use("/identity/*", requireAdminToken(config));
  api.use("/identity", requireAdminToken(config));
  api.use("/identity/*", limitBody(4 * 1024));

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

  return api;
}
