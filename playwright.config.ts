import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

// The browser tests run against a server started for the run, on ports of their own, with a fresh
// data folder, so they never touch a developer's `npm start` or its data.
// PARLEY_E2E_PORT moves both ports (the simulator takes the next one), so two checkouts can run
// their browser tests side by side.
const e2ePort = Number(process.env.PARLEY_E2E_PORT ?? 8797);
export const E2E = {
  port: e2ePort,
  simPort: e2ePort + 1,
  appId: "demo",
  identitySecret: "e2e-identity-secret-0123456789",
  adminToken: "e2e-admin-token-0123456789",
  adminPassword: "e2e-owner-password",
  // `npx parley password` of adminPassword.
  adminPasswordHash: "scrypt$16384$8$1$6v-6fRZAU-2DYPRuW8hmMw$r5aG-I182oIqpZ82vE17MjjezbmGjfJXVNlYW9-gTEM",
} as const;
process.env.PARLEY_E2E_DATA ??= mkdtempSync(join(tmpdir(), "parley-e2e-"));

/**
 * Specs the PostgreSQL pass of `npm test` (DATABASE_URL set) leaves out, because there they would
 * run exactly as in the SQLite pass: every test of these talks only to a Parley the spec starts
 * itself, which is on SQLite whatever DATABASE_URL says (e2e/support/own-parley.ts), or, for
 * launcher-speed, times the launcher's drawing in the browser. Every other spec, a new one too, runs
 * in both passes; one that comes to use the run's server leaves this list.
 */
const SAME_ON_EITHER_DATABASE = [
  "console-install",
  "console-test-step",
  "console-workflow",
  "console-zendesk",
  "identity",
  "launcher-speed",
  "live-chat",
  "setup",
  "situation",
  "zendesk-connect",
].map((name) => `**/${name}.spec.ts`);

export default defineConfig({
  testDir: "e2e",
  // `*.postgres.spec.ts` start several instances on one PostgreSQL: they belong to the PostgreSQL pass only.
  testIgnore: process.env.DATABASE_URL ? SAME_ON_EITHER_DATABASE : ["**/*.postgres.spec.ts"],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${E2E.port}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `http://localhost:${E2E.port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      PORT: String(E2E.port),
      ZENDESK_SIM_PORT: String(E2E.simPort),
      DATA_DIR: process.env.PARLEY_E2E_DATA,
      PARLEY_APP_ID: E2E.appId,
      PARLEY_IDENTITY_SECRET: E2E.identitySecret,
      PARLEY_ADMIN_TOKEN: E2E.adminToken,
      PARLEY_ADMIN_PASSWORD_HASH: E2E.adminPasswordHash,
      PARLEY_LOG_LEVEL: process.env.PARLEY_LOG_LEVEL ?? "warn",
    },
  },
});
