import { expect, test } from "vitest";
import { endUser, newTicket, testSimulator } from "../test-client";

test("a ticket is created with 201, a Location and the documented fields", async () => {
  const { api, sim } = testSimulator();
  const requester = await endUser(api, "msgr-1", "Jane Doe", "jane@example.com");
  const response = await api("POST", "/api/v2/tickets.json", {
    ticket: {
      subject: "Refund for order #1234",
      requester_id: requester,
      comment: { html_body: "<p>AI summary</p>", public: false },
      tags: ["intercom-messenger", "Fin Involved", "intercom-messenger"],
      external_id: "conv_8f3c",
      priority: "normal",
    },
  });

  expect(response.status).toBe(201);
  const ticket = response.body.ticket;
  expect(response.headers.get("Location")).toBe(`http://sim.test/api/v2/tickets/${ticket.id}.json`);
  expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
  expect(ticket).toMatchObject({
    url: `http://sim.test/api/v2/tickets/${ticket.id}.json`,
    subject: "Refund for order #1234",
    description: "AI summary",
    status: "new",
    priority: "normal",
    requester_id: requester,
    submitter_id: requester,
    assignee_id: null,
    external_id: "conv_8f3c",
    tags: ["intercom-messenger", "fin_involved"],
    is_public: false,
    via: { channel: "api" },
    created_at: "2026-03-02T10:00:00Z",
    updated_at: "2026-03-02T10:00:00Z",
  });
  expect(ticket.id).toBeGreaterThan(10_000);
  expect(sim.deliveries()).toEqual([]);
});

test("a ticket without a comment is refused with Zendesk's 422 envelope", async () => {
  const { api } = testSimulator();
  const response = await api("POST", "/api/v2/tickets", { ticket: { subject: "No body" } });

  expect(response.status).toBe(422);
  expect(response.body).toEqual({
    error: "RecordInvalid",
    description: "Record validation errors",
    details: { description: [{ description: "Description: cannot be blank", error: "BlankValue" }] },
  });
});

test("an unknown requester_id is refused with details.requester", async () => {
  const { api } = testSimulator();
  const response = await api("POST", "/api/v2/tickets", { ticket: { requester_id: 42, comment: { body: "Hi" } } });

  expect(response.status).toBe(422);
  expect(response.body.error).toBe("RecordInvalid");
  expect(response.body.details.requester).toEqual([{ description: expect.stringContaining("Requester"), error: "InvalidValue" }]);
});

test("a requester given by email reuses the existing user unchanged, and external_id in it is ignored", async () => {
  const { api } = testSimulator();
  const existing = await endUser(api, "msgr-7", "Original Name", "sam@example.com");

  const ticket = await newTicket(api, {
    requester: { name: "Another Name", email: "Sam@Example.com", external_id: "ignored" },
    comment: { body: "Hello" },
  });
  expect(ticket.requester_id).toBe(existing);
  const user = await api("GET", `/api/v2/users/${existing}.json`);
  expect(user.body.user).toMatchObject({ name: "Original Name", external_id: "msgr-7" });

  const fresh = await newTicket(api, { requester: { name: "New Person", email: "new@example.com", external_id: "x" }, comment: { body: "Hi" } });
  const created = await api("GET", `/api/v2/users/${fresh.requester_id}`);
  expect(created.body.user).toMatchObject({ name: "New Person", email: "new@example.com", external_id: null, role: "end-user" });
});

