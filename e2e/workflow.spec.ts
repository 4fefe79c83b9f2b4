import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";
import { type OwnParley, startOwnParley } from "./support/own-parley";
import { ticketFor } from "./support/zendesk";

const ADMIN_TOKEN = "e2e-workflow-admin-token";
const GREETING = "Hi there! Ask me anything. I answer from our help center, and the team is here if you need them.";

test("the default workflow: greeting, an answer, \"That helped\" — the ticket gets fin-hard-resolution", async ({ page }) => {
  const customer = newCustomer();
  await openHostPage(page, customer);
  const chat = messenger(page);
  await chat.open();
  await expect(chat.log.getByText(GREETING)).toBeVisible();
  await chat.send("Which payment methods do you accept?");
  await expect(chat.log.getByRole("link", { name: "Payment methods" })).toBeVisible();
  await chat.button("That helped").click();
  await expect(chat.log.getByText(/glad that helped/)).toBeVisible();
  const ticket = await ticketFor((user) => user.external_id === customer.user_id, (t) => t.tags.includes("fin-hard-resolution"));
  expect(ticket.tags).toEqual(expect.arrayContaining(["intercom-messenger", "fin-involved", "fin-resolved"]));
});

/**
 * A second Parley (with its own simulator) started the way an owner would: the "collect order
 * number" example as PARLEY_WORKFLOW_FILE and the clarifying-question timer cut to 3 seconds.
 */
test.describe("a Parley started with a workflow file and a short clarifying timer", () => {
  test.describe.configure({ mode: "serial" });
  let own: OwnParley | undefined;
  let base = "";
  let sim = "";

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    own = await startOwnParley({
      PARLEY_ADMIN_TOKEN: ADMIN_TOKEN,
      PARLEY_WORKFLOW_FILE: fileURLToPath(new URL("../examples/workflows/collect-order-number.json", import.meta.url)),
      PARLEY_CLARIFY_TIMEOUT_SECONDS: "3",
    });
    base = own.url;
    sim = own.simUrl;
  });

  test.afterAll(() => own?.stop());

  test("collect order number: the form rejects a bad email, keeps what was typed, and the ticket carries the data and the summary", async ({ page }) => {
    const customer = newCustomer("Ada Lovelace");
    await openHostPage(page, customer, { serverUrl: base });
    const chat = messenger(page);
    await chat.open();
    await expect(chat.log.getByText(/^Hi! Ask me anything about orders/)).toBeVisible();
    await chat.send("Can I bring my dog to your store?");
    await expect(chat.log.getByText(/what's your order number/)).toBeVisible();

    const orderNumber = chat.log.getByRole("textbox", { name: "Order number" });
    const email = chat.log.getByRole("textbox", { name: "Email" });
    await orderNumber.fill("10452");
    await email.fill("ada@example");
    await chat.log.getByRole("button", { name: "Send" }).click();
    await expect(chat.log.getByText("Email must be an email address, like name@example.com.")).toBeVisible();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(orderNumber).toHaveValue("10452");
    await expect(email).toHaveValue("ada@example");
    await page.screenshot({ path: test.info().outputPath("collect-form-error.png") });

    await email.fill("ada@example.com");
    await chat.log.getByRole("button", { name: "Send" }).click();
    await expect(chat.log.getByText(/^Thanks! The team has your order number/)).toBeVisible();
    await expect(orderNumber).toHaveCount(0);

    const mine = (user: { external_id: string | null }) => user.external_id === customer.user_id;
    const ticket = await simTicketFor(sim, mine, (t) => t.tags.includes("fin-routed-to-team") && t.status === "open");
    // The team's notes are jobs of their own, queued with the hand-off: they may land just after it.
    const notes = async () =>
      (await simGet<{ comments: { body: string; public: boolean }[] }>(sim, `tickets/${ticket.id}/comments.json`)).comments.filter((c) => !c.public).map((c) => c.body);
    await expect.poll(async () => (await notes()).some((body) => /^AI summary of the conversation:/.test(body) && body.includes("Order number: 10452"))).toBe(true);
    await expect.poll(async () => (await notes()).some((body) => body.includes("Collected data:\n- Order number: 10452\n- Email: ada@example.com"))).toBe(true);
  });

  test("an ambiguous question left unanswered goes to the team when the timer runs out", async ({ page }) => {
    // Back to the built-in default workflow (version 0): the time-out hands straight off.
    const rolledBack = await fetch(`${base}/admin/api/workflow/rollback`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ version: 0 }),
    });
    expect(rolledBack.status).toBe(200);

    const customer = newCustomer();
    await openHostPage(page, customer, { serverUrl: base });
    const chat = messenger(page);
    await chat.open();
    await chat.send("how do i check my balance");
    await expect(chat.log.getByText(/Which one do you mean/)).toBeVisible();
    const mine = (user: { external_id: string | null }) => user.external_id === customer.user_id;
    await expect(chat.log.getByText(/I haven't heard back, so I've passed your question to the team/)).toBeVisible({ timeout: 10_000 });
    const ticket = await simTicketFor(sim, mine, (t) => t.status === "open" && t.tags.includes("fin-routed-to-team"));
    expect(ticket.tags).toContain("fin-involved");
  });
});

const AUTH = `Basic ${Buffer.from("agent@sim.zendesk.test/token:sim-token").toString("base64")}`;

async function simGet<T>(sim: string, path: string): Promise<T> {
  const response = await fetch(`${sim}/api/v2/${path}`, { headers: { Authorization: AUTH, Accept: "application/json" } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

interface SimTicket {
  id: number;
  status: string;
  tags: string[];
  requester_id: number;
}

async function simTicketFor(sim: string, requester: (user: { external_id: string | null }) => boolean, check: (ticket: SimTicket) => boolean): Promise<SimTicket> {
  let found: SimTicket | undefined;
  await expect
    .poll(async () => {
      const { tickets } = await simGet<{ tickets: SimTicket[] }>(sim, "tickets.json?per_page=100");
      for (const ticket of tickets.filter(check)) {
        const { user } = await simGet<{ user: { external_id: string | null } }>(sim, `users/${ticket.requester_id}.json`);
        if (requester(user)) found = ticket;
      }
      return found !== undefined;
    }, { timeout: 15_000 })
    .toBe(true);
  return found as SimTicket;
}
