import type { GuideImportResponse } from "@parley/protocol";
import { Hono } from "hono";
import type { Config } from "../../config";
import type { Db } from "../../store/db";
import type { ZendeskClient } from "../../zendesk/client";
import { ZendeskApiError } from "../../zendesk/errors";
import { guideImportFailure, type GuideImportResult, importZendeskGuide } from "../../zendesk/guide-import";
import { requireAdminToken } from "../admin-auth";
import { ApiError } from "../errors";
import type { EditableKnowledge } from "./admin-articles";

export interface AdminGuideImportDeps {
  config: Pick<Config, "adminToken">;
  db: Db;
  knowledge: EditableKnowledge;
  clock: () => Date;
  /** The Support API in effect (the console's connection, else the environment's); null without one. */
  supportApi?: (() => Promise<{ client: ZendeskClient } | null>) | undefined;
}

/**
 * "Import from Zendesk Guide": POST /admin/api/articles/import/zendesk-guide reads the connected
 * account's help center and stores its published articles as admin-API articles (see
 * zendesk/guide-import.ts); it answers what was added, updated, removed and skipped.
 */
export function adminGuideImport(deps: AdminGuideImportDeps): Hono {
  const api = new Hono();
  api.use("/articles/import/*", requireAdminToken(deps.config));
  // One import at a time in this process: a second click waits for the first and then sees its result.
  let running: Promise<unknown> = Promise.resolve();

  api.post("/articles/import/zendesk-guide", async (c) => {
    const zendesk = await deps.supportApi?.();
    if (!zendesk) {
      throw new ApiError(
        409,
        "zendesk_connection_failed",
        "Zendesk is not connected, so there is no help center to import: connect the Zendesk API first (Connect Zendesk, or ZENDESK_SUBDOMAIN, ZENDESK_EMAIL and ZENDESK_API_TOKEN).",
      );
    }
    const run = running.then(() => importZendeskGuide({ client: zendesk.client, db: deps.db, knowledge: deps.knowledge, clock: deps.clock }));
    running = run.catch(() => {});
    let result: GuideImportResult;
    try {
      result = await run;
    } catch (error) {
      if (error instanceof ZendeskApiError) throw new ApiError(502, "zendesk_connection_failed", guideImportFailure(error));
      throw error;
    }
    return c.json({ import: result } satisfies GuideImportResponse);
  });
  return api;
}
