import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const PREFIX = "enc:v1:";

/**
 * Encrypts secrets Parley keeps on disk (AES-256-GCM) with a key derived from PARLEY_SECRETS_KEY,
 * so a copied data folder or backup does not give them away without the environment.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(secretsKey: string) {
    this.#key = Buffer.from(hkdfSync("sha256", secretsKey, "parley", "parley secrets at rest v1", 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `${PREFIX}${[iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64url")).join(":")}`;
  }

  /** The plain secret; throws when the key is not the one it was sealed with, or the text was altered. */
  open(stored: string): string {
    const [iv, tag, sealed] = stored.slice(PREFIX.length).split(":").map((part) => Buffer.from(part, "base64url"));
    if (!iv || !tag || !sealed) throw new Error("not a sealed secret");
    const decipher = createDecipheriv("aes-256-gcm", this.#key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString("utf8");
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }
}

/** The box for PARLEY_SECRETS_KEY; null without it (secrets are then kept as they are). */
export function secretBoxFor(secretsKey: string | null): SecretBox | null {
  return secretsKey === null ? null : new SecretBox(secretsKey);
}
