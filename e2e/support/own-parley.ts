import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";
import { E2E } from "../../playwright.config";

const SIM_KEY = `Basic ${Buffer.from("sim-key:sim-secret").toString("base64")}`;

export interface OwnParley {
  url: string;
  simUrl: string;
  stop(): Promise<void>;
}

/** A port nobody listens on now: the system's choice, so specs running side by side never collide. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `npm start`'s script (Parley and its simulator) with `env` on free ports, with a fresh
 * data folder and database; resolves once Parley is up and its Conversations API webhook is
 * registered with the simulator. With `zendesk: "own"` the environment names the Zendesk to use
 * (a simulator the spec started, say): no simulator is started, and Parley being up is enough.
 */
export async function startOwnParley(env: Record<string, string>, options: { zendesk?: "simulator" | "own" } = {}): Promise<OwnParley> {
  const withSimulator = options.zendesk !== "own";
  const [port, simPort] = [await freePort(), await freePort()];
  const url = `http://localhost:${port}`;
  const simUrl = `http://localhost:${simPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), "parley-e2e-own-"));
  // Its own process group, so stopping it stops tsx's child process too.
  const server: ChildProcess = spawn("node_modules/.bin/tsx", ["scripts/start.ts"], {
    detached: true,
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    env: {
      ...process.env,
      // Its own database (SQLite in its data folder): a server with other settings must not share the run's.
      DATABASE_URL: "",
      PORT: String(port),
      ZENDESK_SIM_PORT: String(simPort),
      DATA_DIR: dataDir,
      PARLEY_APP_ID: E2E.appId,
      PARLEY_IDENTITY_SECRET: E2E.identitySecret,
      ...env,
    },
    stdio: "ignore",
  });
  const stop = async () => {
    if (server.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      process.kill(-server.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await expect
      .poll(
        async () => {
          const up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
          if (!up || !withSimulator) return up;
          const listed = await fetch(`${simUrl}/v2/apps/sim-app/integrations`, { headers: { Authorization: SIM_KEY } }).then(
            (r) => r.json() as Promise<{ integrations?: unknown[] }>,
            (): { integrations?: unknown[] } => ({}),
          );
          return (listed.integrations?.length ?? 0) > 0;
        },
        { timeout: 60_000, intervals: [250] },
      )
      .toBe(true);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, simUrl, stop };
}
