import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";
import { E2E } from "../../playwright.config";

/**
 * Ports of specs that run a Parley of their own (`npm start` with its simulator on the next port),
 * as offsets from PARLEY_E2E_PORT; the run's own server and simulator take +0 and +1, and
 * identity.spec.ts +2. One place, so two specs running side by side never pick the same port.
 */
export const OWN_PORTS = {
  liveChat: 4,
  situationOpen: 6,
  situationClosed: 8,
} as const;

const SIM_KEY = `Basic ${Buffer.from("sim-key:sim-secret").toString("base64")}`;

export interface OwnParley {
  url: string;
  simUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `npm start`'s script (Parley and its simulator) with `env` on the ports `offset` names,
 * with a fresh data folder and database; resolves once Parley is up and its Conversations API
 * webhook is registered with the simulator.
 */
export async function startOwnParley(offset: number, env: Record<string, string>): Promise<OwnParley> {
  const port = E2E.port + offset;
  const simPort = port + 1;
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
          if (!up) return false;
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
