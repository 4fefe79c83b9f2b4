import { expect, test } from "vitest";
import { BASE, endUser, newTicket, testSimulator } from "../test-client";

async function page(fetcher: { fetch(request: Request): Promise<Response> }, path: string): Promise<{ status: number; html: string }> {
  const response = await fetcher.fetch(new Request(`${BASE}${path}`));
  return { status: response.status, html: await response.text() };
}

function reply(fields: Record<string, string>): RequestInit {
  return { method: "POST", body: new URLSearchParams(fields), redirect: "manual" };
}

test("the ticket list shows tickets newest first, with requester, status and tags, all escaped", async () => {
  const { api, sim } = testSimulator();
  const requester = await endUser(api, "msgr-1", "Jane <script>alert(1)</script>", "jane@example.com");
  const older = await newTicket(api, { requester_id: requester, subject: "Older", comment: { body: "1" } });
  const newer = await newTicket(api, { requester_id: requester, subject: "Newer & <b>louder</b>", comment: { body: "2" }, tags: ["vip"] });

  const { status, html } = await page(sim, "/agent");

  expect(status).toBe(200);
  expect(html.indexOf(`/agent/tickets/${newer.id}`)).toBeLessThan(html.indexOf(`/agent/tickets/${older.id}`));
  expect(html).toContain("Newer &amp; &lt;b&gt;louder&lt;/b&gt;");
  expect(html).toContain("Jane &lt;script&gt;alert(1)&lt;/script&gt;");
  expect(html).not.toContain("<script>alert(1)</script>");
  expect(html).toContain(`<span class="tag">vip</span>`);
  expect(html).toContain("jane@example.com");
  expect(html).not.toMatch(/<(link|img)\b|src="http/);
});

test("the form round trip: a reply is posted as the agent, via web, then the page shows it", async () => {
  const { api, sim } = testSimulator();
  const requester = await endUser(api, "msgr-2", "Jane Doe");
  const ticket = await newTicket(api, { requester_id: requester, external_id: "conv_2", comment: { body: "My question" }, tags: ["intercom-messenger"] });

  const before = await page(sim, `/agent/tickets/${ticket.id}`);
  expect(before.html).toMatch(/<label for="reply">Reply<\/label>\s*<textarea id="reply" name="body"/);
  expect(before.html).toMatch(/<input type="checkbox" name="internal" value="1"> Internal note<\/label>/);
  expect(before.html).toMatch(/<label for="status">Status<\/label><select id="status" name="status">/);
  expect(before.html).toContain(`<button type="submit">Send reply</button>`);
  expect(before.html).toContain("conv_2");
  expect(before.html).toContain("msgr-2");

  const response = await sim.fetch(new Request(`${BASE}/agent/tickets/${ticket.id}/comments`, reply({ body: "We're on it <3", status: "pending" })));
  expect(response.status).toBe(303);
  expect(response.headers.get("Location")).toBe(`/agent/tickets/${ticket.id}`);

  const after = await page(sim, `/agent/tickets/${ticket.id}`);
  expect(after.html).toContain(`aria-label="Public reply from Alex Agent"`);
  expect(after.html).toContain("We&#39;re on it &lt;3");
  expect(after.html).toContain(`<option value="pending" selected>Pending</option>`);
  const comments = (await api("GET", `/api/v2/tickets/${ticket.id}/comments.json`)).body.comments;
  expect(comments).toHaveLength(2);
  expect(comments[1]).toMatchObject({ body: "We're on it <3", public: true, via: { channel: "web" } });
  const agentId = (await api("GET", "/api/v2/users/me.json")).body.user.id;
  expect(comments[1].author_id).toBe(agentId);
  expect((await api("GET", `/api/v2/tickets/${ticket.id}.json`)).body.ticket.status).toBe("pending");
});

test("internal notes are told apart from public replies", async () => {
  const { api, sim } = testSimulator();
  const ticket = await newTicket(api, { requester_id: await endUser(api, "msgr-3", "Ann"), comment: { body: "Hello" } });

  await sim.fetch(new Request(`${BASE}/agent/tickets/${ticket.id}/comments`, reply({ body: "Check the logs", internal: "1", status: "new" })));

  const { html } = await page(sim, `/agent/tickets/${ticket.id}`);
  expect(html).toContain(`class="comment public"`);
  expect(html).toContain(`aria-label="Public reply from Ann"`);
  expect(html).toContain(`class="comment internal"`);
  expect(html).toContain(`aria-label="Internal note from Alex Agent"`);
  expect(html).toContain("via API");
  expect(html).toContain("via Web");
});

test("an empty reply without a status change is refused on the page, nothing is lost", async () => {
  const { api, sim } = testSimulator();
  const ticket = await newTicket(api, { requester_id: await endUser(api, "msgr-4"), comment: { body: "Q" }, status: "open" });

  const response = await sim.fetch(new Request(`${BASE}/agent/tickets/${ticket.id}/comments`, reply({ body: "   ", status: "open", internal: "1" })));

  expect(response.status).toBe(422);
  const html = await response.text();
  expect(html).toContain(`role="alert"`);
  expect(html).toContain("Write a reply or change the status.");
  expect(html).toContain(`name="internal" value="1" checked`);

  const statusOnly = await sim.fetch(new Request(`${BASE}/agent/tickets/${ticket.id}/comments`, reply({ body: "", status: "solved" })));
  expect(statusOnly.status).toBe(303);
  expect((await api("GET", `/api/v2/tickets/${ticket.id}`)).body.ticket).toMatchObject({ status: "solved" });
});

test("a closed ticket shows no reply form, and unknown tickets are a 404 page", async () => {
  const { api, sim } = testSimulator();
  const ticket = await newTicket(api, { requester_id: await endUser(api, "msgr-5"), comment: { body: "Q" }, status: "closed" });

  const closed = await page(sim, `/agent/tickets/${ticket.id}`);
  expect(closed.html).not.toContain("Send reply");
  expect(closed.html).toContain("This ticket is closed");
  const posted = await sim.fetch(new Request(`${BASE}/agent/tickets/${ticket.id}/comments`, reply({ body: "Late", status: "open" })));
  expect(posted.status).toBe(422);
  expect((await page(sim, "/agent/tickets/1")).status).toBe(404);
});
