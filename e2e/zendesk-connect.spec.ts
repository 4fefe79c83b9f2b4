import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { startSimulator } from "@parley/zendesk-sim";
import { E2E } from "../playwright.config";

// An owner whose server was started with a Zendesk token that no longer works connects the right
// one in the console, and validates the setup at once: no restart. This file runs its own Parley,
// pointed (by its environment) at a simulator of its own.
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ADMIN = "e2e-zendesk-connect-admin-token";
const AUTH = `Basic ${Buffer.from("agent@sim.zendesk.test/token:sim-token").toString("base64")}`;

let server: ChildProcess | undefined;
let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
let dataDir = "";
let base = "";

async function freePort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, resolve));
  const { port } = listener.address() as AddressInfo;
  await new Promise((resolve) => listener.close(resolve));
  return port;
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  simulator = await startSimulator({ port: await freePort() });
  const port = await freePort();
  base = `http://localhost:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), "parley-e2e-zendesk-connect-"));
  server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      DATABASE_URL: "",
      PORT: String(port),
      DATA_DIR: dataDir,
      PARLEY_APP_ID: E2E.appId,
      PARLEY_IDENTITY_SECRET: E2E.identitySecret,
      PARLEY_ADMIN_TOKEN: ADMIN,
      // The environment's Zendesk refuses this token: nothing reaches Zendesk until the console connects.
      ZENDESK_BASE_URL: simulator.url,
      ZENDESK_EMAIL: "agent@sim.zendesk.test",
      ZENDESK_API_TOKEN: "revoked-token",
      PARLEY_LOG_LEVEL: "silent",
    },
  });
  await expect.poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status, { timeout: 60_000, intervals: [250] }).toBe(200);
});

test.afterAll(async () => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  await simulator?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page) {
  await page.goto(`${base}/admin/`);
  await page.getByLabel("Admin token").fill(ADMIN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Set up your Messenger" })).toBeVisible();
}

async function openScreen(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name }).click();
}

test("a Zendesk connection made in the console works at once: the setup validates without a restart", async ({ page }) => {
  await signIn(page);
  await openScreen(page, "Connect Zendesk");
  await expect(page.getByRole("heading", { name: "Connect Zendesk", level: 1 })).toBeVisible();
  await expect(page.getByText(/next start|restart/i)).toHaveCount(0);
  const support = page.getByRole("form", { name: /Zendesk API/ });
  await support.getByLabel("Subdomain").fill("sim");
  await support.getByLabel("Agent email").fill("agent@sim.zendesk.test");
  await support.getByLabel("API token").fill("sim-token");
  await support.getByLabel("Zendesk address (optional)").fill(simulator!.url);
  await support.getByRole("button", { name: "Connect" }).click();
  await expect(support.getByRole("status")).toContainText("Connected to sim as");

  await openScreen(page, "Test");
  const check = page.getByRole("form", { name: "Validate your setup in Zendesk" });
  await check.getByLabel("User ID").fill("Owner-12");
  await check.getByLabel("Email").fill("owner12@example.com");
  await check.getByRole("button", { name: "Start test conversation" }).click();
  await expect(check.getByRole("status").filter({ hasText: "requester" })).toHaveText("Zendesk's requester is the user you expected.", { timeout: 20_000 });
  await expect(check.getByRole("row").filter({ hasText: "external_id" }).getByRole("cell")).toHaveText(["owner-12", "owner-12"]);
  await expect(check.getByRole("link", { name: /Zendesk ticket #\d+/ })).toHaveAttribute("href", new RegExp(`^${simulator!.url}/agent/tickets/\\d+$`));

  // The ticket is in the Zendesk the console connected.
  const tickets = (await (await fetch(`${simulator!.url}/api/v2/tickets.json`, { headers: { Authorization: AUTH } })).json()) as { tickets: { tags: string[] }[] };
  expect(tickets.tickets).toHaveLength(1);
  expect(tickets.tickets[0]?.tags).toContain("intercom-messenger");

  await openScreen(page, "Setup");
  const steps = page.getByRole("main").getByRole("listitem");
  await expect(steps.nth(0)).toContainText("Connect Zendesk");
  await expect(steps.nth(0)).toContainText("Done");
  await expect(steps.nth(3)).toContainText("Zendesk got the requester expected");
});
