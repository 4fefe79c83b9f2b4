import type { PingResponse } from "@parley/protocol";
import { createSimulator, type Simulator } from "@parley/zendesk-sim";
import { afterEach, expect, test } from "vitest";
import { enqueue } from "../store/outbox";
import { ticketForConversation } from "../store/zendesk-tickets";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";
import { simulatorConversationsEnv, simulatorSupportEnv, supportApi } from "./test-support";
import { foldTicketChanges, LastSeenTickets } from "./ticket-changes";

// Runs on SQLite, and on PostgreSQL in the second pass of `npm test` (DATABASE_URL).

test("changes apply in the order they were queued: added then removed ends removed, the last status wins", () => {
  const ticket = { tags: ["intercom-messenger", "fin-soft-resolution"], status: "solved" };
  expect(
    foldTicketChanges(ticket, [
      { type: "zendesk.tags", add: ["vip"], remove: [] },
      { type: "zendesk.ticket.update", status: "pending" },
      { type: "zendesk.tags", add: ["fin-hard-resolution"], remove: ["vip", "fin-soft-resolution"] },
      { type: "zendesk.ticket.update", status: "open" },
    ]),
  ).toEqual({ tags: ["intercom-messenger", "fin-hard-resolution"], status: "open" });
  // Already so (an earlier attempt made it): nothing to send.
  expect(foldTicketChanges({ tags: ["a", "b"], status: "open" }, [{ type: "zendesk.tags", add: ["b"], remove: ["c"] }, { type: "zendesk.ticket.update", status: "open" }])).toBeNull();
});

test("remembered tickets are bounded: past the limit the one seen longest ago is forgotten", () => {
  const seen = new LastSeenTickets(2);
  const ticket = (id: number) => ({ id, tags: [`t${id}`], status: "open", updated_at: "2026-11-30T09:00:00Z" });
  seen.remember(ticket(1));
  seen.remember(ticket(2));
  seen.remember(ticket(1)); // seen again: now the newest
  seen.remember(ticket(3));
  expect(seen.get(2)).toBeUndefined();
  expect(seen.get(1)?.tags).toEqual(["t1"]);
  expect(seen.get(3)?.tags).toEqual(["t3"]);
});

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Seen {
  method: string;
  path: string;
  body: string;
  status: number;
}

/** Parley on the simulator, every Zendesk request it makes kept in `seen`; `intercept` may stand in for the simulator. */
async function parleyOnSimulator(sim: Simulator, intercept?: (request: Request, forward: () => Promise<Response>) => Promise<Response>, env: Record<string, string> = {}) {
  const seen: Seen[] = [];
  server = await testParley(
    { ...simulatorSupportEnv(), ...env },
    {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const body = request.method === "GET" ? "" : await request.clone().text();
        const entry: Seen = { method: request.method, path: new URL(request.url).pathname, body, status: 0 };
        seen.push(entry);
        const forward = () => sim.fetch(request);
        const answer = intercept ? await intercept(request, forward) : await forward();
        entry.status = answer.status;
        return answer;
      },
    },
  );
  await server.parley.zendeskReady;
  return { parley: server.parley, seen };
}

/** A conversation with its ticket, everything its first message queued done. */
async function conversationWithTicket(parley: TestParley["parley"], who: string): Promise<{ conversationId: string; ticketId: number }> {
  const ping = (await (await server!.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: `visitor-${who}-0001`, user: { user_id: who } }))).json()) as PingResponse;
  const started = (await (await server!.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: `client-${who}-0001`, text: "Can I bring my dog to your store?" }, { Authorization: `Bearer ${ping.session.token}` }))).json()) as any;
  await parley.outbox.idle();
  const link = await ticketForConversation(parley.db, started.conversation.id);
  if (!link) throw new Error("no ticket was made");
  return { conversationId: started.conversation.id, ticketId: link.ticketId };
}

/** Queues jobs in one transaction, as the engine does, so the worker finds them all waiting. */
async function queue(parley: TestParley["parley"], jobs: [conversationId: string, effect: unknown][]): Promise<void> {
  const now = new Date().toISOString();
  await parley.db.transaction().execute(async (trx) => {
    for (const [conversationId, effect] of jobs) await enqueue(trx, conversationId, "zendesk", effect, now);
  });
  await parley.outbox.idle();
}

const writesTo = (seen: Seen[], ticketId: number) =>
  seen.filter((call) => call.method !== "GET" && (call.path === `/api/v2/tickets/${ticketId}.json` || call.path === `/api/v2/tickets/${ticketId}/tags.json`));

