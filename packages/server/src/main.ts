import { fileURLToPath } from "node:url";
import { clockStartingAt } from "./clock";
import { ConfigError, loadConfig } from "./config";
import { createParley, listen } from "./server";

/** Kubernetes waits 30 s by default, many others 10 s: stay well inside. */
const SHUTDOWN_DEADLINE_MS = 9000;

/** Starts the server from the environment: `tsx packages/server/src/main.ts`. */
export async function main(): Promise<void> {
  try {
    const config = loadConfig();
    const parley = await createParley(config, {
      widgetDir: fileURLToPath(new URL("../../messenger/dist", import.meta.url)),
      ...(config.fakeClockStart && { clock: clockStartingAt(config.fakeClockStart) }),
    });
    const server = await listen(parley, config.port);
    parley.start();
    const base = config.publicUrl ?? server.url;
    console.log(`Parley is running at ${base}`);
    console.log(`  demo page:   ${base}/`);
    console.log(`  widget:      ${base}/widget/${config.app.id}`);
    console.log(`  admin:       ${config.adminToken || config.adminTokenHash ? `${base}/admin` : "off (set PARLEY_ADMIN_TOKEN to sign in at /admin)"}`);
    console.log(`  knowledge:   ${parley.knowledge.current().articles.length} articles from ${config.knowledgeDir} and the admin API`);
    console.log(`  ai agent:    ${config.llm ? `${config.llm.provider} ${config.llm.model} at ${config.llm.baseUrl}, built-in answerer as fallback` : "built-in answerer"}`);
    console.log(`  zendesk:     ${parley.zendeskUrl() ?? "not configured (conversations are not mirrored)"}`);
    console.log(`  email:       ${parley.emailDestination}`);
    if (config.fakeClockStart) console.log(`  clock:       fake, started at ${config.fakeClockStart.toISOString()} (PARLEY_FAKE_CLOCK_START; never in production)`);
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: shutting down (open streams reconnect elsewhere, running jobs finish or are handed back)`);
      // Whatever happens below, the process is gone within the deadline an orchestrator allows.
      setTimeout(() => {
        console.error(`Shutdown took over ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting now; unfinished jobs run again when their leases expire.`);
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      try {
        await server.close();
        await parley.stop();
        process.exit(0);
      } catch (error) {
        console.error("Shutdown failed:", error);
        process.exit(1);
      }
    };
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

// Run directly (not when bundled into another entry, whose file would match too).
if (process.argv[1] && /main\.[jt]s$/.test(process.argv[1]) && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
