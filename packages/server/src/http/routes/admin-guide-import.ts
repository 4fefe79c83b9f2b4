import { Hono } from "hono";
import type { Config } from "../../config";
import type { Db } from "../../store/db";
import type { ZendeskClient } from "../../zendesk/client";
import { ZendeskApiError } from "../../zendesk/errors";
import { type GuideImportResult, importZendeskGuide } from "../../zendesk/guide-import";
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
      if (error instanceof ZendeskApiError) throw refused(error);
      throw error;
    }
    return c.json({ import: result });
  });
  return api;
}

/** Zendesk's refusal, said so the owner knows what to change; nothing was imported or removed. */
function refused(error: ZendeskApiError): ApiError {
  const unchanged = "Nothing was changed.";
  if (error.status === 401) {
    return new ApiError(502, "zendesk_connection_failed", `Zendesk refused the credentials of the connected account (401): connect Zendesk again with a working API token. ${unchanged}`);
  }
  if (error.status === 403) {
    return new ApiError(502, "zendesk_connection_failed", `Zendesk does not let the connected user read the help center (403): connect with an agent or admin whose token can read Guide. ${unchanged}`);
  }
  if (error.status === 404) {
    return new ApiError(502, "zendesk_connection_failed", `The connected Zendesk account has no help center (404): turn on Zendesk Guide, or connect the account that has it. ${unchanged}`);
  }
  const what = error.status === 0 ? "did not answer" : error.status === 200 ? "answered something Parley cannot read" : `answered ${error.status}`;
  return new ApiError(502, "zendesk_connection_failed", `Zendesk ${what} while the help center was read: try again in a minute. ${unchanged}`);
}