test("five tag and status changes queued for one ticket are one Zendesk update; another ticket's change is not swept in", async () => {
  const sim = createSimulator();
  const { parley, seen } = await parleyOnSimulator(sim);
  const ada = await conversationWithTicket(parley, "ada");
  const bob = await conversationWithTicket(parley, "bob");
  const before = (await supportApi(sim, "GET", `tickets/${ada.ticketId}.json`)).ticket;
  seen.length = 0;

  await queue(parley, [
    [ada.conversationId, { type: "zendesk.tags", add: ["vip", "refund"], remove: [] }],
    [bob.conversationId, { type: "zendesk.tags", add: ["bob-only"], remove: [] }],
    [ada.conversationId, { type: "zendesk.ticket.update", status: "solved" }],
    [ada.conversationId, { type: "zendesk.tags", add: [], remove: ["vip"] }],
    [ada.conversationId, { type: "zendesk.tags", add: ["escalated"], remove: [] }],
    [ada.conversationId, { type: "zendesk.ticket.update", status: "pending" }],
  ]);

  const adaWrites = writesTo(seen, ada.ticketId);
  expect(adaWrites.map((call) => `${call.method} ${call.path}`)).toEqual([`PUT /api/v2/tickets/${ada.ticketId}.json`]);
  expect(JSON.parse(adaWrites[0]!.body)).toEqual({
    ticket: { tags: [...before.tags, "refund", "escalated"], status: "pending", safe_update: true, updated_stamp: before.updated_at },
  });
  // One request, where there were five jobs: the ticket's tags and stamp are those of Parley's last update of it.
  expect(seen.filter((call) => call.path.startsWith(`/api/v2/tickets/${ada.ticketId}`)).map((call) => call.method)).toEqual(["PUT"]);
  const after = (await supportApi(sim, "GET", `tickets/${ada.ticketId}.json`)).ticket;
  expect(after.tags).toEqual([...before.tags, "refund", "escalated"]);
  expect(before.status).toBe("open");
  expect(after.status).toBe("pending");

  // Bob's job ran on its own, on Bob's ticket only.
  expect(writesTo(seen, bob.ticketId)).toHaveLength(1);
  expect((await supportApi(sim, "GET", `tickets/${bob.ticketId}.json`)).ticket.tags).toContain("bob-only");
  expect(after.tags).not.toContain("bob-only");

  const jobs = await parley.db.selectFrom("outbox").select(["conversation_id", "status", "attempts"]).where("effect", "not like", "%ai.answer%").orderBy("id", "desc").limit(6).execute();
  expect(jobs.every((job) => job.status === "done" && Number(job.attempts) === 1)).toBe(true);
}, 20_000);

test("a comment closes the run and carries the changes before it in one update; the changes after it make the next", async () => {
  const sim = createSimulator();
  const { parley, seen } = await parleyOnSimulator(sim);
  const ada = await conversationWithTicket(parley, "ada");
  seen.length = 0;

  await queue(parley, [
    [ada.conversationId, { type: "zendesk.tags", add: ["first"], remove: [] }],
    [ada.conversationId, { type: "zendesk.tags", add: ["second"], remove: [] }],
    [ada.conversationId, { type: "zendesk.ticket.update", comment: { body: "The AI's answer", public: true, author: "ai" }, status: "solved" }],
    [ada.conversationId, { type: "zendesk.tags", add: ["third"], remove: ["first"] }],
    [ada.conversationId, { type: "zendesk.tags", add: ["fourth"], remove: [] }],
  ]);

  const writes = writesTo(seen, ada.ticketId).map((call) => JSON.parse(call.body).ticket);
  expect(writes).toHaveLength(2);
  expect(writes[0]).toMatchObject({ comment: { body: "The AI's answer", public: true }, status: "solved", safe_update: true });
  expect(writes[0].tags).toEqual(expect.arrayContaining(["first", "second"]));
  expect(writes[1].comment).toBeUndefined();
  expect(writes[1].tags).toEqual(expect.arrayContaining(["second", "third", "fourth"]));
  expect(writes[1].tags).not.toContain("first");
  const comments = (await supportApi(sim, "GET", `tickets/${ada.ticketId}/comments.json`)).comments;
  expect(comments.filter((comment: any) => comment.body === "The AI's answer")).toHaveLength(1);
  // The comment and the tags it carried are one change on the ticket (one audit), so triggers see both.
  const audits = (await supportApi(sim, "GET", `tickets/${ada.ticketId}/audits.json`)).audits;
  const carried = audits.find((audit: any) => audit.events.some((event: any) => event.type === "Comment" && event.body === "The AI's answer"));
  expect(carried.events.map((event: any) => event.field_name ?? event.type)).toEqual(expect.arrayContaining(["Comment", "tags", "status"]));
}, 20_000);