test("Idempotency-Key: first a miss, the same request again replays the ticket, a different body is refused", async () => {
  const { api } = testSimulator();
  const requester = await endUser(api, "msgr-2");
  const body = { ticket: { requester_id: requester, comment: { body: "Please help" }, external_id: "conv_1" } };
  const key = { "Idempotency-Key": "handoff:conv_1:1" };

  const first = await api("POST", "/api/v2/tickets.json", body, key);
  expect(first.status).toBe(201);
  expect(first.headers.get("x-idempotency-lookup")).toBe("miss");

  const replay = await api("POST", "/api/v2/tickets.json", body, key);
  expect(replay.status).toBe(201);
  expect(replay.headers.get("x-idempotency-lookup")).toBe("hit");
  expect(replay.headers.get("Location")).toBe(first.headers.get("Location"));
  expect(replay.body.ticket.id).toBe(first.body.ticket.id);

  const different = await api("POST", "/api/v2/tickets.json", { ticket: { ...body.ticket, subject: "Changed" } }, key);
  expect(different.status).toBe(400);
  expect(different.body).toMatchObject({ error: "IdempotentRequestError", description: expect.any(String) });

  const byExternalId = await api("GET", "/api/v2/tickets.json?external_id=conv_1");
  expect(byExternalId.body.tickets).toHaveLength(1);
});

test("an Idempotency-Key is forgotten after two hours", async () => {
  const { api, clock } = testSimulator();
  const requester = await endUser(api, "msgr-3");
  const body = { ticket: { requester_id: requester, comment: { body: "Hello" } } };
  const key = { "Idempotency-Key": "k-1" };
  const first = await api("POST", "/api/v2/tickets", body, key);

  clock.advance(2 * 60 * 60 * 1000 + 1000);
  const later = await api("POST", "/api/v2/tickets", body, key);

  expect(later.headers.get("x-idempotency-lookup")).toBe("miss");
  expect(later.body.ticket.id).not.toBe(first.body.ticket.id);
});

test("paths answer the same with and without .json", async () => {
  const { api } = testSimulator();
  const requester = await endUser(api, "msgr-4");
  const ticket = await newTicket(api, { requester_id: requester, comment: { body: "Hi" } });

  for (const path of [`/api/v2/tickets/${ticket.id}`, `/api/v2/tickets/${ticket.id}.json`]) {
    const response = await api("GET", path);
    expect(response.status).toBe(200);
    expect(response.body.ticket.id).toBe(ticket.id);
  }
  for (const path of [`/api/v2/tickets/${ticket.id}/comments`, `/api/v2/tickets/${ticket.id}/comments.json`]) {
    expect((await api("GET", path)).body.comments).toHaveLength(1);
  }
  expect((await api("GET", "/api/v2/tickets/999999.json")).body).toEqual({ error: "RecordNotFound", description: "Not found" });
});

test("PUT with tags replaces all tags, and the audit lists the changes", async () => {
  const { api, clock } = testSimulator();
  const requester = await endUser(api, "msgr-5");
  const ticket = await newTicket(api, { requester_id: requester, comment: { body: "Hi" }, tags: ["a", "b"] });
  clock.advance(1000);

  const response = await api("PUT", `/api/v2/tickets/${ticket.id}.json`, {
    ticket: { tags: ["c"], status: "pending", comment: { body: "Internal thought", public: false } },
  });

  expect(response.status).toBe(200);
  expect(response.body.ticket).toMatchObject({ tags: ["c"], status: "pending", updated_at: "2026-03-02T10:00:01Z" });
  const events = response.body.audit.events;
  expect(events).toContainEqual(expect.objectContaining({ type: "Comment", body: "Internal thought", public: false }));
  expect(events).toContainEqual(expect.objectContaining({ type: "Change", field_name: "tags", value: ["c"], previous_value: ["a", "b"] }));
  expect(events).toContainEqual(expect.objectContaining({ type: "Change", field_name: "status", value: "pending", previous_value: "new" }));
});

test("a public comment by the requester reopens a solved ticket", async () => {
  const { api } = testSimulator();
  const requester = await endUser(api, "msgr-6");
  const ticket = await newTicket(api, { requester_id: requester, comment: { body: "Question" } });
  const solved = await api("PUT", `/api/v2/tickets/${ticket.id}`, { ticket: { status: "solved", comment: { body: "Answer", public: true } } });
  expect(solved.body.ticket.status).toBe("solved");

  const reply = await api("PUT", `/api/v2/tickets/${ticket.id}`, {
    ticket: { comment: { body: "Follow-up question", public: true, author_id: requester } },
  });

  expect(reply.body.ticket.status).toBe("open");
  const comments = await api("GET", `/api/v2/tickets/${ticket.id}/comments.json`);
  expect(comments.body.comments.map((comment: { author_id: number }) => comment.author_id)).toEqual([
    requester,
    solved.body.ticket.assignee_id,
    requester,
  ]);
});

