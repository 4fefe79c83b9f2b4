import { expect, test } from "@playwright/test";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";
import { ticketFor, ZENDESK_URL } from "./support/zendesk";

test("Home greets the customer, finds a help article and opens it in the Messenger, then leads into a conversation", async ({ page }) => {
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  await openHostPage(page, { ...newCustomer("Grace Hopper"), action_color: "#2f6b4f", background_color: "#2f6b4f" });
  const chat = messenger(page);
  await chat.openHome();

  await expect(chat.panel.getByText("Hi Grace")).toBeVisible();
  await expect(chat.panel.getByText("How can we help?")).toBeVisible();
  const start = chat.panel.getByRole("button", { name: "Send us a message" });
  await expect(start).toBeFocused();
  // The brand colour the page set for Intercom paints the launcher.
  const launcherColour = await chat.closer.evaluate((button) => getComputedStyle(button).backgroundColor);
  expect(launcherColour).toBe("rgb(47, 107, 79)");

  await chat.panel.getByRole("searchbox", { name: "Search for help" }).fill("exchange a size");
  await chat.panel.getByRole("button", { name: /Exchanging an item for a different size or color/ }).click();
  const article = chat.panel.getByRole("article");
  await expect(article.getByRole("heading", { name: "Exchanging an item for a different size or color" })).toBeVisible();
  await expect(article.getByRole("link", { name: "Open in the help center" })).toHaveAttribute("href", /\/help\/exchanges$/);

  await chat.panel.getByRole("button", { name: "Back" }).click();
  await chat.panel.getByRole("button", { name: "Back" }).click();
  await start.click();
  await expect(chat.composer).toBeFocused();
  await chat.send("How do I reset my password?");
  const answer = chat.log.locator(".parley-message--ai").last();
  await expect(answer.getByRole("link", { name: "Resetting your password and managing your account" })).toBeVisible();
  await expect(answer.getByText("AI Agent")).toHaveCount(1);
  await expect(answer.locator("time")).toHaveCount(1);

  await chat.panel.getByRole("button", { name: "Back" }).click();
  await expect(chat.panel.getByRole("button", { name: "Continue the conversation" })).toBeVisible();
  await expect(chat.panel.getByText(/password/i).first()).toBeVisible(); // the latest message, on Home
  expect(errors).toEqual([]);
});

test("after a hand-off the note waits at the end of the log; the agent's reply replaces it and reads as a person", async ({ page, context }) => {
  const customer = newCustomer("Ada Byron");
  await openHostPage(page, customer);
  const chat = messenger(page);
  await chat.open();
  await chat.send("I need to talk to a human please");
  const note = chat.log.getByText(/reply here as soon as they can/);
  await expect(note).toBeVisible();
  // Inline in the log, under the last message, never over it.
  const last = await chat.log.locator(".parley-message").last().boundingBox();
  const noteBox = await note.boundingBox();
  expect(last && noteBox && noteBox.y >= last.y + last.height).toBe(true);

  const ticket = await ticketFor((user) => user.external_id === customer.user_id, (t) => t.tags.includes("fin-routed-to-team"));
  const agent = await context.newPage();
  await agent.goto(`${ZENDESK_URL}/agent/tickets/${ticket.id}`);
  await agent.getByRole("textbox", { name: "Reply" }).fill("Hi Ada, Sam here. How can I help?");
  await agent.getByRole("button", { name: "Send reply" }).click();

  const reply = chat.log.locator(".parley-message--agent").filter({ hasText: "Sam here" });
  await expect(reply).toBeVisible();
  await expect(reply).toContainText("Team");
  await expect(reply).not.toContainText("AI Agent");
  await expect(note).toHaveCount(0);
});

test("on a phone the Messenger fills the screen, its header stays on one line, and Close is there", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openHostPage(page, newCustomer());
  const chat = messenger(page);
  await chat.open();
  await chat.send("I need to talk to a human please");
  await expect(chat.log.getByText(/reply here as soon as they can/)).toBeVisible();

  const panel = await chat.panel.boundingBox();
  expect(panel).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
  const title = chat.panel.locator(".parley-header__title");
  const titleBox = await title.boundingBox();
  expect(titleBox && titleBox.height < 24).toBe(true);
  await chat.panel.getByRole("button", { name: "Close", exact: true }).click();
  await expect(chat.panel).toBeHidden();
  await expect(chat.launcher).toBeFocused();
});

test("the Intercom web API drives the Messenger from the host page", async ({ page }) => {
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  await openHostPage(
    page,
    { ...newCustomer(), hide_default_launcher: true, custom_launcher_selector: "#help" },
    {
      before: "window.events = [];",
      body: `<button id="help">Help</button><script>
        Intercom('onShow', function () { events.push('shown'); });
        Intercom('onHide', function () { events.push('hidden'); });
        Intercom('ready', function () { events.push('ready'); });
        Intercom('onUnreadCountChange', function (count) { events.push('unread:' + count); });
      </script>`,
    },
  );
  const chat = messenger(page);
  const call = (...args: unknown[]) =>
    page.evaluate((args) => (window as unknown as { Intercom: (...a: unknown[]) => unknown }).Intercom(...args), args);
  await expect.poll(() => page.evaluate(() => (window as unknown as { events: string[] }).events)).toContain("ready");
  await expect(chat.launcher).toHaveCount(0);

  await page.getByRole("button", { name: "Help" }).click();
  await expect(chat.panel).toBeVisible();
  await call("hide");
  await expect(chat.panel).toBeHidden();

  await call("showNewMessage", "I'd like to change my order");
  await expect(chat.composer).toHaveValue("I'd like to change my order");
  await call("showSpace", "help");
  await expect(chat.panel.getByRole("searchbox", { name: "Search for help" })).toBeVisible();
  await call("showArticle", "exchanges");
  await expect(chat.panel.getByRole("heading", { name: "Exchanging an item for a different size or color" })).toBeVisible();
  await call("startConversation", "Which payment methods do you accept?");
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();

  expect(typeof (await call("getVisitorId"))).toBe("string");
  expect(await call("whoami")).toMatchObject({ app_id: "demo", anonymous: false });
  for (const command of ["startTour", "showNews", "startSurvey", "startChecklist", "showTicket", "noSuchCommand"]) await call(command, 1);
  await call("trackEvent", "viewed-pricing", { plan: "pro" });
  await call("update", { plan: "pro" });
  await call("shutdown");
  await expect(chat.panel).toHaveCount(0);
  await call("boot", { app_id: "demo" });
  await call("show");
  await expect(chat.panel).toBeVisible();
  const events = await page.evaluate(() => (window as unknown as { events: string[] }).events);
  expect(events.filter((event) => event === "shown").length).toBeGreaterThanOrEqual(3); // callbacks outlive shutdown
  expect(events).toContain("hidden");
  expect(events[0]).toBe("unread:0");
  expect(errors).toEqual([]);
});