test("a comment that closes a run is posted once though its update's answer is lost: the retry finds its marker", async () => {
  const sim = createSimulator();
  let lose = 0;
  const { parley, seen } = await parleyOnSimulator(sim, async (request, forward) => {
    const body = request.method === "PUT" ? await request.clone().text() : "";
    const answer = await forward();
    if (lose > 0 && body.includes('"comment"')) {
      lose--;
      throw new TypeError("fetch failed: socket hang up");
    }
    return answer;
  });
  const ada = await conversationWithTicket(parley, "ada");
  seen.length = 0;
  lose = 1;

  await queue(parley, [
    [ada.conversationId, { type: "zendesk.tags", add: ["vip"], remove: [] }],
    [ada.conversationId, { type: "zendesk.ticket.update", comment: { body: "Posted once", public: false, author: "ai" }, status: "pending" }],
  ]);
  await expect.poll(async () => (await parley.db.selectFrom("outbox").select("id").where("status", "=", "pending").execute()).length, { timeout: 10_000 }).toBe(0);

  const comments = (await supportApi(sim, "GET", `tickets/${ada.ticketId}/comments.json`)).comments;
  expect(comments.filter((comment: any) => comment.body === "Posted once")).toHaveLength(1);
  const ticket = (await supportApi(sim, "GET", `tickets/${ada.ticketId}.json`)).ticket;
  expect(ticket.tags).toContain("vip");
  expect(ticket.status).toBe("pending");
  // The comment's update is never repeated by the client; the outbox's retry read the audits instead.
  expect(seen.filter((call) => call.body.includes("Posted once"))).toHaveLength(1);
  expect(seen.some((call) => call.path === `/api/v2/tickets/${ada.ticketId}/audits.json`)).toBe(true);
  const jobs = await parley.db.selectFrom("outbox").select(["status", "attempts"]).orderBy("id", "desc").limit(2).execute();
  expect(jobs.map((job) => [job.status, Number(job.attempts)])).toEqual([
    ["done", 2],
    ["done", 2],
  ]);
}, 20_000);

test("when the update's answer is lost, the retry changes nothing twice and each job is done once", async () => {
  // Zendesk's updated_at counts whole seconds: the simulator's clock moves two of them a reading, so
  // the lost update always leaves the ticket newer than the stamp the retry carries (on a fast
  // machine both could fall in one second, and the retry would not be refused).
  let now = Date.parse("2026-11-30T09:00:00Z");
  const sim = createSimulator({ now: () => new Date((now += 2000)) });
  let lose = 1;
  const { parley, seen } = await parleyOnSimulator(sim, async (request, forward) => {
    const answer = await forward();
    // The change reaches Zendesk, but its answer never comes back.
    if (lose > 0 && request.method === "PUT" && /\/tickets\/\d+\.json$/.test(request.url)) {
      lose--;
      throw new TypeError("fetch failed: socket hang up");
    }
    return answer;
  });
  const ada = await conversationWithTicket(parley, "ada");
  const auditsBefore = (await supportApi(sim, "GET", `tickets/${ada.ticketId}/audits.json`)).audits.length;
  seen.length = 0;
  lose = 1;

  await queue(parley, [
    [ada.conversationId, { type: "zendesk.tags", add: ["vip"], remove: [] }],
    [ada.conversationId, { type: "zendesk.tags", add: [], remove: ["vip"] }],
    [ada.conversationId, { type: "zendesk.tags", add: ["refund"], remove: [] }],
    [ada.conversationId, { type: "zendesk.ticket.update", status: "pending" }],
  ]);
  await expect.poll(async () => (await parley.db.selectFrom("outbox").select("id").where("status", "=", "pending").execute()).length, { timeout: 10_000 }).toBe(0);

  const audits = (await supportApi(sim, "GET", `tickets/${ada.ticketId}/audits.json`)).audits;
  // Exactly one change on the ticket: the repeat found it made (409 on its stale stamp, then nothing left to change).
  expect(audits.length - auditsBefore).toBe(1);
  const ticket = (await supportApi(sim, "GET", `tickets/${ada.ticketId}.json`)).ticket;
  expect(ticket.tags).toContain("refund");
  expect(ticket.tags).not.toContain("vip");
  expect(ticket.status).toBe("pending");
  expect(seen.some((call) => call.status === 409)).toBe(true);
  const jobs = await parley.db.selectFrom("outbox").select(["status"]).orderBy("id", "desc").limit(4).execute();
  expect(jobs.map((job) => job.status)).toEqual(["done", "done", "done", "done"]);
}, 20_000);

