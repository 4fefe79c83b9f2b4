import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { E2E } from "../../playwright.config";
import { SERVER_URL } from "./host-page";

/** axe-core finds no serious or critical problem on the console page as it is now. */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const severe = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(severe.map((violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Signs in with the admin token (of the run's Parley, or of one started with the same token); the console opens on its setup home. */
export async function signIn(page: Page, serverUrl = SERVER_URL) {
  await page.goto(`${serverUrl}/admin/`);
  await page.getByLabel("Admin token").fill(E2E.adminToken);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Set up your Messenger" })).toBeVisible();
}

/** Opens a screen from the console's navigation. */
export async function openScreen(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name }).click();
}

/** The identity settings as the admin API reports them: what the server has stored, whatever the console shows. */
export async function identitySettings(serverUrl = SERVER_URL, token: string = E2E.adminToken): Promise<{ enforced: boolean; merge_unverified_contacts: { enabled: boolean } }> {
  const response = await fetch(`${serverUrl}/admin/api/identity`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await response.json()) as { identity: { enforced: boolean; merge_unverified_contacts: { enabled: boolean } } }).identity;
}
