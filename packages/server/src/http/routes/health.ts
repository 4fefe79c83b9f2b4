import { sql } from "kysely";
import { Hono } from "hono";
import type { Db } from "../../store/db";
import { appliedMigrations } from "../../store/migrations";
import type { Metrics } from "../../observability/metrics";

export interface HealthDeps {
  db: Db;
  metrics: Metrics;
  /** True once the server is shutting down: a load balancer should send no one new here. */
  shuttingDown: () => boolean;
}

/**
 * GET /readyz: 200 when this instance can serve (database answers, its migrations all ran, not
 * shutting down), else 503 saying which check failed. GET /metrics: Prometheus' text format.
 * (GET /healthz, "the process is up", stays with the app.)
 */
export function healthRoutes(deps: HealthDeps): Hono {
  const routes = new Hono();

  routes.get("/readyz", async (c) => {
    const checks = { database: false, migrations: false, accepting: !deps.shuttingDown() };
    try {
      await sql`select 1`.execute(deps.db);
      checks.database = true;
      checks.migrations = (await appliedMigrations(deps.db)).pending.length === 0;
    } catch {
      // unreachable: the checks say so
    }
    const ready = checks.database && checks.migrations && checks.accepting;
    return c.json({ status: ready ? "ready" : "not_ready", checks }, ready ? 200 : 503);
  });

  routes.get("/metrics", async (c) => {
    const text = await deps.metrics.text();
    return c.body(text, 200, { "Content-Type": deps.metrics.registry.contentType });
  });

  return routes;
}
