import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { SERVER_URL } from "./support/host-page";
import { ZENDESK_URL } from "./support/zendesk";

test("an owner imports the Zendesk help center from the Knowledge screen and finds its articles there", async ({ page }) => {
  // The help center in the Zendesk the server is connected to (the simulator): a topic no demo article covers.
  const seeded = await fetch(`${ZENDESK_URL}/__sim/help-center/articles`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      articles: [
        {
          title: "Kayak storage lockers",
          body: "<p>Members can rent a kayak storage locker at the lakeside store for 15 dollars a month.</p>",
          translations: [{ locale: "fr", title: "Casiers à kayak", body: "<p>Les membres peuvent louer un casier à kayak.</p>" }],
        },
        { title: "Kayak lessons (unpublished)", body: "<p>Soon.</p>", draft: true },
      ],
    }),
  });
  expect(seeded.status).toBe(201);

  await page.goto(`${SERVER_URL}/admin/`);
  await page.getByLabel("Admin token").fill(E2E.adminToken);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Knowledge" }).click();
  await page.getByRole("button", { name: "Import from Zendesk Guide" }).click();

  await expect(page.getByRole("status")).toContainText(/Imported from Zendesk Guide: \d+ added, \d+ updated, \d+ removed, \d+ unchanged, \d+ skipped\./);
  await page.getByText(/^Not imported/).click();
  await expect(page.getByText("“Kayak lessons (unpublished)” (en-us): it is a draft in Zendesk Guide")).toBeVisible();
  await page.getByLabel("Search articles").fill("kayak");
  await expect(page.getByRole("button", { name: "Kayak storage lockers" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Casiers à kayak" })).toBeVisible();
  await page.screenshot({ path: "test-results/guide-import-knowledge.png", fullPage: true });
});
