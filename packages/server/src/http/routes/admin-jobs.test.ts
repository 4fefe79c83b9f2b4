import type { PingResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../../testing/parley";

const ADMIN = { Authorization: "Bearer admin-secret" };

/** A Zendesk that refuses new tickets (422, which no retry fixes) until told to accept them. */
function zendesk() {
  const state = { refuseTickets: true, ticketsCreated: 0 };
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const route = `${init?.method ?? "GET"} ${new URL(String(input)).pathname}`;
    if (route === "POST /api/v2/users/create_or_update.json") {
      return Response.json({ user: { id: 9001, name: "Visitor", email: null, external_id: "x", role: "end-user" } }, { status: 201 });
    }
    if (route === "GET /api/v2/users/me.json") {
      // The API user: the AI agent's Zendesk identity when none is configured.
      return Response.json({ user: { id: 5, name: "Parley", email: "agent@acme.test", role: "agent" } });
    }
    if (route === "POST /api/v2/tickets.json") {
      if (state.refuseTickets) return Response.json({ error: "RecordInvalid", description: "Record validation errors" }, { status: 422 });
      state.ticketsCreated++;
      return Response.json({ ticket: { id: 77, status: "new", requester_id: 9001, tags: [], updated_at: "2026-01-01T00:00:00Z" } }, { status: 201 });
    }
    if (route.startsWith("PUT /api/v2/tickets/77")) {
      return Response.json({ ticket: { id: 77, status: "open", requester_id: 9001, tags: [], updated_at: "2026-01-01T00:00:00Z" }, audit: { events: [] }, tags: [] });
    }
    return Response.json({ error: "NotFound" }, { status: 404 });
  };
  return { state, fetch };
}

let server: TestParley;
let fake: ReturnType<typeof zendesk>;
beforeEach(async () => {
  fake = zendesk();
  server = await testParley(
    { ZENDESK_BASE_URL: "http://localhost:1", ZENDESK_EMAIL: "agent@acme.test", ZENDESK_API_TOKEN: "token", PARLEY_ADMIN_TOKEN: "admin-secret" },
    { fetch: fake.fetch },
  );
});
afterEach(async () => {
  await server.close();
});

interface JobBody {
  id: number;
  conversation_id: string;
  lane: string;
  type: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

async function startConversation(): Promise<string> {
  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }))).json()) as PingResponse;
  const response = await server.request(
    `/v1/apps/${APP_ID}/conversations`,
    json({ client_id: "client-0000000001", text: "How do I reset my password?" }, { Authorization: `Bearer ${ping.session.token}` }),
  );
  await server.parley.outbox.idle();
  return ((await response.json()) as { conversation: { id: string } }).conversation.id;
}

test("a job that failed for good is listed with Zendesk's error, and runs again when retried", async () => {
  const conversationId = await startConversation();

  const dead = (await (await server.request("/admin/api/jobs?status=dead", { headers: ADMIN })).json()) as { jobs: JobBody[] };
  expect(dead.jobs).toHaveLength(1);
  const [job] = dead.jobs;
  expect(job).toMatchObject({ conversation_id: conversationId, lane: "zendesk", type: "zendesk.ticket.create", status: "dead", attempts: 1 });
  expect(job?.last_error).toContain("422");

  fake.state.refuseTickets = false;
  const retried = await server.request(`/admin/api/jobs/${job?.id}/retry`, { method: "POST", headers: ADMIN });
  expect(retried.status).toBe(200);
  expect(((await retried.json()) as { job: JobBody }).job).toMatchObject({ status: "pending", attempts: 0 });
  await server.parley.outbox.idle();

  const after = (await (await server.request(`/admin/api/jobs/${job?.id}`, { headers: ADMIN })).json()) as { job: JobBody };
  expect(after.job).toMatchObject({ status: "done", last_error: null });
  expect(fake.state.ticketsCreated).toBe(1);
});

test("a finished job cannot be retried, an unknown one is not found, and the API needs the admin token", async () => {
  fake.state.refuseTickets = false;
  await startConversation();
  const done = (await (await server.request("/admin/api/jobs?status=done", { headers: ADMIN })).json()) as { jobs: JobBody[] };
  expect(done.jobs.length).toBeGreaterThan(0);

  const again = await server.request(`/admin/api/jobs/${done.jobs[0]?.id}/retry`, { method: "POST", headers: ADMIN });
  expect(again.status).toBe(409);
  expect(((await again.json()) as { error: { code: string } }).error.code).toBe("job_not_retryable");

  const missing = await server.request("/admin/api/jobs/999999/retry", { method: "POST", headers: ADMIN });
  expect(missing.status).toBe(404);
  expect((await server.request("/admin/api/jobs/not-a-number", { headers: ADMIN })).status).toBe(404);
  expect((await server.request("/admin/api/jobs?status=stuck", { headers: ADMIN })).status).toBe(400);
  expect((await server.request("/admin/api/jobs")).status).toBe(401);
});
