import type { PingResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../../testing/parley";
import { acmeSupportEnv, FakeZendesk } from "../../zendesk/test-support";

const ADMIN = { Authorization: "Bearer admin-secret" };

let server: TestParley;
let fake: FakeZendesk;
beforeEach(async () => {
  // A Zendesk that refuses new tickets (422, which no retry fixes) until told to accept them.
  fake = new FakeZendesk({ ticketId: 77 });
  fake.refuseTickets = true;
  server = await testParley({ ...acmeSupportEnv("http://localhost:1"), PARLEY_ADMIN_TOKEN: "admin-secret" }, { fetch: fake.fetch });
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

  fake.refuseTickets = false;
  const retried = await server.request(`/admin/api/jobs/${job?.id}/retry`, { method: "POST", headers: ADMIN });
  expect(retried.status).toBe(200);
  expect(((await retried.json()) as { job: JobBody }).job).toMatchObject({ status: "pending", attempts: 0 });
  await server.parley.outbox.idle();

  const after = (await (await server.request(`/admin/api/jobs/${job?.id}`, { headers: ADMIN })).json()) as { job: JobBody };
  expect(after.job).toMatchObject({ status: "done", last_error: null });
  expect(fake.ticketsCreated).toBe(1);
});

test("a finished job cannot be retried, an unknown one is not found, and the API needs the admin token", async () => {
  fake.refuseTickets = false;
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
