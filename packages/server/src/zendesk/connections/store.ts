import * as z from "zod";
import { ConfigError } from "../../config";
import { SecretBox } from "../../security/secret-box";
import type { Db } from "../../store/db";
import { AiAgentIdentity, ConversationsCredentials, SupportCredentials } from "./credentials";

/**
 * The one place Zendesk credentials (and the AI's agent identity) are read from and written to the
 * database. With PARLEY_SECRETS_KEY (a `box`) they are kept encrypted (AES-256-GCM): a copied
 * database or backup does not give away the API token or the app secret.
 */
export type ZendeskApi = "support" | "conversations" | "ai_agent";

const SCHEMAS = { support: SupportCredentials, conversations: ConversationsCredentials, ai_agent: AiAgentIdentity } as const;
type CredentialsOf<A extends ZendeskApi> = z.infer<(typeof SCHEMAS)[A]>;

export interface StoredConnection<A extends ZendeskApi, Check> {
  credentials: CredentialsOf<A>;
  check: Check | null;
  checkedAt: string | null;
}

export async function loadConnection<A extends ZendeskApi, Check>(
  db: Db,
  api: A,
  checkSchema: z.ZodType<Check>,
  box: SecretBox | null,
): Promise<StoredConnection<A, Check> | null> {
  const row = await db.selectFrom("zendesk_connections").selectAll().where("api", "=", api).executeTakeFirst();
  if (!row) return null;
  const credentials = SCHEMAS[api].safeParse(JSON.parse(openCredentials(row.credentials, box)));
  // Kept before PARLEY_SECRETS_KEY was set: encrypted from now on.
  if (box && !SecretBox.isSealed(row.credentials)) {
    await db.updateTable("zendesk_connections").set({ credentials: box.seal(row.credentials) }).where("api", "=", api).execute();
  }
  if (!credentials.success) return null; // written by a version that no longer reads the same: connect again
  const check = row.check_result === null ? null : checkSchema.safeParse(JSON.parse(row.check_result));
  return {
    credentials: credentials.data as CredentialsOf<A>,
    check: check?.success ? check.data : null,
    checkedAt: row.checked_at,
  };
}

export async function saveConnection<A extends ZendeskApi>(
  db: Db,
  api: A,
  credentials: CredentialsOf<A>,
  check: unknown,
  now: string,
  box: SecretBox | null,
): Promise<void> {
  const plain = JSON.stringify(credentials);
  const values = { credentials: box ? box.seal(plain) : plain, check_result: JSON.stringify(check), checked_at: now, updated_at: now };
  await db
    .insertInto("zendesk_connections")
    .values({ api, ...values })
    .onConflict((oc) => oc.column("api").doUpdateSet(values))
    .execute();
}

export async function saveCheck(db: Db, api: ZendeskApi, check: unknown, now: string): Promise<void> {
  await db.updateTable("zendesk_connections").set({ check_result: JSON.stringify(check), checked_at: now }).where("api", "=", api).execute();
}

/** The credentials' JSON; an encrypted row needs the key it was encrypted with. */
function openCredentials(stored: string, box: SecretBox | null): string {
  if (!SecretBox.isSealed(stored)) return stored;
  if (!box) throw new ConfigError("The Zendesk connection kept in the database is encrypted: set PARLEY_SECRETS_KEY to the key it was kept with.");
  try {
    return box.open(stored);
  } catch {
    throw new ConfigError("The Zendesk connection kept in the database was encrypted with another PARLEY_SECRETS_KEY: set the key it was kept with, or connect Zendesk again.");
  }
}
