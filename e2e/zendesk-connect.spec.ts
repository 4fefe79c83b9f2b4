import { expect, type Page, test } from "@playwright/test";
import { startSimulator } from "@parley/zendesk-sim";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// An owner whose server was started with a Zendesk token that no longer works connects the right
// one in the console, and validates the setup at once: no restart. This file runs its own Parley,
// pointed (by its environment) at a simulator of its own.
const ADMIN = "e2e-zendesk-connect-admin-token";
const AUTH = `Basic ${Buffer.from("agent@sim.zendesk.test/token:sim-token").toString("base64")}`;

let own: OwnParley | undefined;
let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
let base = "";

test.beforeAll(async () => {
  test.setTimeout(90_000);
  simulator = await startSimulator({ port: 0 });
  own = await startOwnParley(
    {
      PARLEY_ADMIN_TOKEN: ADMIN,
      // The environment's Zendesk refuses this token: nothing reaches Zendesk until the console connects.
      ZENDESK_BASE_URL: simulator.url,
      ZENDESK_EMAIL: "agent@sim.zendesk.test",
      ZENDESK_API_TOKEN: "revoked-token",
      PARLEY_LOG_LEVEL: "silent",
    },
    { zendesk: "own" },
  );
  base = own.url;
});

test.afterAll(async () => {
  await own?.stop();
  await simulator?.close();
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
