import type { Db } from "./db";

export interface StoredWorkflowVersion {
  version: number;
  definition: string;
  createdAt: string;
}

export async function getWorkflowVersion(db: Db, version: number): Promise<StoredWorkflowVersion | undefined> {
  const row = await db.selectFrom("workflow_versions").selectAll().where("version", "=", version).executeTakeFirst();
  return row && { version: row.version, definition: row.definition, createdAt: row.created_at };
}

export async function listWorkflowVersions(db: Db): Promise<{ version: number; createdAt: string }[]> {
  const rows = await db.selectFrom("workflow_versions").select(["version", "created_at"]).orderBy("version", "desc").execute();
  return rows.map((row) => ({ version: row.version, createdAt: row.created_at }));
}

/** Stores a workflow as the next version (call inside a transaction with `setSetting`). */
export async function insertWorkflowVersion(db: Db, definition: string, now: string): Promise<number> {
  const last = await db.selectFrom("workflow_versions").select((eb) => eb.fn.max("version").as("max")).executeTakeFirst();
  const version = Number(last?.max ?? 0) + 1;
  await db.insertInto("workflow_versions").values({ version, definition, created_at: now }).execute();
  return version;
}

export async function getSetting(db: Db, key: "live_version" | "draft"): Promise<string | undefined> {
  const row = await db.selectFrom("workflow_settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

export async function setSetting(db: Db, key: "live_version" | "draft", value: string, now: string): Promise<void> {
  await db
    .insertInto("workflow_settings")
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
    .execute();
}
