import * as z from "zod";
import type { Db } from "../../store/db";
import { AiAgentIdentity, ConversationsCredentials, SupportCredentials } from "./credentials";

/**
 * The one place Zendesk credentials (and the AI's agent identity) are read from and written to the database. Secrets are kept
 * as given here; encryption at rest belongs behind these three functions and nowhere else.
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
): Promise<StoredConnection<A, Check> | null> {
  const row = await db.selectFrom("zendesk_connections").selectAll().where("api", "=", api).executeTakeFirst();
  if (!row) return null;
  const credentials = SCHEMAS[api].safeParse(JSON.parse(row.credentials));
  if (!credentials.success) return null; // written by a version that no longer reads the same: connect again
  const check = row.check_result === null ? null : checkSchema.safeParse(JSON.parse(row.check_result));
  return {
    credentials: credentials.data as CredentialsOf<A>,
    check: check?.success ? check.data : null,
    checkedAt: row.checked_at,
  };
}

export async function saveConnection<A extends ZendeskApi>(db: Db, api: A, credentials: CredentialsOf<A>, check: unknown, now: string): Promise<void> {
  const values = { credentials: JSON.stringify(credentials), check_result: JSON.stringify(check), checked_at: now, updated_at: now };
  await db
    .insertInto("zendesk_connections")
    .values({ api, ...values })
    .onConflict((oc) => oc.column("api").doUpdateSet(values))
    .execute();
}

export async function saveCheck(db: Db, api: ZendeskApi, check: unknown, now: string): Promise<void> {
  await db.updateTable("zendesk_connections").set({ check_result: JSON.stringify(check), checked_at: now }).where("api", "=", api).execute();
}
