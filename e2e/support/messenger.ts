import { type Browser, expect, type Page } from "@playwright/test";
import { E2E } from "../../playwright.config";

/** The Messenger as a person (and assistive technology) finds it on a page. */
export function messenger(page: Page) {
  const panel = page.getByRole("dialog", { name: "Messenger" });
  const log = panel.getByRole("log");
  const composer = panel.getByRole("textbox", { name: "Message" });
  return {
    launcher: page.getByRole("button", { name: "Open Messenger" }),
    closer: page.getByRole("button", { name: "Close Messenger" }),
    panel,
    log,
    composer,
    /** Opens the Messenger on its Home screen. */
    async openHome() {
      await page.getByRole("button", { name: "Open Messenger" }).click();
      await expect(panel).toBeVisible();
    },
    /** Opens the Messenger and goes from Home to the conversation, as a customer does. */
    async open() {
      await page.getByRole("button", { name: "Open Messenger" }).click();
      await expect(panel).toBeVisible();
      await panel.getByRole("button", { name: "Send us a message" }).click();
      await expect(composer).toBeVisible();
    },
    /** Types and sends a message; from Home, first goes to the conversation as a customer does. */
    async send(text: string) {
      if (!(await composer.isVisible())) await panel.getByRole("button", { name: "Send us a message" }).click();
      await composer.fill(text);
      await panel.getByRole("button", { name: "Send", exact: true }).click();
    },
    button(name: string) {
      return log.getByRole("button", { name, exact: true });
    },
  };
}

/**
 * A visitor's fresh browser (nothing kept from another tab) opening `url`: whether the Messenger's
 * launcher shows. Test mode's loader decides at once; a Messenger that is coming gets the time to draw.
 */
export async function launcherShows(browser: Browser, url: string): Promise<boolean> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const loader = page.waitForResponse((response) => new URL(response.url()).pathname === `/widget/${E2E.appId}`);
    await page.goto(url);
    await loader;
    return await messenger(page)
      .launcher.waitFor({ timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
  } finally {
    await context.close();
  }
}
