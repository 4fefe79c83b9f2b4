import { createSimulator, type Simulator } from "@parley/zendesk-sim";
import { afterEach, expect, test, vi } from "vitest";
import { adminCaller, APP_ID, type TestParley, testParley } from "../../testing/parley";
import { SIMULATOR_URL, simulatorZendeskEnv } from "../../zendesk/test-support";
import { VALIDATION_MESSAGE } from "./admin-setup";

// A whole Parley (and a simulated Zendesk) per test: a few seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 20_000 });

const TOKEN = "admin-token-for-tests";

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const call = adminCaller(TOKEN);

async function setup(env: Record<string, string> = {}) {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN, ...env });
  return server;
}

/** Parley mirroring to a simulated Zendesk (both APIs, from the environment); `requesterRewrite` makes Zendesk report another external_id. */
async function setupWithZendesk(): Promise<{ server: TestParley; sim: Simulator; rewrite: { externalId: string | null } }> {
  const sim = createSimulator();
  const rewrite = { externalId: null as string | null };
  server = await testParley(
    { PARLEY_ADMIN_TOKEN: TOKEN, ...simulatorZendeskEnv() },
    {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (!request.url.startsWith(SIMULATOR_URL)) throw new TypeError("fetch failed");
        const response = await sim.fetch(request);
        if (rewrite.externalId !== null && request.method === "GET" && /\/api\/v2\/users\/\d+\.json$/.test(new URL(request.url).pathname)) {
          const body = (await response.json()) as { user: Record<string, unknown> };
          return Response.json({ user: { ...body.user, external_id: rewrite.externalId } });
        }
        return response;
      },
    },
  );
  return { server, sim, rewrite };
}

async function setupState(target: TestParley) {
  const response = await call(target, "GET", "/admin/api/setup");
  expect(response.status).toBe(200);
  return (await response.json()) as {
    live: boolean;
    test_link: { parameter: string; token: string; demo_url: string };
    steps: { id: string; title: string; done: boolean; detail: string }[];
    ready: { articles: number; zendesk: boolean };
  };
}

const loader = async (target: TestParley, query = "") => (await target.request(`/widget/${APP_ID}${query}`)).text();
const MESSENGER = "/widget/assets/messenger-abc123.js";

test("the five steps show what is done: a fresh server without Zendesk is live, with nothing else done", async () => {
  const target = await setup();
  const state = await setupState(target);
  expect(state.steps.map((step) => step.title)).toEqual(["Connect Zendesk", "Build your workflow", "Install the Messenger", "Test", "Go live"]);
  expect(Object.fromEntries(state.steps.map((step) => [step.id, step.done]))).toEqual({ zendesk: false, workflow: false, install: false, test: false, live: true });
  expect(state.ready.articles).toBeGreaterThan(0);
  expect((await target.request("/admin/api/setup")).status).toBe(401);
});

test("back in test mode the Messenger loads only through the test link; a wrong token is refused; Go live shows it to everyone again", async () => {
  const target = await setup();
  expect(await loader(target)).toContain(MESSENGER);

  expect((await (await call(target, "PUT", "/admin/api/setup/live", { live: false })).json()).live).toBe(false);
  const { test_link: link, steps } = await setupState(target);
  expect(steps.find((step) => step.id === "live")?.done).toBe(false);
  const gate = await loader(target);
  expect(gate).not.toContain(MESSENGER);
  expect(gate).toContain(`"${link.parameter}"`);
  expect(gate).not.toContain(link.token);
  expect(await loader(target, "?test=not-the-token")).toContain("not valid");
  expect(await loader(target, `?test=${link.token}`)).toContain(MESSENGER);
  // Every page load asks again (a 304 when nothing changed), so a switch reaches the next page.
  expect((await target.request(`/widget/${APP_ID}`)).headers.get("Cache-Control")).toContain("no-cache");

  // A new link: the old token stops working.
  const renewed = (await (await call(target, "POST", "/admin/api/setup/test-link", {})).json()) as { test_link: { token: string } };
  expect(renewed.test_link.token).not.toBe(link.token);
  expect(await loader(target, `?test=${link.token}`)).toContain("not valid");

  await call(target, "PUT", "/admin/api/setup/live", { live: true });
  expect(await loader(target)).toContain(MESSENGER);
  expect((await call(target, "PUT", "/admin/api/setup/live", { live: "yes" })).status).toBe(400);
});

test("PARLEY_LIVE=false starts the app in test mode", async () => {
  const target = await setup({ PARLEY_LIVE: "false" });
  expect((await setupState(target)).live).toBe(false);
  expect(await loader(target)).not.toContain(MESSENGER);
});

test("validating the setup starts a conversation as the user and shows the Zendesk requester next to what was expected", async () => {
  const { server: target, rewrite } = await setupWithZendesk();
  expect((await call(target, "POST", "/admin/api/setup/validation", {})).status).toBe(400);
  const started = await call(target, "POST", "/admin/api/setup/validation", { user_id: "Customer-42", email: "ada@example.com", name: "Ada" });
  expect(started.status).toBe(201);
  const { conversation_id: id, expected } = (await started.json()) as { conversation_id: string; expected: unknown };
  expect(expected).toEqual({ external_id: "customer-42", email: "ada@example.com" });

  let result: Record<string, unknown> = {};
  await vi.waitFor(async () => {
    result = (await (await call(target, "GET", `/admin/api/setup/validation/${id}`)).json()) as Record<string, unknown>;
    expect(result.status).toBe("done");
  }, 10_000);
  expect(result).toMatchObject({ matches: true, mismatches: [], requester: { external_id: "customer-42", email: "ada@example.com", name: "Ada" } });
  const transcript = (await (await call(target, "GET", `/admin/api/conversations/${id}`)).json()) as { messages: { text: string }[] };
  expect(transcript.messages[0]?.text).toBe(VALIDATION_MESSAGE);
  expect((await setupState(target)).steps.find((step) => step.id === "test")?.done).toBe(true);

  // Zendesk reporting another user: the mismatch is named.
  rewrite.externalId = "someone-else";
  const mismatch = (await (await call(target, "GET", `/admin/api/setup/validation/${id}`)).json()) as Record<string, unknown>;
  expect(mismatch).toMatchObject({ matches: false, mismatches: ["external_id"], requester: { external_id: "someone-else" } });
  expect((await call(target, "GET", "/admin/api/setup/validation/conv_nope")).status).toBe(404);
});

test("validating without Zendesk says Zendesk is not connected", async () => {
  const target = await setup();
  const response = await call(target, "POST", "/admin/api/setup/validation", { email: "ada@example.com" });
  expect(response.status).toBe(409);
  expect(((await response.json()) as { error: { message: string } }).error.message).toContain("not connected");
});
