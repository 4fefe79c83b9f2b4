import type { Timer as TimerView, TimerListResponse, TimerResponse } from "@parley/protocol";
import { Hono } from "hono";
import { z } from "zod";
import type { Config } from "../../config";
import type { Db } from "../../store/db";
import { getTimer, listTimers, retryTimer, type Timer } from "../../store/timers";
import { requireAdminToken } from "../admin-auth";
import { validate } from "../body";
import { ApiError } from "../errors";

export interface AdminTimersDeps {
  config: Pick<Config, "adminToken">;
  db: Db;
  clock: () => Date;
  /** Called after a timer was made due again, with when it is due (now). */
  onRetry: (dueAt: string) => void;
}

const ListQuery = z.object({
  status: z.enum(["pending", "fired", "cancelled", "dead"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const TimerId = z.coerce.number().int().positive();

/**
 * The admin API's durable timers (e.g. the hand-off when a clarifying question gets no answer):
 * /admin/api/timers. A timer whose firing failed for good (`dead`) shows its last error here and
 * can be run again; it still fires at most once, and not at all if its conversation moved on.
 */
export function adminTimers(deps: AdminTimersDeps): Hono {
  const { db, clock } = deps;
  const api = new Hono();
  api.use("/timers", requireAdminToken(deps.config));
  api.use("/timers/*", requireAdminToken(deps.config));

  api.get("/timers", async (c) => {
    const query = validate(c.req.query(), ListQuery);
    const timers = await listTimers(db, { limit: query.limit, ...(query.status && { status: query.status }) });
    return c.json({ timers: timers.map(toBody) } satisfies TimerListResponse);
  });

  api.get("/timers/:id", async (c) => {
    const timer = await getTimer(db, idOf(c.req.param("id")));
    if (!timer) throw timerNotFound(c.req.param("id"));
    return c.json({ timer: toBody(timer) } satisfies TimerResponse);
  });

  api.post("/timers/:id/retry", async (c) => {
    const now = clock().toISOString();
    const result = await retryTimer(db, idOf(c.req.param("id")), now);
    if (result === undefined) throw timerNotFound(c.req.param("id"));
    if (result === "not_retryable") {
      throw new ApiError(409, "timer_not_retryable", "Only a dead timer, or one waiting for its next attempt after a failure, can be run again.");
    }
    deps.onRetry(now);
    return c.json({ timer: toBody(result) } satisfies TimerResponse);
  });

  return api;
}

function idOf(value: string): number {
  const parsed = TimerId.safeParse(value);
  if (!parsed.success) throw timerNotFound(value);
  return parsed.data;
}

function timerNotFound(id: string): ApiError {
  return new ApiError(404, "timer_not_found", `No timer has the id "${id}".`);
}

function toBody(timer: Timer): TimerView {
  return {
    id: timer.id,
    conversation_id: timer.conversationId,
    kind: timer.kind,
    status: timer.status,
    running: timer.running,
    attempts: timer.attempts,
    due_at: timer.dueAt,
    next_attempt_at: timer.nextAttemptAt,
    last_error: timer.lastError,
    created_at: timer.createdAt,
    updated_at: timer.updatedAt,
  };
}