test("a closed ticket can't be updated", async () => {
  const { api } = testSimulator();
  const requester = await endUser(api, "msgr-8");
  const ticket = await newTicket(api, { requester_id: requester, comment: { body: "Question" }, status: "closed" });

  const response = await api("PUT", `/api/v2/tickets/${ticket.id}`, { ticket: { comment: { body: "More" } } });

  expect(response.status).toBe(422);
  expect(response.body).toMatchObject({ error: "RecordInvalid", details: { status: [{ description: expect.stringContaining("closed") }] } });
  expect((await api("GET", `/api/v2/tickets/${ticket.id}/comments`)).body.comments).toHaveLength(1);
});

test("an invalid status and malformed JSON are refused", async () => {
  const { api } = testSimulator();
  const requester = await endUser(api, "msgr-9");
  const bad = await api("POST", "/api/v2/tickets", { ticket: { requester_id: requester, comment: { body: "x" }, status: "archived" } });
  expect(bad.status).toBe(422);
  expect(bad.body.details.status[0].error).toBe("InvalidValue");

  const malformed = await api("POST", "/api/v2/tickets", '{"ticket": {');
  expect(malformed.status).toBe(400);
  expect(malformed.headers.get("Content-Type")).toContain("application/json");

  const missingRoot = await api("POST", "/api/v2/tickets", { subject: "no root" });
  expect(missingRoot.status).toBe(400);
});

test("an assigned new ticket is open; comments after a private first comment stay private unless said otherwise", async () => {
  const { api, sim } = testSimulator();
  const requester = await endUser(api, "msgr-10");
  const me = (await api("GET", "/api/v2/users/me.json")).body.user;
  expect(me).toMatchObject({ email: sim.credentials.email, role: "admin", name: "Alex Agent" });

  const ticket = await newTicket(api, { requester_id: requester, assignee_id: me.id, comment: { body: "Note", public: false } });
  expect(ticket.status).toBe("open");

  await api("PUT", `/api/v2/tickets/${ticket.id}`, { ticket: { comment: { body: "Still internal" } } });
  await api("PUT", `/api/v2/tickets/${ticket.id}`, { ticket: { comment: { body: "Public", public: true } } });
  const comments = (await api("GET", `/api/v2/tickets/${ticket.id}/comments`)).body.comments;
  expect(comments.map((comment: { public: boolean }) => comment.public)).toEqual([false, false, true]);
});

test("tickets list with offset pagination and show_many", async () => {
  const { api } = testSimulator();
  const requester = await endUser(api, "msgr-11");
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) ids.push((await newTicket(api, { requester_id: requester, comment: { body: `T${i}` } })).id);

  const first = await api("GET", "/api/v2/tickets.json?per_page=2");
  expect(first.body.tickets.map((ticket: { id: number }) => ticket.id)).toEqual(ids.slice(0, 2));
  expect(first.body.count).toBe(3);
  expect(first.body.next_page).toBe("http://sim.test/api/v2/tickets.json?per_page=2&page=2");
  const second = await api("GET", new URL(first.body.next_page).pathname + new URL(first.body.next_page).search);
  expect(second.body.tickets.map((ticket: { id: number }) => ticket.id)).toEqual(ids.slice(2));
  expect(second.body.next_page).toBeNull();

  const many = await api("GET", `/api/v2/tickets/show_many.json?ids=${ids[2]},${ids[0]},1`);
  expect(many.body.tickets.map((ticket: { id: number }) => ticket.id)).toEqual([ids[2], ids[0]]);
});
