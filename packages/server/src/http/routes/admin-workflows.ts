import type { VersionedWorkflowResponse, WorkflowDraftResponse, WorkflowValidation, WorkflowVersionResponse, WorkflowVersionsResponse } from "@parley/protocol";
import { Hono } from "hono";
import { z } from "zod";
import type { Config } from "../../config";
import { validateWorkflow, Workflow, type WorkflowIssue } from "../../workflow";
import type { WorkflowCatalog } from "../../workflow/catalog";
import { requireAdminToken } from "../admin-auth";
import { limitBody, readJson } from "../body";
import { ApiError } from "../errors";

export interface AdminWorkflowsDeps {
  config: Pick<Config, "adminToken">;
  workflows: WorkflowCatalog;
}

const WORKFLOW_REQUEST_BYTES = 512 * 1024;

/** Any JSON: the workflow validator, not the body parser, says what is wrong with it. */
const AnyJson = z.unknown();
const RollBack = z.strictObject({ version: z.number().int().nonnegative() });

/**
 * The admin API's workflow: /admin/api/workflow/… Owners edit a draft ("Save" validates and keeps
 * it), set it live in one atomic swap, list the versions and roll back to one. Conversations that
 * are running keep the version they started on.
 */
export function adminWorkflows(deps: AdminWorkflowsDeps): Hono {
  const { workflows } = deps;
  const api = new Hono();
  api.use("/workflow/*", requireAdminToken(deps.config));
  api.use("/workflow/*", limitBody(WORKFLOW_REQUEST_BYTES));

  api.get("/workflow/live", async (c) => {
    const live = await workflows.live();
    return c.json({ version: live.version, workflow: live.workflow } satisfies VersionedWorkflowResponse);
  });

  api.get("/workflow/draft", async (c) => c.json({ workflow: await workflows.draft() } satisfies WorkflowDraftResponse));

  /** The workflow format as JSON Schema, for editors (the validator's graph checks come on top of it). */
  api.get("/workflow/schema", (c) => c.json(z.toJSONSchema(Workflow, { io: "input" })));

  api.put("/workflow/draft", async (c) => {
    const check = await workflows.saveDraft(await readJson(c, AnyJson));
    if (!check.ok) throw invalidWorkflow(check.issues);
    return c.json({ workflow: check.workflow } satisfies WorkflowDraftResponse);
  });

  /** Checks a workflow without keeping it: always 200, with the problems listed. */
  api.post("/workflow/validate", async (c) => {
    const check = validateWorkflow(await readJson(c, AnyJson));
    return c.json((check.ok ? { valid: true, issues: [] } : { valid: false, issues: check.issues }) satisfies WorkflowValidation);
  });

  /** "Set live": the saved draft becomes the next version, live for every new conversation. */
  api.post("/workflow/publish", async (c) => {
    const version = await workflows.publishDraft();
    return c.json({ version, workflow: await workflows.version(version) } satisfies VersionedWorkflowResponse);
  });

  api.get("/workflow/versions", async (c) => c.json({ versions: await workflows.versions() } satisfies WorkflowVersionsResponse));

  api.get("/workflow/versions/:version", async (c) => {
    const version = Number(c.req.param("version"));
    const known = (await workflows.versions()).find((info) => info.version === version);
    if (!known) throw versionNotFound(c.req.param("version"));
    return c.json({ version, live: known.live, workflow: await workflows.version(version) } satisfies WorkflowVersionResponse);
  });

  api.post("/workflow/rollback", async (c) => {
    const { version } = await readJson(c, RollBack);
    if (!(await workflows.rollBack(version))) throw versionNotFound(String(version));
    return c.json({ version, workflow: await workflows.version(version) } satisfies VersionedWorkflowResponse);
  });

  return api;
}

function invalidWorkflow(issues: WorkflowIssue[]): ApiError {
  const errors = issues.map((issue) => ({
    path: issue.step === null ? issue.field : `steps.${issue.step}.${issue.field}`,
    message: issue.step === null ? issue.message : `step "${issue.step}", ${issue.field}: ${issue.message}`,
  }));
  return new ApiError(422, "invalid_workflow", `The workflow was not saved: ${errors.map((error) => error.message).join("; ")}`, errors);
}

function versionNotFound(version: string): ApiError {
  return new ApiError(404, "workflow_version_not_found", `There is no workflow version ${version}: GET /admin/api/workflow/versions lists them.`);
}
