import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SecretBox } from "./secret-box";

export class KeptSecretError extends Error {}

/**
 * A secret Parley generates on first start and keeps in the data folder, so restarts keep it.
 * With PARLEY_SECRETS_KEY it is kept encrypted (a plain one found is encrypted in place); without
 * the key, an encrypted one cannot be read and the start stops saying so. `create: false` only reads.
 */
export function keptSecret(dataDir: string, name: string, secretsKey: string | null, options: { create: boolean } = { create: true }): string | null {
  const file = join(dataDir, name);
  const box = secretsKey === null ? null : new SecretBox(secretsKey);
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (!SecretBox.isSealed(stored)) {
      if (box) writeFileSync(file, `${box.seal(stored)}\n`, { mode: 0o600 });
      return stored;
    }
    if (!box) throw new KeptSecretError(`${file} is encrypted: set PARLEY_SECRETS_KEY to the key it was kept with.`);
    try {
      return box.open(stored);
    } catch {
      throw new KeptSecretError(`${file} cannot be decrypted with this PARLEY_SECRETS_KEY: use the key it was kept with.`);
    }
  }
  if (!options.create) return null;
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, `${box ? box.seal(secret) : secret}\n`, { mode: 0o600 });
  return secret;
}
