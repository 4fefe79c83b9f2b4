import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";

// Live hand-off needs PARLEY_HANDOFF_MODE=live, so this spec runs a Parley (and its simulator) of
// its own on the two ports after the run's, with a fresh data folder.
const PORT = E2E.port + 2;
const SIM_PORT = E2E.port + 3;
const PARLEY = `http://localhost:${PORT}`;
const SIM = `http://localhost:${SIM_PORT}`;
const KEY = `Basic ${Buffer.from("sim-key:sim-secret").toString("base64")}`;

let server: ChildProcess | undefined;
let dataDir: string | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "parley-e2e-live-"));
  // Its own process group, so stopping it stops tsx's child process too.
  server = spawn("node_modules/.bin/tsx", ["scripts/start.ts"], {
    detached: true,
    cwd: new URL("..", import.meta.url).pathname,
    env: {
      ...process.env,
      // Its own database (SQLite in its data folder): a server with other settings must not share the run's.
      DATABASE_URL: "",
      PORT: String(PORT),
      ZENDESK_SIM_PORT: String(SIM_PORT),
      DATA_DIR: dataDir,
      PARLEY_APP_ID: E2E.appId,
      PARLEY_IDENTITY_SECRET: E2E.identitySecret,
      PARLEY_HANDOFF_MODE: "live",
    },
    stdio: "ignore",
  });
  // Ready when Parley answers and its webhook is registered with the simulator's Conversations API.
  await expect
    .poll(
      async () => {
        const health = await fetch(`${PARLEY}/healthz`).then((r) => r.ok, () => false);
        if (!health) return false;
        const listed = await fetch(`${SIM}/v2/apps/sim-app/integrations`, { headers: { Authorization: KEY } }).then(
          (r) => r.json() as Promise<{ integrations?: unknown[] }>,
          (): { integrations?: unknown[] } => ({}),
        );
        return (listed.integrations?.length ?? 0) > 0;
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(true);
});

test.afterAll(async () => {
  if (server?.pid) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("live chat: the hand-off reaches the agent workspace, the agent and the customer talk, and the agent solves it", async ({ page, context }) => {
  test.setTimeout(60_000);
  const customer = newCustomer("Ada Lovelace");
  await openHostPage(page, customer, { serverUrl: PARLEY });
  const chat = messenger(page);
  await chat.open();
  await chat.send("Can I bring my dog to your store?");
  await expect(chat.log.getByText(/passed your question to the team/)).toBeVisible();

  // The agent opens the live chat in the agent workspace: the transcript is there.
  const agent = await context.newPage();
  const link = agent.getByRole("table", { name: "Live chats" }).getByRole("link", { name: "Ada Lovelace" });
  await expect
    .poll(async () => {
      await agent.goto(`${SIM}/agent/conversations`);
      return link.count();
    }, { timeout: 10_000 })
    .toBeGreaterThan(0);
  await link.first().click();
  const messages = agent.getByRole("list", { name: "Messages" });
  await expect(messages.getByText("Can I bring my dog to your store?")).toBeVisible();
  await expect(agent.getByRole("complementary", { name: "Conversation details" })).toContainText("Agent workspace");

  await agent.getByRole("textbox", { name: "Reply" }).fill("Hi Ada, dogs on a leash are welcome!");
  await agent.getByRole("button", { name: "Send reply" }).click();

  // The reply appears in the Messenger, as the agent's.
  await expect(chat.log.getByText("Hi Ada, dogs on a leash are welcome!")).toBeVisible({ timeout: 10_000 });
  await expect(chat.log.getByText("Alex", { exact: true })).toBeVisible();

  // The customer answers; the agent sees it (the agent page refreshes itself).
  await chat.send("Great! Even a big one?");
  await expect(messages.getByText("Great! Even a big one?")).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: test.info().outputPath("messenger-live-chat.png") });
  await agent.screenshot({ path: test.info().outputPath("agent-live-chat.png"), fullPage: true });

  // The agent solves: control goes back, and the agent workspace no longer has the conversation.
  await agent.getByRole("button", { name: "Solve and hand back" }).click();
  await expect(agent.getByRole("complementary", { name: "Conversation details" })).toContainText("Nobody (released)");
  await expect(agent.getByRole("button", { name: "Send reply" })).toHaveCount(0);
});
