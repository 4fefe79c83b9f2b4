import type { PingResponse, StartConversationResponse } from "@parley/protocol";
import { createSimulator, type Simulator } from "@parley/zendesk-sim";
import { afterEach, expect, test, vi } from "vitest";
import type { Db } from "../../store/db";
import { openFreshDatabase, type TestDatabase } from "../../testing/database";
import { adminCaller, APP_ID, json, type TestParley, testParley } from "../../testing/parley";
import { SIMULATOR_SUPPORT_CONNECTION, SIMULATOR_URL, simulatorSupportEnv, supportApi } from "../test-support";
import { CONNECTIONS_CACHE_MS, type ConnectionsInEffect, ZendeskConnections } from "./in-effect";
import { saveConnection } from "./store";

// A whole Parley and a simulator per test: a few seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 20_000 });

const TOKEN = "admin-token-for-tests";
const call = adminCaller(TOKEN);

let server: TestParley | undefined;
let database: { db: Db; database: TestDatabase } | undefined;
afterEach(async () => {
  await server?.close();
  await database?.db.destroy();
  await database?.database.dispose();
  server = database = undefined;
});

/** Parley without Zendesk in its environment (or with `env`'s), whose calls to sim.test reach the simulator; other hosts are down. */
async function setup(env: Record<string, string> = {}): Promise<{ server: TestParley; sim: Simulator }> {
  const sim = createSimulator();
  server = await testParley(
    { PARLEY_ADMIN_TOKEN: TOKEN, ...env },
    {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (!request.url.startsWith(SIMULATOR_URL)) throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
        return sim.fetch(request);
      },
    },
  );
  return { server, sim };
}

async function tickets(sim: Simulator): Promise<{ id: number; tags: string[]; status: string }[]> {
  return (await supportApi(sim, "GET", "tickets.json")).tickets;
}

/** A customer asks a question and then for a person. */
async function handOff(target: TestParley, userId: string): Promise<string> {
  const ping = (await (await target.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: `visitor-${userId}-0001`, user: { user_id: userId, name: "Ada" } }))).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (await target.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: `client-${userId}-0001`, text: "How do I reset my password?" }, headers))).json()) as StartConversationResponse;
  await target.parley.outbox.idle();
  await target.request(`/v1/apps/${APP_ID}/conversations/${started.conversation.id}/messages`, json({ client_id: `client-${userId}-0002`, text: "Talk to a person", action: "handoff" }, headers));
  await target.parley.outbox.idle();
  return started.conversation.id;
}

const connectSupport = (target: TestParley) => call(target, "PUT", "/admin/api/zendesk/support", SIMULATOR_SUPPORT_CONNECTION);

test("a Zendesk connection made in the console is used at once: a hand-off makes a ticket and the setup can be validated, without a restart", async () => {
  const { server, sim } = await setup({ PARLEY_PUBLIC_URL: "https://parley.acme.test" });
  const refused = await call(server, "POST", "/admin/api/setup/validation", { user_id: "customer-1" });
  expect(refused.status).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).not.toContain("restart");

  expect((await connectSupport(server)).status).toBe(200);

  await handOff(server, "customer-2");
  const [ticket] = await tickets(sim);
  expect(ticket?.tags).toEqual(expect.arrayContaining(["intercom-messenger", "fin-routed-to-team"]));
  expect(ticket?.status).toBe("open");

  const started = await call(server, "POST", "/admin/api/setup/validation", { user_id: "customer-3", email: "ada@example.com" });
  expect(started.status).toBe(201);
  const { conversation_id: id } = (await started.json()) as { conversation_id: string };
  await vi.waitFor(async () => {
    const result = (await (await call(server, "GET", `/admin/api/setup/validation/${id}`)).json()) as Record<string, unknown>;
    expect(result).toMatchObject({ status: "done", matches: true, ticket: { url: expect.stringContaining(`${SIMULATOR_URL}/agent/tickets/`) } });
  }, 10_000);
  // And the agents' replies can come back: the agent-reply webhook was registered with the new Zendesk.
  await vi.waitFor(async () => {
    const hooks = (await supportApi(sim, "GET", "webhooks")) as { webhooks: { endpoint: string }[] };
    expect(hooks.webhooks.map((hook) => hook.endpoint)).toContain("https://parley.acme.test/webhooks/zendesk");
  }, 5_000);
});

test("a job waiting for its next attempt with the old connection runs with the new one", async () => {
  // The environment's Zendesk is down: the first attempt of the ticket's job fails and waits.
  const { server, sim } = await setup(simulatorSupportEnv("http://zendesk-down.test"));
  await handOff(server, "customer-4");
  expect(await tickets(sim)).toEqual([]);
  const jobs = (await (await call(server, "GET", "/admin/api/jobs?status=pending")).json()) as { jobs: { id: string; lane: string; status: string }[] };
  const waiting = jobs.jobs.filter((job) => job.lane === "zendesk");
  expect(waiting.length).toBeGreaterThan(0);

  expect((await connectSupport(server)).status).toBe(200);
  for (const job of waiting) await call(server, "POST", `/admin/api/jobs/${job.id}/retry`);
  await vi.waitFor(async () => {
    await server.parley.outbox.idle();
    const [ticket] = await tickets(sim);
    expect(ticket?.tags).toContain("fin-routed-to-team");
  }, 10_000);
});

test("another instance sharing the database uses a new connection within seconds, and tells what changed", async () => {
  database = await openFreshDatabase();
  let now = new Date("2026-11-30T09:00:00.000Z").getTime();
  const changes: { support: boolean; conversations: boolean }[] = [];
  const environment: ConnectionsInEffect = { support: null, conversations: null };
  const other = await ZendeskConnections.open({
    db: database.db,
    box: null,
    environment,
    build: (connections) => connections.support?.baseUrl ?? "not connected",
    onChange: (_built, changed) => changes.push(changed),
    clock: () => new Date(now),
    log: () => {},
  });
  expect(other.now).toBe("not connected");

  // The console, on one instance, saves a connection.
  const credentials = { subdomain: "acme", auth: { kind: "api_token" as const, email: "agent@acme.test", token: "t0ken" } };
  await saveConnection(database.db, "support", credentials, { ok: true }, new Date(now).toISOString(), null);
  now += 1_000;
  expect(await other.current()).toBe("not connected"); // trusted a few seconds, as the enforcement switch is
  now += CONNECTIONS_CACHE_MS;
  expect(await other.current()).toBe("https://acme.zendesk.com");
  expect(changes).toEqual([{ support: true, conversations: false }]);

  // Saved again unchanged: nothing is rebuilt.
  await saveConnection(database.db, "support", credentials, { ok: true }, new Date(now).toISOString(), null);
  await other.refresh();
  expect(changes).toHaveLength(1);
});
