import type { PingResponse, StartConversationResponse } from "@parley/protocol";
import { createSimulator } from "@parley/zendesk-sim";
import { afterEach, expect, test, vi } from "vitest";
import { freshDatabase, type TestDatabase } from "../../testing/database";
import { adminCaller, APP_ID, json, type TestParley, testParley } from "../../testing/parley";
import { SIMULATOR_SUPPORT_CONNECTION, simulatorFetch, supportApi } from "../test-support";
import { CONNECTIONS_CACHE_MS } from "./in-effect";

// Two server instances on one PostgreSQL: a Zendesk connection made through one reaches the other
// within seconds, with no restart. (PostgreSQL only: SQLite serves one instance.)
vi.setConfig({ testTimeout: 30_000 });

const TOKEN = "admin-token-for-tests";
const call = adminCaller(TOKEN);

const servers: TestParley[] = [];
let database: TestDatabase | undefined;
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await database?.dispose();
  database = undefined;
});

test("a connection made through one instance is used by another within seconds", async () => {
  const sim = createSimulator();
  database = await freshDatabase();
  const start = async () => {
    const server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN }, { database, fetch: simulatorFetch(sim) });
    servers.push(server);
    return server;
  };
  const [a, b] = [await start(), await start()];
  expect((await call(b, "POST", "/admin/api/setup/validation", { user_id: "customer-1" })).status).toBe(409);

  const connected = await call(a, "PUT", "/admin/api/zendesk/support", SIMULATOR_SUPPORT_CONNECTION);
  expect(connected.status).toBe(200);

  // Instance b reads the connections again within CONNECTIONS_CACHE_MS (it polls them too).
  await vi.waitFor(async () => expect((await call(b, "POST", "/admin/api/setup/validation", { user_id: "customer-2" })).status).toBe(201), {
    timeout: CONNECTIONS_CACHE_MS + 3_000,
    interval: 250,
  });

  // A customer on instance b is handed off: the ticket is made in the connected Zendesk.
  const ping = (await (await b.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-pg-0001", user: { user_id: "customer-3" } }))).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (await b.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-pg-00001", text: "How do I reset my password?" }, headers))).json()) as StartConversationResponse;
  await b.request(`/v1/apps/${APP_ID}/conversations/${started.conversation.id}/messages`, json({ client_id: "client-pg-00002", text: "Talk to a person", action: "handoff" }, headers));
  await vi.waitFor(async () => {
    const tickets = (await supportApi(sim, "GET", "tickets.json")) as { tickets: { external_id: string | null; tags: string[] }[] };
    const handedOff = tickets.tickets.find((ticket) => ticket.tags.includes("fin-routed-to-team"));
    expect(handedOff).toBeDefined();
  }, 10_000);
});
