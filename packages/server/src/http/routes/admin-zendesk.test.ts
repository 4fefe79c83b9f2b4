import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSimulator, type Simulator } from "@parley/zendesk-sim";
import { afterEach, expect, test, vi } from "vitest";
import { adminCaller, type TestParley, testParley } from "../../testing/parley";
import {
  SIMULATOR_CONVERSATIONS_APP,
  SIMULATOR_CONVERSATIONS_AUTH,
  SIMULATOR_CONVERSATIONS_CONNECTION,
  SIMULATOR_SUPPORT_CONNECTION,
  SIMULATOR_SUPPORT_CREDENTIALS,
  SIMULATOR_URL,
  supportApi,
} from "../../zendesk/test-support";

// A whole Parley and a simulator per test: a few seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 20_000 });

const TOKEN = "admin-token-for-tests";

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Parley with an admin token, whose outgoing calls reach the simulator at sim.test; other hosts do not exist. */
async function setup(): Promise<{ server: TestParley; sim: Simulator }> {
  const sim = createSimulator({
    oauthTokens: [
      { token: "good-oauth", email: SIMULATOR_SUPPORT_CREDENTIALS.email, scopes: ["read", "write"] },
      { token: "tickets-only-oauth", email: SIMULATOR_SUPPORT_CREDENTIALS.email, scopes: ["tickets:read"] },
    ],
  });
  server = await testParley(
    { PARLEY_ADMIN_TOKEN: TOKEN },
    {
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.startsWith(SIMULATOR_URL)) throw new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }) });
        return sim.fetch(new Request(input, init));
      },
    },
  );
  return { server, sim };
}

const call = adminCaller(TOKEN);

const support = (fields: Record<string, string>) => ({ subdomain: "sim", baseUrl: SIMULATOR_URL, ...fields });

test("connecting the Support API checks the credentials for real, keeps them, and never shows the token", async () => {
  const { server } = await setup();
  expect((await call(server, "PUT", "/admin/api/zendesk/support", SIMULATOR_SUPPORT_CONNECTION, null)).status).toBe(401);
  expect((await call(server, "GET", "/admin/api/zendesk/support")).status).toBe(404);

  const connected = await call(server, "PUT", "/admin/api/zendesk/support", SIMULATOR_SUPPORT_CONNECTION);
  expect(connected.status).toBe(200);
  const body = (await connected.json()) as any;
  expect(body.connection).toMatchObject({ api: "support", subdomain: "sim", auth: "api_token", connected: true, agent: { name: "Alex Agent", role: "admin" } });
  const shown = await (await call(server, "GET", "/admin/api/zendesk/support")).text();
  expect(shown).toContain(SIMULATOR_SUPPORT_CREDENTIALS.email);
  expect(shown).not.toContain(SIMULATOR_SUPPORT_CREDENTIALS.apiToken);

  const oauth = (await (await call(server, "PUT", "/admin/api/zendesk/support", support({ oauthToken: "good-oauth" }))).json()) as any;
  expect(oauth.connection).toMatchObject({ auth: "oauth", connected: true });
});

test.each([
  ["a subdomain with no Zendesk account", { subdomain: "nosuchaccount", ...SIMULATOR_SUPPORT_CREDENTIALS }, "subdomain", "wrong_subdomain", /No Zendesk account answers at nosuchaccount\.zendesk\.com/],
  ["a Zendesk address where nothing answers", { ...SIMULATOR_SUPPORT_CONNECTION, baseUrl: "http://nothing.test" }, "baseUrl", "wrong_address", /Nothing answers at http:\/\/nothing\.test: check the Zendesk address/],
  ["a wrong API token", { ...SIMULATOR_SUPPORT_CONNECTION, apiToken: "wrong" }, "apiToken", "bad_credentials", /did not accept the email and API token/],
  ["a revoked OAuth token", support({ oauthToken: "revoked" }), "oauthToken", "bad_credentials", /did not accept the OAuth token/],
  ["an OAuth token without the read scope", support({ oauthToken: "tickets-only-oauth" }), "oauthToken", "missing_scope", /lacks the "read" scope/],
  ["an end user's API token", { ...SIMULATOR_SUPPORT_CONNECTION, email: "eve@example.com" }, "email", "not_an_agent", /eve@example\.com is an end user of sim\.zendesk\.com, not an agent/],
])("the Support API refuses %s with a precise message, and keeps nothing", async (_name, input, field, code, message) => {
  const { server, sim } = await setup();
  await supportApi(sim, "POST", "users.json", { user: { name: "Eve", email: "eve@example.com", role: "end-user" } });

  const refused = await call(server, "PUT", "/admin/api/zendesk/support", input);
  expect(refused.status).toBe(422);
  const body = (await refused.json()) as any;
  expect(body.error.code).toBe("zendesk_connection_failed");
  expect(body.error.message).toMatch(message);
  expect(body.error.issues).toEqual([{ path: field, message: code }]);
  expect((await call(server, "GET", "/admin/api/zendesk/support")).status).toBe(404);
});

