import type { Job as JobView, JobListResponse, JobResponse } from "@parley/protocol";
import { Hono } from "hono";
import { z } from "zod";
import type { Config } from "../../config";
import type { Db } from "../../store/db";
import { getJob, type Job, listJobs, retryJob } from "../../store/outbox";
import { requireAdminToken } from "../admin-auth";
import { validate } from "../body";
import { ApiError } from "../errors";

export interface AdminJobsDeps {
  config: Pick<Config, "adminToken">;
  db: Db;
  clock: () => Date;
  /** Called after a job was made due again. */
  onRetry: () => void;
}

const ListQuery = z.object({
  status: z.enum(["pending", "done", "dead"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const JobId = z.coerce.number().int().positive();

/**
 * The admin API's background jobs (Zendesk calls, AI answers, reply imports): /admin/api/jobs.
 * A job that failed for good (`dead`) shows its last error here and can be run again.
 */
export function adminJobs(deps: AdminJobsDeps): Hono {
  const { db, clock } = deps;
  const api = new Hono();
  api.use("/jobs", requireAdminToken(deps.config));
  api.use("/jobs/*", requireAdminToken(deps.config));

  api.get("/jobs", async (c) => {
    const query = validate(c.req.query(), ListQuery);
    const jobs = await listJobs(db, { limit: query.limit, ...(query.status && { status: query.status }) });
    return c.json({ jobs: jobs.map(toBody) } satisfies JobListResponse);
  });

  api.get("/jobs/:id", async (c) => {
    const job = await getJob(db, idOf(c.req.param("id")));
    if (!job) throw jobNotFound(c.req.param("id"));
    return c.json({ job: toBody(job) } satisfies JobResponse);
  });

  api.post("/jobs/:id/retry", async (c) => {
    const result = await retryJob(db, idOf(c.req.param("id")), clock().toISOString());
    if (result === undefined) throw jobNotFound(c.req.param("id"));
    if (result === "not_retryable") {
      throw new ApiError(409, "job_not_retryable", "Only a dead job, or one waiting for its next attempt, can be run again.");
    }
    deps.onRetry();
    return c.json({ job: toBody(result) } satisfies JobResponse);
  });

  return api;
}

function idOf(value: string): number {
  const parsed = JobId.safeParse(value);
  if (!parsed.success) throw jobNotFound(value);
  return parsed.data;
}

function jobNotFound(id: string): ApiError {
  return new ApiError(404, "job_not_found", `No job has the id "${id}".`);
}

function toBody(job: Job): JobView {
  return {
    id: job.id,
    conversation_id: job.conversationId,
    lane: job.lane,
    type: job.type,
    status: job.status,
    running: job.running,
    attempts: job.attempts,
    next_attempt_at: job.nextAttemptAt,
    last_error: job.lastError,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
  };
}
