import { startSimulator } from "./index";

/** Runs the simulator on its own: `npx tsx packages/zendesk-sim/src/main.ts`. */
async function main(): Promise<void> {
  const portText = process.env.ZENDESK_SIM_PORT ?? "8788";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`ZENDESK_SIM_PORT must be a port number, not "${portText}"`);
  }
  const dataFile = process.env.ZENDESK_SIM_DATA || undefined;
  const { url, simulator, close } = await startSimulator({ port, ...(dataFile ? { dataFile } : {}) });
  const { email, apiToken, subdomain, webhookSigningSecret } = simulator.credentials;
  console.log(`Zendesk simulator (subdomain "${subdomain}") listening on ${url}`);
  console.log(`  Support API:   ${url}/api/v2`);
  console.log(`  Agent page:    ${url}/agent`);
  console.log(`  Credentials:   ${email} / API token ${apiToken} (Basic "${email}/token:${apiToken}")`);
  console.log(`  Webhook signing secret (default): ${webhookSigningSecret}`);
  console.log(`  Data file:     ${dataFile ?? "none (in memory)"}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`zendesk-sim: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
