import type { PingResponse } from "@parley/protocol";
import { createSimulator } from "@parley/zendesk-sim";
import { afterEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";
import { simulatorFetch, simulatorSupportEnv, supportApi } from "./test-support";

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test("a comment update whose answer is lost is not posted again: the retry finds its marker on the ticket's audits", async () => {
  const sim = createSimulator();
  let lose = 1;
  const seen: string[] = [];
  server = await testParley(
    simulatorSupportEnv(),
    {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const body = request.method === "PUT" ? await request.clone().text() : "";
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        const answer = await sim.fetch(request);
        // The hand-off's note reaches Zendesk, but its answer never comes back.
        if (lose > 0 && request.method === "PUT" && /\/tickets\/\d+\.json$/.test(request.url) && body.includes('"comment"')) {
          lose--;
          throw new TypeError("fetch failed: socket hang up");
        }
        return answer;
      },
    },
  );
  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-once-001", user: { user_id: "once-1" } }))).json()) as PingResponse;
  await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-once-0001", text: "Can I bring my dog to your store?" }, { Authorization: `Bearer ${ping.session.token}` }));
  await server.parley.outbox.idle();

  await expect
    .poll(async () => (await server!.parley.db.selectFrom("outbox").select("status").where("status", "!=", "done").execute()).length, { timeout: 10_000 })
    .toBe(0);
  const ticket = (await supportApi(sim, "GET", "tickets.json")).tickets[0];
  const comments = (await supportApi(sim, "GET", `tickets/${ticket.id}/comments.json`)).comments;
  const notes = comments.filter((comment: any) => !comment.public);
  expect(notes).toHaveLength(1);
  expect(ticket.status).toBe("open");
  expect(seen).toContain(`GET /api/v2/tickets/${ticket.id}/audits.json`);
  const retried = await server.parley.db.selectFrom("outbox").select(["attempts", "effect"]).where("attempts", ">", 1).execute(); // every run counts itself: more than one is a retry
  expect(retried.map((row) => JSON.parse(row.effect).type)).toEqual(["zendesk.ticket.update"]);
}, 20_000); // the outbox's own retry waits about a second

test("after the ticket is closed, the customer's next message goes into a follow-up ticket instead of failing for good", async () => {
  const sim = createSimulator();
  server = await testParley(simulatorSupportEnv(), { fetch: simulatorFetch(sim) });
  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-once-002", user: { user_id: "once-2" } }))).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-once-0101", text: "Can I bring my dog to your store?" }, headers))).json()) as any;
  await server.parley.outbox.idle();
  const [closed] = (await supportApi(sim, "GET", "tickets.json")).tickets;
  expect((await supportApi(sim, "PUT", `tickets/${closed.id}.json`, { ticket: { status: "closed" } })).ticket.status).toBe("closed");

  await server.request(`/v1/apps/${APP_ID}/conversations/${started.conversation.id}/messages`, json({ client_id: "client-once-0102", text: "Hello again, any news?" }, headers));
  await server.parley.outbox.idle();

  const tickets = (await supportApi(sim, "GET", "tickets.json")).tickets;
  const followUp = tickets.find((ticket: any) => ticket.id !== closed.id);
  expect(followUp).toMatchObject({ requester_id: closed.requester_id, external_id: started.conversation.id });
  expect(followUp.via.source.rel).toBe("follow_up");
  expect((await supportApi(sim, "GET", `tickets/${closed.id}.json`)).ticket.followup_ids).toEqual([followUp.id]);
  const comments = (await supportApi(sim, "GET", `tickets/${followUp.id}/comments.json`)).comments;
  expect(comments.map((comment: any) => comment.body)).toContain("Hello again, any news?");
  expect(await server.parley.db.selectFrom("outbox").select("status").where("status", "=", "dead").execute()).toEqual([]);
}, 20_000);
