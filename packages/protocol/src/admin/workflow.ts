import * as z from "zod/mini";

/**
 * A workflow as the console reads it: enough to outline it (greeting, start, each step's kind and
 * next step). Loose on purpose, at every level: the console's JSON editor shows and saves back the
 * whole workflow, so every field it does not outline must come through untouched. The server's own
 * schema (packages/server/src/workflow/schema.ts) is the whole format and validates every save.
 */
export const WorkflowOutline = z.looseObject({
  name: z.string(),
  greeting: z.looseObject({ text: z.string(), buttons: z.array(z.looseObject({ label: z.string(), then: z.string() })) }),
  start: z.string(),
  steps: z.record(z.string(), z.looseObject({ type: z.string(), then: z.optional(z.string()) })),
});
export type WorkflowOutline = z.infer<typeof WorkflowOutline>;

/** What is wrong with a workflow: in a step (null: the workflow itself), at a field. */
export const WorkflowIssue = z.object({ step: z.nullable(z.string()), field: z.string(), message: z.string() });
export type WorkflowIssue = z.infer<typeof WorkflowIssue>;

/** A version of the workflow: version 0 is the built-in default (never stored, so `created_at` is null). */
export const WorkflowVersion = z.object({ version: z.number(), live: z.boolean(), created_at: z.nullable(z.string()), name: z.string() });
export type WorkflowVersion = z.infer<typeof WorkflowVersion>;

/** GET /admin/api/workflow/live; POST …/publish and …/rollback answer the same: the version now live. */
export const VersionedWorkflowResponse = z.object({ version: z.number(), workflow: WorkflowOutline });
export type VersionedWorkflowResponse = z.infer<typeof VersionedWorkflowResponse>;

/** GET /admin/api/workflow/versions/{version}. */
export const WorkflowVersionResponse = z.extend(VersionedWorkflowResponse, { live: z.boolean() });
export type WorkflowVersionResponse = z.infer<typeof WorkflowVersionResponse>;

/** GET and PUT /admin/api/workflow/draft: the draft as saved. */
export const WorkflowDraftResponse = z.object({ workflow: WorkflowOutline });
export type WorkflowDraftResponse = z.infer<typeof WorkflowDraftResponse>;

/** POST /admin/api/workflow/validate: always 200, with the problems listed. */
export const WorkflowValidation = z.object({ valid: z.boolean(), issues: z.array(WorkflowIssue) });
export type WorkflowValidation = z.infer<typeof WorkflowValidation>;

/** GET /admin/api/workflow/versions. */
export const WorkflowVersionsResponse = z.object({ versions: z.array(WorkflowVersion) });
export type WorkflowVersionsResponse = z.infer<typeof WorkflowVersionsResponse>;
