import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "./config";
import { createParley, listen } from "./server";

/** Starts the server from the environment: `tsx packages/server/src/main.ts`. */
export async function main(): Promise<void> {
  try {
    const config = loadConfig();
    const parley = await createParley(config, { widgetDir: fileURLToPath(new URL("../../messenger/dist", import.meta.url)) });
    const server = await listen(parley, config.port);
    parley.start();
    const base = config.publicUrl ?? server.url;
    console.log(`Parley is running at ${base}`);
    console.log(`  demo page:   ${base}/`);
    console.log(`  widget:      ${base}/widget/${config.app.id}`);
    console.log(`  admin:       ${config.adminToken ? `${base}/admin` : "off (set PARLEY_ADMIN_TOKEN to sign in at /admin)"}`);
    console.log(`  knowledge:   ${parley.knowledge.current().articles.length} articles from ${config.knowledgeDir} and the admin API`);
    console.log(`  ai agent:    ${config.llm ? `${config.llm.provider} ${config.llm.model} at ${config.llm.baseUrl}, built-in answerer as fallback` : "built-in answerer"}`);
    console.log(`  zendesk:     ${config.zendesk ? config.zendesk.baseUrl : "not configured (conversations are not mirrored)"}`);
    console.log(`  email:       ${parley.emailDestination}`);
    const shutdown = async () => {
      await server.close();
      await parley.stop();
      process.exit(0);
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