test("an agent's tag added while the change was on its way is kept: Zendesk refuses the stale update (409) and it is made again on the fresh ticket", async () => {
  let now = Date.parse("2026-11-30T09:00:00Z");
  const sim = createSimulator({ now: () => new Date(now) });
  let agentFirst = false;
  const { parley, seen } = await parleyOnSimulator(sim, async (request, forward) => {
    if (agentFirst && request.method === "PUT" && /\/tickets\/\d+\.json$/.test(request.url)) {
      agentFirst = false;
      // An agent tags the ticket a second after Parley read it.
      now += 1000;
      const id = /\/tickets\/(\d+)\.json$/.exec(request.url)?.[1];
      await supportApi(sim, "PUT", `tickets/${id}/tags.json`, { tags: ["agent-tagged"] });
    }
    return forward();
  });
  const ada = await conversationWithTicket(parley, "ada");
  seen.length = 0;
  agentFirst = true;

  await queue(parley, [
    [ada.conversationId, { type: "zendesk.tags", add: ["vip"], remove: [] }],
    [ada.conversationId, { type: "zendesk.ticket.update", status: "pending" }],
  ]);

  const ticket = (await supportApi(sim, "GET", `tickets/${ada.ticketId}.json`)).ticket;
  expect(ticket.tags).toEqual(expect.arrayContaining(["agent-tagged", "vip"]));
  expect(ticket.status).toBe("pending");
  expect(seen.filter((call) => call.method === "PUT").map((call) => call.status)).toEqual([409, 200]);
  const jobs = await parley.db.selectFrom("outbox").select(["status", "attempts"]).orderBy("id", "desc").limit(2).execute();
  expect(jobs).toEqual([
    { status: "done", attempts: 1 },
    { status: "done", attempts: 1 },
  ]);
}, 20_000);

test("when every try of the update fails, the jobs are retried together later, and the change is still made once", async () => {
  const sim = createSimulator();
  let failing = 0;
  const { parley } = await parleyOnSimulator(sim, async (request, forward) => {
    const answer = await forward();
    // Zendesk made the change, but a proxy in front of it answered 503 to each of the client's tries.
    if (failing > 0 && request.method === "PUT" && /\/tickets\/\d+\.json$/.test(request.url)) {
      failing--;
      return new Response("Service Unavailable", { status: 503, headers: { "Retry-After": "0" } });
    }
    return answer;
  });
  const ada = await conversationWithTicket(parley, "ada");
  const auditsBefore = (await supportApi(sim, "GET", `tickets/${ada.ticketId}/audits.json`)).audits.length;
  failing = 4; // the client's own tries of one call

  await queue(parley, [
    [ada.conversationId, { type: "zendesk.tags", add: ["vip"], remove: [] }],
    [ada.conversationId, { type: "zendesk.tags", add: ["refund"], remove: ["vip"] }],
    [ada.conversationId, { type: "zendesk.ticket.update", status: "pending" }],
  ]);
  await expect.poll(async () => (await parley.db.selectFrom("outbox").select("id").where("status", "=", "pending").execute()).length, { timeout: 10_000 }).toBe(0);

  expect(failing).toBe(0);
  const jobs = await parley.db.selectFrom("outbox").select(["status", "attempts"]).orderBy("id", "desc").limit(3).execute();
  // Each job ran twice (the failed round, then the one that found the change made) and is done.
  expect(jobs.map((job) => [job.status, Number(job.attempts)])).toEqual([
    ["done", 2],
    ["done", 2],
    ["done", 2],
  ]);
  const audits = (await supportApi(sim, "GET", `tickets/${ada.ticketId}/audits.json`)).audits;
  expect(audits.length - auditsBefore).toBe(1);
  const ticket = (await supportApi(sim, "GET", `tickets/${ada.ticketId}.json`)).ticket;
  expect(ticket.tags).toContain("refund");
  expect(ticket.tags).not.toContain("vip");
  expect(ticket.status).toBe("pending");
}, 20_000);

