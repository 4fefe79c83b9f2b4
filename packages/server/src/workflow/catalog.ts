import type { Db } from "../store/db";
import { getSetting, getWorkflowVersion, insertWorkflowVersion, listWorkflowVersions, setSetting } from "../store/workflows";
import { Workflow } from "./schema";
import { validateWorkflow, type WorkflowCheck } from "./validate";

/** The built-in default workflow's version: it is never stored, and is live until another is set. */
export const DEFAULT_VERSION = 0;

export interface WorkflowVersionInfo {
  version: number;
  live: boolean;
  created_at: string | null;
  name: string;
}

/**
 * The owner's workflows: a draft they edit, and immutable versions of which one is live. A
 * conversation keeps the version it started on, so versions are cached forever once read.
 */
export class WorkflowCatalog {
  readonly #cache = new Map<number, Workflow>();

  constructor(private readonly deps: { db: Db; defaultWorkflow: Workflow; clock: () => Date }) {
    this.#cache.set(DEFAULT_VERSION, deps.defaultWorkflow);
  }

  async liveVersion(db: Db = this.deps.db): Promise<number> {
    const value = await getSetting(db, "live_version");
    return value === undefined ? DEFAULT_VERSION : Number(value);
  }

  async live(): Promise<{ version: number; workflow: Workflow }> {
    const version = await this.liveVersion();
    return { version, workflow: await this.version(version) };
  }

  /** A version's workflow; an unknown version (never expected) runs the default rather than failing the customer. */
  async version(version: number, db: Db = this.deps.db): Promise<Workflow> {
    const cached = this.#cache.get(version);
    if (cached) return cached;
    const stored = await getWorkflowVersion(db, version);
    const workflow = stored ? Workflow.parse(JSON.parse(stored.definition)) : this.deps.defaultWorkflow;
    if (stored) this.#cache.set(version, workflow);
    return workflow;
  }

  /** The draft: the last one saved, else a copy of the live workflow. */
  async draft(): Promise<Workflow> {
    const value = await getSetting(this.deps.db, "draft");
    return value === undefined ? (await this.live()).workflow : Workflow.parse(JSON.parse(value));
  }

  /** "Save": checks the draft and keeps it only when valid; the live workflow is untouched. */
  async saveDraft(input: unknown): Promise<WorkflowCheck> {
    const check = validateWorkflow(input);
    if (check.ok) await setSetting(this.deps.db, "draft", JSON.stringify(check.workflow), this.#now());
    return check;
  }

  /** "Set live": the draft becomes the next version and live in one transaction. */
  async publishDraft(): Promise<number> {
    return this.setLive(await this.draft());
  }

  /** Stores a valid workflow as a new live version (or re-uses the live one when it is the same). */
  async setLive(workflow: Workflow): Promise<number> {
    const definition = JSON.stringify(workflow);
    const now = this.#now();
    return this.deps.db.transaction().execute(async (trx) => {
      const live = await this.liveVersion(trx);
      const current = live === DEFAULT_VERSION ? undefined : await getWorkflowVersion(trx, live);
      if (current?.definition === definition) return live;
      const version = await insertWorkflowVersion(trx, definition, now);
      await setSetting(trx, "live_version", String(version), now);
      this.#cache.set(version, workflow);
      return version;
    });
  }

  /** Makes an earlier version live again (0: the built-in default). False when there is no such version. */
  async rollBack(version: number): Promise<boolean> {
    if (version !== DEFAULT_VERSION && !(await getWorkflowVersion(this.deps.db, version))) return false;
    await setSetting(this.deps.db, "live_version", String(version), this.#now());
    return true;
  }

  async versions(): Promise<WorkflowVersionInfo[]> {
    const live = await this.liveVersion();
    const stored = await listWorkflowVersions(this.deps.db);
    const infos: WorkflowVersionInfo[] = [];
    for (const row of stored) {
      infos.push({ version: row.version, live: row.version === live, created_at: row.createdAt, name: (await this.version(row.version)).name });
    }
    infos.push({ version: DEFAULT_VERSION, live: live === DEFAULT_VERSION, created_at: null, name: this.deps.defaultWorkflow.name });
    return infos;
  }

  #now(): string {
    return this.deps.clock().toISOString();
  }
}
