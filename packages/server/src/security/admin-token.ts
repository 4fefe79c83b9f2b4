import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config";

/** How `DATA_DIR/admin-token` marks a hash (what is kept), as opposed to a token kept plain by an older version. */
const PREFIX = "sha256:";

/**
 * The SHA-256 of an admin token, hex. A plain hash is enough: the token is 192 random bits, not a
 * password, so there is nothing to guess from it.
 */
export function hashAdminToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether `given` is the admin token: PARLEY_ADMIN_TOKEN, or the token whose hash is PARLEY_ADMIN_TOKEN_HASH. Constant time. */
export function isAdminToken(config: Pick<Config, "adminToken"> & Partial<Pick<Config, "adminTokenHash">>, given: string): boolean {
  const digest = Buffer.from(hashAdminToken(given), "hex");
  const expected = [config.adminToken === null ? null : hashAdminToken(config.adminToken), config.adminTokenHash ?? null];
  let match = false;
  for (const hash of expected) if (hash !== null && timingSafeEqual(digest, Buffer.from(hash, "hex"))) match = true;
  return match;
}

/** Whether any admin token is configured. */
export function hasAdminToken(config: Pick<Config, "adminToken"> & Partial<Pick<Config, "adminTokenHash">>): boolean {
  return config.adminToken !== null || (config.adminTokenHash ?? null) !== null;
}

export interface KeptAdminToken {
  /** What the server compares with (PARLEY_ADMIN_TOKEN_HASH). */
  hash: string;
  /** The token itself: only on the run that made it (it is printed once, never stored). */
  token: string | null;
  file: string;
}

/**
 * `npm start`'s admin token when PARLEY_ADMIN_TOKEN is not set: made on the first run and printed
 * once; only its hash is kept in DATA_DIR/admin-token, so a copied data folder or backup does not
 * open the admin API. A token an older version kept plain is replaced by its hash.
 */
export function keptAdminToken(dataDir: string): KeptAdminToken {
  const file = join(dataDir, "admin-token");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.startsWith(PREFIX) && /^[0-9a-f]{64}$/.test(stored.slice(PREFIX.length))) return { hash: stored.slice(PREFIX.length), token: null, file };
    if (stored.length > 0 && !stored.startsWith(PREFIX)) {
      const hash = hashAdminToken(stored);
      writeFileSync(file, `${PREFIX}${hash}\n`, { mode: 0o600 });
      return { hash, token: null, file };
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString("base64url");
  const hash = hashAdminToken(token);
  writeFileSync(file, `${PREFIX}${hash}\n`, { mode: 0o600 });
  return { hash, token, file };
}
