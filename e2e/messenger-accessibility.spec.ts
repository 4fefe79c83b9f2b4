import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";

// axe-core over every view of the Messenger: no serious or critical violation in any of them.
for (const [name, settings, viewport] of [
  ["light, desktop", { action_color: "#2f6b4f", background_color: "#2f6b4f" }, { width: 1280, height: 800 }],
  ["dark, phone", { theme_mode: "dark" }, { width: 390, height: 844 }],
] as const) {
  test(`Home, help search, an article and a conversation have no serious accessibility violation (${name})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openHostPage(page, { ...newCustomer(), ...settings });
    const chat = messenger(page);
    await expect(chat.launcher).toBeVisible();
    expect(await seriousViolations(page), "launcher").toEqual([]);

    await chat.openHome();
    await expect(chat.panel.getByText("How can we help?")).toBeVisible();
    expect(await seriousViolations(page), "Home").toEqual([]);

    await chat.panel.getByRole("searchbox", { name: "Search for help" }).fill("return");
    const result = chat.panel.getByRole("button", { name: /Returns and refunds/ });
    await expect(result).toBeVisible();
    expect(await seriousViolations(page), "help search").toEqual([]);
    await result.click();
    await expect(chat.panel.getByRole("article")).toBeVisible();
    expect(await seriousViolations(page), "article").toEqual([]);

    await chat.panel.getByRole("button", { name: "Back" }).click();
    await chat.panel.getByRole("button", { name: "Back" }).click();
    await chat.send("How do I reset my password?");
    await expect(chat.button("Talk to a person")).toBeVisible();
    expect(await seriousViolations(page), "conversation").toEqual([]);
  });
}

test("the Messenger can be used with the keyboard alone, from the launcher to an answer and back", async ({ page }) => {
  await openHostPage(page, newCustomer());
  const chat = messenger(page);
  await chat.launcher.focus();
  await page.keyboard.press("Enter");
  const start = chat.panel.getByRole("button", { name: "Send us a message" });
  await expect(start).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(chat.composer).toBeFocused();
  await page.keyboard.type("Which payment methods do you accept?");
  await page.keyboard.press("Enter");
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(chat.panel).toBeHidden();
  await expect(chat.launcher).toBeFocused();
});

test("in Arabic the Messenger reads right to left, in Arabic, with no serious accessibility violation", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openHostPage(page, { ...newCustomer(), language_override: "ar" });
  await page.getByRole("button", { name: "Open Messenger" }).click();
  const panel = page.getByRole("dialog", { name: "المراسلة" });
  await expect(panel).toHaveAttribute("dir", "rtl");
  await expect(panel.getByText("كيف يمكننا مساعدتك؟")).toBeVisible();
  expect(await seriousViolations(page), "Home").toEqual([]);

  await panel.getByRole("button", { name: "أرسل لنا رسالة" }).click();
  await panel.getByRole("textbox", { name: "رسالة" }).fill("How do I reset my password?");
  await panel.getByRole("button", { name: "إرسال", exact: true }).click();
  await expect(panel.getByRole("link", { name: "Resetting your password and managing your account" })).toBeVisible();
  // The customer's messages sit on the left in a right-to-left Messenger.
  const mine = await panel.locator(".parley-message--customer").first().boundingBox();
  expect(mine && mine.x < 100).toBe(true);
  expect(await seriousViolations(page), "conversation").toEqual([]);
});
