import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { apiClient, endUser, newTicket, testSimulator } from "../test-client";
import { createSimulator } from "../index";

function dataFile(): string {
  return join(mkdtempSync(join(tmpdir(), "zendesk-sim-")), "nested", "zendesk.json");
}

test("the account is saved to the data file and loaded back by the next simulator", async () => {
  const file = dataFile();
  const first = testSimulator({ dataFile: file });
  const requester = await endUser(first.api, "msgr-1", "Jane Doe");
  const ticket = await newTicket(first.api, { requester_id: requester, comment: { body: "Persist me" }, tags: ["keep"] });
  const webhook = (await first.api("POST", "/api/v2/webhooks", { webhook: { name: "w", status: "active", endpoint: "https://example.com", http_method: "POST", request_format: "json", subscriptions: ["conditional_ticket_events"] } })).body.webhook;
  await first.sim.close();
  expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ version: 1 });
  expect(readdirSync(join(file, "..")).filter((name) => name.endsWith(".tmp"))).toEqual([]);

  const second = createSimulator({ dataFile: file });
  const api = apiClient(second);
  expect((await api("GET", `/api/v2/tickets/${ticket.id}.json`)).body.ticket).toMatchObject({ tags: ["keep"], requester_id: requester });
  expect((await api("GET", `/api/v2/tickets/${ticket.id}/comments.json`)).body.comments[0].body).toBe("Persist me");
  expect((await api("GET", "/api/v2/users/search.json?external_id=msgr-1")).body.users).toHaveLength(1);
  expect((await api("GET", `/api/v2/webhooks/${webhook.id}/signing_secret`)).status).toBe(200);
  const next = await newTicket(api, { requester_id: requester, comment: { body: "Another" } });
  expect(next.id).toBe(ticket.id + 1);
  await second.close();
});

test("changes are saved without an explicit flush, debounced", async () => {
  const file = dataFile();
  const { sim, api } = testSimulator({ dataFile: file });
  await endUser(api, "msgr-2");
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(readFileSync(file, "utf8")).toContain("msgr-2");
  await sim.close();
});

test("an unreadable data file is moved aside, not overwritten, and the simulator starts empty", async () => {
  const file = dataFile();
  const seed = testSimulator({ dataFile: file });
  await seed.sim.close();
  writeFileSync(file, "{ not json", "utf8");
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (message: string) => warnings.push(message);
  try {
    const sim = createSimulator({ dataFile: file });
    expect((await apiClient(sim)("GET", "/api/v2/tickets.json")).body.count).toBe(0);
    await sim.close();
  } finally {
    console.warn = original;
  }
  const aside = readdirSync(join(file, "..")).find((name) => name.includes(".unreadable-"));
  expect(aside).toBeDefined();
  expect(readFileSync(join(file, "..", aside ?? ""), "utf8")).toBe("{ not json");
  expect(warnings.join("\n")).toContain("moved it to");
  expect(existsSync(file)).toBe(true);
});

test("reset empties the account but keeps the agent", async () => {
  const { sim, api } = testSimulator();
  await newTicket(api, { requester_id: await endUser(api, "msgr-3"), comment: { body: "x" } });
  const reset = await apiClient(sim, null)("POST", "/__sim/reset");
  expect(reset.status).toBe(204);
  expect((await api("GET", "/api/v2/tickets")).body.count).toBe(0);
  expect((await api("GET", "/api/v2/users/me")).status).toBe(200);
});