test("the Support API input names what is missing", async () => {
  const { server } = await setup();
  const both = (await (await call(server, "PUT", "/admin/api/zendesk/support", support({ email: "a@b.co", apiToken: "t", oauthToken: "o" }))).json()) as any;
  expect(both.error).toMatchObject({ code: "invalid_request", issues: [{ path: "oauthToken" }] });
  const noToken = (await (await call(server, "PUT", "/admin/api/zendesk/support", support({ email: "a@b.co" }))).json()) as any;
  expect(noToken.error.issues[0].path).toBe("apiToken");
  const url = (await (await call(server, "PUT", "/admin/api/zendesk/support", { subdomain: "acme.zendesk.com", oauthToken: "o" })).json()) as any;
  expect(url.error.issues[0]).toMatchObject({ path: "subdomain", message: expect.stringContaining("acme for acme.zendesk.com") });
});

const conversations = (fields: Record<string, string> = {}) => ({ ...SIMULATOR_CONVERSATIONS_CONNECTION, ...fields });

test("the Conversations API connects with the app key; without multiple conversations live chat is refused with the reason and a link, and a re-check sees the change", async () => {
  const { server, sim } = await setup();
  await sim.fetch(new Request(`${SIMULATOR_URL}/__sim/conversations/settings`, { method: "POST", body: JSON.stringify({ multiConvoEnabled: false }) }));

  const connected = (await (await call(server, "PUT", "/admin/api/zendesk/conversations", conversations())).json()) as any;
  expect(connected.connection).toMatchObject({ connected: true, app: { id: "sim-app" }, multiConversations: false });
  expect(connected.connection.liveChat).toEqual({
    available: false,
    reason: expect.stringMatching(/multiple conversations.*cannot be undone.*Manage settings → Multi-conversations/s),
    manageUrl: "https://sim.zendesk.com/admin/channels/messaging_and_social/channels_list",
  });
  expect(JSON.stringify(connected)).not.toContain(SIMULATOR_CONVERSATIONS_APP.secret);
  // Parley only reads the setting: it is still off in Zendesk.
  const app = (await (await sim.fetch(new Request(`${SIMULATOR_URL}/v2/apps/${SIMULATOR_CONVERSATIONS_APP.appId}`, { headers: { Authorization: SIMULATOR_CONVERSATIONS_AUTH } }))).json()) as any;
  expect(app.app.settings.multiConvoEnabled).toBe(false);

  await sim.fetch(new Request(`${SIMULATOR_URL}/__sim/conversations/settings`, { method: "POST", body: JSON.stringify({ multiConvoEnabled: true }) }));
  const refreshed = (await (await call(server, "POST", "/admin/api/zendesk/conversations/check")).json()) as any;
  expect(refreshed.connection).toMatchObject({ multiConversations: true, liveChat: { available: true } });
  expect(((await (await call(server, "GET", "/admin/api/zendesk/conversations")).json()) as any).connection.liveChat).toEqual({ available: true });
});

test.each([
  ["a wrong secret", conversations({ secret: "nope" }), "secret", "bad_credentials"],
  ["an app id of no app", conversations({ appId: "other-app" }), "appId", "wrong_app"],
  ["a subdomain with no account", { ...conversations(), baseUrl: undefined, subdomain: "nosuchaccount" }, "subdomain", "wrong_subdomain"],
  ["an address where nothing answers", conversations({ baseUrl: "http://nothing.test" }), "baseUrl", "wrong_address"],
])("the Conversations API refuses %s and says which field", async (_name, input, field, code) => {
  const { server } = await setup();
  const body = (await (await call(server, "PUT", "/admin/api/zendesk/conversations", input)).json()) as any;
  expect(body.error).toMatchObject({ code: "zendesk_connection_failed", issues: [{ path: field, message: code }] });
});

test("a connection made here is used from the next start on, over the environment's", async () => {
  const sim = createSimulator();
  const dataDir = mkdtempSync(join(tmpdir(), "parley-connect-"));
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(SIMULATOR_URL)) throw new TypeError("fetch failed");
    return sim.fetch(new Request(input, init));
  };
  // The environment names an account that does not exist; the admin API connects the simulator.
  const env = { PARLEY_ADMIN_TOKEN: TOKEN, ZENDESK_SUBDOMAIN: "nosuchaccount", ZENDESK_EMAIL: "x@nosuch.test", ZENDESK_API_TOKEN: "x" };
  try {
    const first = await testParley(env, { fetch, dataDir });
    expect((await call(first, "PUT", "/admin/api/zendesk/support", support({ oauthToken: "sim-oauth-token" }))).status).toBe(200);
    await first.close();

    server = await testParley(env, { fetch, dataDir });
    const ping = (await (await server.request("/v1/apps/test-app/ping", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ visitor_id: "visitor-connect-1", user: {} }) })).json()) as any;
    await server.request("/v1/apps/test-app/conversations", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${ping.session.token}` },
      body: JSON.stringify({ client_id: "client-connect-001", text: "Which payment methods do you accept?" }),
    });
    await server.parley.outbox.idle();
    const tickets = (await (await sim.fetch(new Request(`${SIMULATOR_URL}/api/v2/tickets.json`, { headers: { Authorization: "Bearer sim-oauth-token" } }))).json()) as any;
    expect(tickets.tickets.map((ticket: any) => ticket.subject)).toEqual(["Messenger: Which payment methods do you accept?"]);
  } finally {
    await server?.close();
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
