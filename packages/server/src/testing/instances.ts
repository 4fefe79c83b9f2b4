import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { freshDatabase, type TestDatabase } from "./database";
import { type TestParley, testParley } from "./parley";

/**
 * Servers on one database and one data folder, as instances behind a load balancer share them.
 * Registers an `afterEach` that closes every server still running and removes both.
 */
export function serversOnOneDatabase(prefix: string) {
  const running: TestParley[] = [];
  let shared: { folder: string; database: TestDatabase } | undefined;
  afterEach(async () => {
    for (const server of running.splice(0)) await server.close();
    await shared?.database.dispose();
    if (shared) rmSync(shared.folder, { recursive: true, force: true });
    shared = undefined;
  });
  return {
    /** Starts one more server on the shared database (made by the first start of a test). */
    async start(env: Record<string, string> = {}, options: Omit<NonNullable<Parameters<typeof testParley>[1]>, "database" | "dataDir"> = {}): Promise<TestParley> {
      if (shared === undefined) {
        const folder = mkdtempSync(join(tmpdir(), `${prefix}-`));
        shared = { folder, database: await freshDatabase(folder) };
      }
      const server = await testParley(env, { ...options, database: shared.database, dataDir: shared.folder });
      running.push(server);
      return server;
    },
    /** Stops one server before the test ends (the database and folder stay for the next). */
    async stop(server: TestParley): Promise<void> {
      running.splice(running.indexOf(server), 1);
      await server.close();
    },
  };
}
