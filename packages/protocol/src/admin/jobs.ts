import * as z from "zod/mini";

/**
 * A background job (a Zendesk call, an AI answer, a reply import) as the jobs API shows it. `dead`:
 * it failed for good, with its last error, and can be run again.
 */
export const Job = z.object({
  id: z.number(),
  conversation_id: z.string(),
  /** Which worker runs it: `zendesk`, `zendesk-inbound`, `ai`, …. */
  lane: z.string(),
  type: z.string(),
  status: z.enum(["pending", "done", "dead"]),
  running: z.boolean(),
  attempts: z.number(),
  next_attempt_at: z.string(),
  last_error: z.nullable(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Job = z.infer<typeof Job>;

/** GET /admin/api/jobs?status=…. */
export const JobListResponse = z.object({ jobs: z.array(Job) });
export type JobListResponse = z.infer<typeof JobListResponse>;

/** GET /admin/api/jobs/{id} and POST …/retry. */
export const JobResponse = z.object({ job: Job });
export type JobResponse = z.infer<typeof JobResponse>;

/** A durable timer (e.g. the hand-off when a clarifying question gets no reply), as the timers API shows it. */
export const Timer = z.object({
  id: z.number(),
  conversation_id: z.string(),
  kind: z.string(),
  status: z.enum(["pending", "fired", "cancelled", "dead"]),
  running: z.boolean(),
  attempts: z.number(),
  due_at: z.string(),
  /** Set after a failed firing: when it is tried again. */
  next_attempt_at: z.nullable(z.string()),
  last_error: z.nullable(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Timer = z.infer<typeof Timer>;

/** GET /admin/api/timers?status=…. */
export const TimerListResponse = z.object({ timers: z.array(Timer) });
export type TimerListResponse = z.infer<typeof TimerListResponse>;

/** GET /admin/api/timers/{id} and POST …/retry. */
export const TimerResponse = z.object({ timer: Timer });
export type TimerResponse = z.infer<typeof TimerResponse>;
