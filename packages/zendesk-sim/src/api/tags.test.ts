import { expect, test } from "vitest";
import { endUser, newTicket, testSimulator } from "../test-client";

async function ticketWithTags(tags: string[]) {
  const setup = testSimulator();
  const requester = await endUser(setup.api, "msgr-1");
  const ticket = await newTicket(setup.api, { requester_id: requester, comment: { body: "Hi" }, tags });
  return { ...setup, ticket };
}

test("PUT adds tags, POST sets them, DELETE removes them (from the body or the query)", async () => {
  const { api, ticket } = await ticketWithTags(["intercom-messenger"]);
  const path = `/api/v2/tickets/${ticket.id}/tags.json`;

  const added = await api("PUT", path, { tags: ["fin-involved", "Intercom-Messenger"] });
  expect(added.status).toBe(200);
  expect(added.body).toEqual({ tags: ["intercom-messenger", "fin-involved"] });

  const set = await api("POST", path, { tags: ["fin-resolved", "fin-soft-resolution"] });
  expect(set.status).toBe(201);
  expect(set.body).toEqual({ tags: ["fin-resolved", "fin-soft-resolution"] });

  const removedByBody = await api("DELETE", path, { tags: ["fin-soft-resolution"] });
  expect(removedByBody).toMatchObject({ status: 200, body: { tags: ["fin-resolved"] } });

  await api("PUT", path, { tags: "a b" });
  const removedByQuery = await api("DELETE", `/api/v2/tickets/${ticket.id}/tags?tags=a,fin-resolved`);
  expect(removedByQuery.body).toEqual({ tags: ["b"] });
  expect((await api("GET", path)).body).toEqual({ tags: ["b"] });
  expect((await api("GET", `/api/v2/tickets/${ticket.id}`)).body.ticket.tags).toEqual(["b"]);
});

test("a safe update with a stale updated_stamp is refused with 409 and changes nothing", async () => {
  const { api, clock, ticket } = await ticketWithTags(["one"]);
  const stamp = ticket.updated_at;
  clock.advance(5000);
  await api("PUT", `/api/v2/tickets/${ticket.id}`, { ticket: { status: "open" } });

  const stale = await api("PUT", `/api/v2/tickets/${ticket.id}/tags`, { tags: ["two"], updated_stamp: stamp, safe_update: "true" });
  expect(stale.status).toBe(409);
  expect(stale.body.error).toBe("UpdateConflict");
  expect((await api("GET", `/api/v2/tickets/${ticket.id}/tags`)).body.tags).toEqual(["one"]);

  const current = (await api("GET", `/api/v2/tickets/${ticket.id}`)).body.ticket.updated_at;
  const fresh = await api("PUT", `/api/v2/tickets/${ticket.id}/tags`, { tags: ["two"], updated_stamp: current, safe_update: true });
  expect(fresh).toMatchObject({ status: 200, body: { tags: ["one", "two"] } });
});

test("a safe ticket update with a stale stamp is a 409 too", async () => {
  const { api, clock, ticket } = await ticketWithTags([]);
  clock.advance(1000);
  await api("PUT", `/api/v2/tickets/${ticket.id}`, { ticket: { priority: "high" } });

  const response = await api("PUT", `/api/v2/tickets/${ticket.id}`, {
    ticket: { status: "solved", safe_update: true, updated_stamp: ticket.updated_at },
  });

  expect(response.status).toBe(409);
  expect((await api("GET", `/api/v2/tickets/${ticket.id}`)).body.ticket.status).toBe("new");
});

test("the Tags API needs tags and a real ticket", async () => {
  const { api, ticket } = await ticketWithTags([]);
  expect((await api("PUT", `/api/v2/tickets/${ticket.id}/tags`, {})).status).toBe(400);
  expect((await api("PUT", "/api/v2/tickets/1/tags", { tags: ["x"] })).status).toBe(404);
});

test("a safe ticket update with the current stamp sets the status and the whole tag list at once; repeated with that stamp, it is a 409 and changes nothing", async () => {
  const { api, clock, ticket } = await ticketWithTags(["intercom-messenger", "agent-tag"]);
  clock.advance(1000);
  const update = { ticket: { status: "pending", tags: ["intercom-messenger", "agent-tag", "fin-involved"], safe_update: true, updated_stamp: ticket.updated_at } };

  const made = await api("PUT", `/api/v2/tickets/${ticket.id}.json`, update);
  expect(made.status).toBe(200);
  expect(made.body.ticket).toMatchObject({ status: "pending", tags: ["intercom-messenger", "agent-tag", "fin-involved"] });
  const audits = (await api("GET", `/api/v2/tickets/${ticket.id}/audits`)).body.audits.length;

  clock.advance(1000);
  const repeated = await api("PUT", `/api/v2/tickets/${ticket.id}.json`, update);
  expect(repeated.status).toBe(409);
  expect((await api("GET", `/api/v2/tickets/${ticket.id}/audits`)).body.audits).toHaveLength(audits);
});
