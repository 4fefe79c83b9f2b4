// @vitest-environment jsdom
import { within } from "@testing-library/preact";
import { expect, test } from "vitest";
import { BASE, endUser, newTicket, testSimulator } from "../test-client";

/** The agent page as assistive technology (and our Playwright tests) see it. */
async function screenOf(fetcher: { fetch(request: Request): Promise<Response> }, path: string) {
  const html = await (await fetcher.fetch(new Request(`${BASE}${path}`))).text();
  // Scripts set through innerHTML don't run, so the page's refresh timer stays out of the test.
  document.documentElement.innerHTML = html.replace(/^<!doctype html>\s*/i, "");
  return within(document.body);
}

test("the ticket page names its controls and its conversation for assistive technology", async () => {
  const { api, sim } = testSimulator();
  const ticket = await newTicket(api, { requester_id: await endUser(api, "msgr-1", "Jane Doe"), subject: "Where is my order?", comment: { body: "Hello" } });
  await sim.fetch(new Request(`${BASE}/agent/tickets/${ticket.id}/comments`, { method: "POST", body: new URLSearchParams({ body: "Looking", internal: "1", status: "open" }) }));

  const screen = await screenOf(sim, `/agent/tickets/${ticket.id}`);

  expect(screen.getByRole("heading", { level: 1 }).textContent).toContain("Where is my order?");
  expect(screen.getByRole("textbox", { name: "Reply" })).toBeTruthy();
  expect(screen.getByRole("checkbox", { name: "Internal note" })).toBeTruthy();
  const status = screen.getByRole("combobox", { name: "Status" }) as HTMLSelectElement;
  expect(status.value).toBe("open");
  expect(screen.getByRole("button", { name: "Send reply" })).toBeTruthy();
  const conversation = within(screen.getByRole("list", { name: "Comments" }));
  expect(conversation.getAllByRole("article").map((article) => article.getAttribute("aria-label"))).toEqual([
    "Public reply from Jane Doe",
    "Internal note from Alex Agent",
  ]);
  expect(screen.getByRole("complementary", { name: "Ticket details" }).textContent).toContain("msgr-1");
});

test("the ticket list is a table whose rows link to each ticket by subject", async () => {
  const { api, sim } = testSimulator();
  const ticket = await newTicket(api, { requester_id: await endUser(api, "msgr-2"), subject: "Broken login", comment: { body: "x" } });

  const screen = await screenOf(sim, "/agent");

  const table = within(screen.getByRole("table", { name: "Tickets" }));
  expect(table.getByRole("link", { name: "Broken login" }).getAttribute("href")).toBe(`/agent/tickets/${ticket.id}`);
  expect(table.getAllByRole("columnheader").map((header) => header.textContent)).toEqual(["ID", "Subject", "Requester", "Status", "Tags", "Updated"]);
});
