import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { expectAccessible, openScreen, signIn } from "./support/console";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// A Parley of its own: the connections made here replace the ones the run's other specs rely on.
let own: OwnParley;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  own = await startOwnParley({ PARLEY_ADMIN_TOKEN: E2E.adminToken });
});
test.afterAll(async () => {
  await own?.stop();
});

/** An address on this machine where nothing listens (port 9, discard, is never served here). */
const NOWHERE = "http://127.0.0.1:9";

test("an owner connects with an OAuth token; a revoked token, a wrong secret and an address where nothing answers are each named at their field", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, own.url);
  await openScreen(page, "Connect Zendesk");

  // The Zendesk API by OAuth token: a revoked one is refused at its field, the right one connects.
  const support = page.getByRole("form", { name: /Zendesk API/ });
  await support.getByRole("button", { name: "Use an OAuth token instead" }).click();
  await expect(support.getByLabel("Agent email")).toHaveCount(0);
  await support.getByLabel("Subdomain").fill("sim");
  await support.getByLabel("OAuth token").fill("revoked-oauth-token");
  await support.getByLabel("Zendesk address (optional)").fill(own.simUrl);
  await support.getByRole("button", { name: "Connect" }).click();
  await expect(support.getByLabel("OAuth token")).toHaveAttribute("aria-invalid", "true");
  await expect(support.getByRole("alert")).toContainText("did not accept the OAuth token");
  await support.getByLabel("OAuth token").fill("sim-oauth-token");
  await support.getByRole("button", { name: "Connect" }).click();
  await expect(support.getByRole("status")).toContainText("Connected to sim as");
  await expect(support.getByLabel("OAuth token")).toHaveAttribute("aria-invalid", "false");

  // The Conversations API: an address where nothing answers is that field's fault, not the subdomain's.
  const live = page.getByRole("form", { name: /Conversations API/ });
  await live.getByLabel("Subdomain").fill("sim");
  await live.getByLabel("App ID").fill("sim-app");
  await live.getByLabel("Key ID").fill("sim-key");
  await live.getByLabel("Secret").fill("sim-secret");
  await live.getByLabel("Conversations API address (optional)").fill(NOWHERE);
  await live.getByRole("button", { name: "Connect" }).click();
  await expect(live.getByLabel("Conversations API address (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(live.getByRole("alert")).toContainText(`Nothing answers at ${NOWHERE}`);
  await expect(live.getByLabel("Subdomain")).toHaveAttribute("aria-invalid", "false");
  await expectAccessible(page);

  // A wrong secret is named at the secret; the right one connects, and live chat is ready.
  await live.getByLabel("Conversations API address (optional)").fill(own.simUrl);
  await live.getByLabel("Secret").fill("not-the-secret");
  await live.getByRole("button", { name: "Connect" }).click();
  await expect(live.getByLabel("Secret")).toHaveAttribute("aria-invalid", "true");
  await expect(live.getByRole("alert")).toContainText("did not accept the key id and secret");
  await live.getByLabel("Secret").fill("sim-secret");
  await live.getByRole("button", { name: "Connect" }).click();
  await expect(live.getByRole("status").filter({ hasText: "Live chat is ready" })).toBeVisible();
  await expectAccessible(page);
});
