/**
 * `npm run screenshots:console`: the admin console's screens as PNGs in docs/screenshots/
 * (console-*.png), for the README. Starts a Parley of its own (fresh data folder, the Zendesk
 * simulator, free ports), walks through the setup as an owner would, and photographs each screen
 * in Chromium (/usr/bin/chromium, or CHROMIUM_PATH). Run `npm run build` first.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "docs", "screenshots");
const ADMIN = "screenshots-admin-token";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string): Promise<void> {
  for (let tries = 0; tries < 240; tries++) {
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within a minute`);
}

const [port, simPort] = [await freePort(), await freePort()];
const base = `http://localhost:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), "parley-screenshots-"));
const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  cwd: ROOT,
  detached: true,
  stdio: "ignore",
  env: { ...process.env, DATABASE_URL: "", PORT: String(port), ZENDESK_SIM_PORT: String(simPort), DATA_DIR: dataDir, PARLEY_ADMIN_TOKEN: ADMIN, PARLEY_LIVE: "false", PARLEY_LOG_LEVEL: "warn" },
});

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  await waitFor(`${base}/healthz`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, `console-${name}.png`), fullPage: true });
    console.log(`docs/screenshots/console-${name}.png`);
  };
  const open = async (screen: string, heading: string) => {
    await page.goto(`${base}/admin/#/${screen}`);
    await page.getByRole("heading", { name: heading, exact: true }).waitFor();
  };

  await page.goto(`${base}/admin/`);
  await shot("sign-in");
  await page.getByLabel("Admin token").fill(ADMIN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Set up your Messenger" }).waitFor();

  // A customer's conversation through the test link, so the lists have something in them.
  const setup = (await (await fetch(`${base}/admin/api/setup`, { headers: { Authorization: `Bearer ${ADMIN}` } })).json()) as { test_link: { demo_url: string } };
  const shop = await browser.newPage();
  await shop.goto(setup.test_link.demo_url);
  await shop.getByRole("button", { name: "Open Messenger" }).click();
  await shop.getByRole("button", { name: "Send us a message" }).click();
  await shop.getByRole("textbox", { name: "Message" }).fill("Which payment methods do you accept?");
  await shop.getByRole("button", { name: "Send", exact: true }).click();
  await shop.getByRole("log").getByRole("link", { name: "Payment methods" }).waitFor();
  // Then asks for a person, so the transcript shows a hand-off and why.
  await shop.getByRole("log").getByRole("button", { name: "Talk to a person", exact: true }).click();
  await shop.getByRole("log").getByText(/passed this to the team/).waitFor();
  await shop.close();

  await open("setup", "Set up your Messenger");
  await shot("setup");

  await open("zendesk", "Connect Zendesk");
  await page.getByLabel(/Determined by situation/).check();
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await page.getByLabel("Holiday (closed all day)").fill("2026-12-25");
  await page.getByRole("button", { name: "Add holiday" }).click();
  await page.getByRole("button", { name: "Save hand-off" }).click();
  await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
  await shot("zendesk");

  await open("workflow", "Build your workflow");
  await shot("workflow");

  await open("install", "Install the Messenger");
  await page.getByLabel("React").check();
  await shot("install");

  await open("test", "Test");
  await page.getByLabel("User ID").fill("42");
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByRole("button", { name: "Start test conversation" }).click();
  await page.getByText("Zendesk's requester is the user you expected.").waitFor({ timeout: 30_000 });
  await shot("test");

  await open("live", "Go live");
  await shot("go-live");

  await open("knowledge", "Knowledge");
  await shot("knowledge");

  await open("conversations", "Conversations");
  await shot("conversations");
  // The oldest: the customer who was answered, then asked for a person (the setup check came later).
  await page.getByRole("table").getByRole("button").last().click();
  await page.getByRole("list", { name: "What was decided" }).first().waitFor();
  await shot("transcript");

  // Zendesk failing for a while: the ticket job of one more test conversation waits with the error.
  const sim = `http://localhost:${simPort}`;
  const admin = { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json" };
  await fetch(`${sim}/__sim/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ status: 503, count: 1000, method: "POST", path: "api/v2/tickets.json" }) });
  await fetch(`${base}/admin/api/setup/validation`, { method: "POST", headers: admin, body: JSON.stringify({ email: "grace@example.com" }) });
  await new Promise((resolve) => setTimeout(resolve, 4000));
  await open("jobs", "Outbox");
  await page.getByLabel("Show").selectOption({ label: "All" });
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.getByRole("row").filter({ hasText: "answered 503" }).waitFor();
  await shot("outbox");
  await fetch(`${sim}/__sim/faults`, { method: "DELETE" });

  await open("setup", "Set up your Messenger");
  await shot("setup-after");
} finally {
  await browser.close();
  // The server and its simulator run in their own process group, started above.
  try {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
  rmSync(dataDir, { recursive: true, force: true });
}
