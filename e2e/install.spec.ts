import { expect, test } from "@playwright/test";
import { newCustomer, openHostPage, SERVER_URL } from "./support/host-page";
import { messenger } from "./support/messenger";
import { ticketFor, userOf } from "./support/zendesk";

test("calls made before the script loads are queued and run in order, and Intercom's api_base is ignored", async ({ page }) => {
  await openHostPage(
    page,
    { ...newCustomer(), api_base: "https://api-iam.intercom.io" },
    {
      before: "window.events = [];",
      body: `<script>
        // Host code written for Intercom, running right after the snippet (before the widget loads).
        setTimeout(function () {
          Intercom('onShow', function () { events.push('shown'); });
          Intercom('onUnreadCountChange', function (count) { events.push('unread:' + count); });
          Intercom('show');
        }, 0);
      </script>`,
    },
  );
  const chat = messenger(page);
  await expect(chat.panel).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { events: string[] }).events)).toEqual(["unread:0", "shown"]);
  expect(await page.evaluate(() => (window as unknown as { Intercom: { booted?: boolean } }).Intercom.booted)).toBe(true);
  await chat.send("Which payment methods do you accept?");
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
});

test("an anonymous visitor's conversation gets a generated Zendesk identity", async ({ page }) => {
  await openHostPage(page, {});
  const visitorId = await page.waitForFunction(() => (window as unknown as { Intercom: { booted?: boolean } }).Intercom.booted)
    .then(() => page.evaluate(() => (window as unknown as { Intercom: (command: string) => string }).Intercom("getVisitorId")));
  const chat = messenger(page);
  await chat.open();
  await chat.send("I need to talk to a human please");
  await expect(chat.log.getByText(/passed this to the team/)).toBeVisible();
  const ticket = await ticketFor((user) => user.external_id === `parley-visitor-${visitorId.toLowerCase()}`);
  const requester = await userOf(ticket.requester_id);
  expect(requester.name).toMatch(/visitor/i);
  expect(ticket.tags).toContain("intercom-messenger");
});

test("a wrong user_hash gets a friendly message in the Messenger and never breaks the host page", async ({ page }) => {
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  const pings: number[] = [];
  page.on("response", (response) => {
    if (response.url().startsWith(`${SERVER_URL}/v1/apps/`) && response.url().endsWith("/ping")) pings.push(response.status());
  });
  const impostor = { ...newCustomer(), user_hash: "0".repeat(64) };
  await openHostPage(page, impostor, { body: `<button onclick="this.textContent='host page still works'">Host button</button>` });
  const chat = messenger(page);
  await chat.open();
  await expect(chat.panel.getByText(/couldn't start the chat/i)).toBeVisible();
  expect(pings).toContain(401);
  await page.getByRole("button", { name: "Host button" }).click();
  await expect(page.getByRole("button", { name: "host page still works" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("a page with an unknown app id keeps working; the server answers a JSON error", async ({ page, request }) => {
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  const origin = await openHostPage(page, { app_id: "no-such-app" }, { body: `<p id="ok">content</p>` });
  await expect(page.locator("#ok")).toHaveText("content");
  const response = await request.get(`${SERVER_URL}/widget/no-such-app`);
  expect(response.status()).toBe(404);
  expect(await response.json()).toMatchObject({ error: { code: "app_not_found" } });
  expect(errors).toEqual([]);
  expect(origin).not.toBe(SERVER_URL);
});
