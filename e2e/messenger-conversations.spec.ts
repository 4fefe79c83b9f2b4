import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";

// Several conversations per customer, as in Intercom's Messenger: the messages space lists them,
// one opens with its own history, and a new one can be started at any time.
for (const [name, settings, viewport] of [
  ["light, desktop", {}, { width: 1280, height: 800 }],
  ["dark, phone", { theme_mode: "dark" }, { width: 390, height: 844 }],
] as const) {
  test(`a customer finds an earlier conversation in the messages space, reads it, and starts another (${name})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const errors: Error[] = [];
    page.on("pageerror", (error) => errors.push(error));
    await openHostPage(page, { ...newCustomer("Mae Jemison"), ...settings });
    const chat = messenger(page);

    await chat.open();
    await chat.send("Which payment methods do you accept?");
    await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
    await chat.button("That helped").click();
    await expect(chat.log.getByText(/glad that helped/i)).toBeVisible();
    // Done with the AI agent: a fresh conversation for the next question.
    await chat.panel.getByRole("button", { name: "New conversation" }).click();
    await expect(chat.log).not.toContainText("payment methods");
    await chat.send("How do I reset my password?");
    await expect(chat.log.getByRole("link", { name: "Resetting your password and managing your account" })).toBeVisible();

    await chat.panel.getByRole("button", { name: "Back" }).click();
    await chat.panel.getByRole("button", { name: "See all your conversations" }).click();
    await expect(chat.panel.getByRole("heading", { name: "Messages" })).toBeVisible();
    const conversations = chat.panel.getByRole("list", { name: "Messages" }).getByRole("listitem");
    await expect(conversations).toHaveCount(2);
    // The latest first: the password question's answer, then the payment one.
    await expect(conversations.nth(0)).toContainText(/password/i);
    await expect(conversations.nth(1)).toContainText(/pay|Thanks|glad/i);
    expect(await seriousViolations(page), "messages space").toEqual([]);

    await conversations.nth(1).getByRole("button").click();
    await expect(chat.log.getByText("Which payment methods do you accept?")).toBeVisible();
    await expect(chat.log).not.toContainText("How do I reset my password?");

    // Back to the list it was opened from; a new conversation from there.
    await chat.panel.getByRole("button", { name: "Back" }).click();
    await expect(chat.panel.getByRole("heading", { name: "Messages" })).toBeVisible();
    await chat.panel.getByRole("button", { name: "Send us a message" }).click();
    await expect(chat.composer).toBeFocused();
    await expect(chat.log).not.toContainText("Which payment methods do you accept?");
    // The AI's greeting may be there already: wait for its reply to this question.
    const aiMessages = chat.log.locator(".parley-message--ai");
    const before = await aiMessages.count();
    await chat.send("Do you ship to Iceland?");
    await expect.poll(() => aiMessages.count()).toBeGreaterThan(before);
    await chat.panel.getByRole("button", { name: "Back" }).click();
    await expect(conversations).toHaveCount(3);
    // The new one first; the password one moved down.
    await expect(conversations.nth(1)).toContainText(/password/i);
    expect(errors).toEqual([]);
  });
}