test("changes queued for a ticket that was closed meanwhile are made together on its follow-up ticket", async () => {
  const sim = createSimulator();
  const { parley, seen } = await parleyOnSimulator(sim);
  const ada = await conversationWithTicket(parley, "ada");
  expect((await supportApi(sim, "PUT", `tickets/${ada.ticketId}.json`, { ticket: { status: "closed" } })).ticket.status).toBe("closed");
  seen.length = 0;

  await queue(parley, [
    [ada.conversationId, { type: "zendesk.tags", add: ["vip"], remove: [] }],
    [ada.conversationId, { type: "zendesk.ticket.update", status: "pending" }],
  ]);

  const link = await ticketForConversation(parley.db, ada.conversationId);
  expect(link?.ticketId).not.toBe(ada.ticketId);
  const followUp = (await supportApi(sim, "GET", `tickets/${link!.ticketId}.json`)).ticket;
  expect(followUp.via.source.rel).toBe("follow_up");
  expect(followUp.tags).toContain("vip");
  expect(followUp.status).toBe("pending");
  expect((await supportApi(sim, "GET", `tickets/${ada.ticketId}.json`)).ticket.tags).not.toContain("vip");
  // One refused update of the closed ticket, one update of the follow-up.
  expect(seen.filter((call) => call.method === "PUT").map((call) => [call.path, call.status])).toEqual([
    [`/api/v2/tickets/${ada.ticketId}.json`, 422],
    [`/api/v2/tickets/${link!.ticketId}.json`, 200],
  ]);
  expect(await parley.db.selectFrom("outbox").select("status").where("status", "!=", "done").execute()).toEqual([]);
}, 20_000);

test("a run that reopens a handed-off conversation's ticket in live mode is followed by the live hand-off, as a status update alone is", async () => {
  // The simulator's webhooks go nowhere here: only what Parley queues is looked at.
  const sim = createSimulator({ fetch: async () => new Response(null, { status: 200 }) });
  const live = { PARLEY_HANDOFF_MODE: "live", ...simulatorConversationsEnv() };
  const { parley } = await parleyOnSimulator(sim, undefined, live);
  await parley.conversationsReady;
  const ada = await conversationWithTicket(parley, "ada"); // the AI cannot answer: handed off, live
  const handOffs = async () =>
    (await parley.db.selectFrom("outbox").select("effect").where("conversation_id", "=", ada.conversationId).execute()).filter((row) => JSON.parse(row.effect).type === "zendesk.handoff").length;
  const before = await handOffs();
  expect(before).toBeGreaterThan(0);

  await queue(parley, [
    [ada.conversationId, { type: "zendesk.ticket.update", status: "pending" }],
    [ada.conversationId, { type: "zendesk.tags", add: ["vip"], remove: [] }],
    [ada.conversationId, { type: "zendesk.ticket.update", status: "open" }],
  ]);

  expect(await handOffs()).toBe(before + 1);
}, 20_000);

test("a ticket Parley's last call did not show whole (a Tags API change) is read first: one read and one update", async () => {
  const sim = createSimulator();
  const { parley, seen } = await parleyOnSimulator(sim);
  const ada = await conversationWithTicket(parley, "ada");
  await queue(parley, [[ada.conversationId, { type: "zendesk.tags", add: ["alone"], remove: [] }]]);
  seen.length = 0;

  await queue(parley, [
    [ada.conversationId, { type: "zendesk.tags", add: ["vip"], remove: ["alone"] }],
    [ada.conversationId, { type: "zendesk.ticket.update", status: "pending" }],
  ]);

  expect(seen.map((call) => `${call.method} ${call.status}`)).toEqual(["GET 200", "PUT 200"]);
  const ticket = (await supportApi(sim, "GET", `tickets/${ada.ticketId}.json`)).ticket;
  expect(ticket.tags).toContain("vip");
  expect(ticket.tags).not.toContain("alone");
  expect(ticket.status).toBe("pending");
}, 20_000);

test("a change the remembered ticket shows as made already is checked on the ticket: an agent's removal meanwhile is not taken for it", async () => {
  let now = Date.parse("2026-11-30T09:00:00Z");
  const sim = createSimulator({ now: () => new Date(now) });
  const { parley, seen } = await parleyOnSimulator(sim);
  const ada = await conversationWithTicket(parley, "ada");
  // Parley's last update left the ticket with `vip`…
  await queue(parley, [
    [ada.conversationId, { type: "zendesk.tags", add: ["vip"], remove: [] }],
    [ada.conversationId, { type: "zendesk.ticket.update", status: "pending" }],
  ]);
  // …then an agent took it off.
  now += 1000;
  await supportApi(sim, "DELETE", `tickets/${ada.ticketId}/tags.json`, { tags: ["vip"] });
  seen.length = 0;

  await queue(parley, [
    [ada.conversationId, { type: "zendesk.tags", add: ["vip"], remove: [] }],
    [ada.conversationId, { type: "zendesk.ticket.update", status: "pending" }],
  ]);

  expect(seen.map((call) => `${call.method} ${call.status}`)).toEqual(["GET 200", "PUT 200"]);
  expect((await supportApi(sim, "GET", `tickets/${ada.ticketId}.json`)).ticket.tags).toContain("vip");
}, 20_000);
