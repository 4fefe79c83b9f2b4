import type { PingResponse, StartConversationResponse } from "@parley/protocol";
import { createSimulator, type Simulator } from "@parley/zendesk-sim";
import { afterEach, expect, test, vi } from "vitest";
import { liveChatFor } from "../../store/zendesk-live-chats";
import { adminCaller, APP_ID, json, type TestParley, testParley } from "../../testing/parley";
import { SIMULATOR_CONVERSATIONS_CONNECTION, SIMULATOR_URL, simulatorFetch, simulatorSupportEnv, simulatorZendeskEnv } from "../../zendesk/test-support";

vi.setConfig({ testTimeout: 20_000 });

const TOKEN = "admin-token-for-tests";

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const call = adminCaller(TOKEN);

/** Parley whose console connected the simulator's Conversations API (multiple conversations as given). */
async function setup(multiConvoEnabled: boolean): Promise<{ server: TestParley; sim: Simulator }> {
  const sim = createSimulator({ conversations: { multiConvoEnabled } });
  server = await testParley(
    { PARLEY_ADMIN_TOKEN: TOKEN, ...simulatorSupportEnv() },
    { fetch: simulatorFetch(sim) },
  );
  return { server, sim };
}

const OFFICE_HOURS = { time_zone: "Europe/Berlin", weekly: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }], holidays: ["2026-12-25"] };

test("a ticket hand-off needs only the Zendesk API, and is set live in the workflow", async () => {
  const { server: target } = await setup(true);
  const before = (await (await call(target, "GET", "/admin/api/handoff")).json()) as { mode: string; needs: Record<string, string[]> };
  expect(before).toMatchObject({ mode: "ticket", needs: { ticket: ["support"], live: ["support", "conversations"] } });
  // Live chat is refused while the Conversations API is not connected.
  const refused = await call(target, "PUT", "/admin/api/handoff", { mode: "live" });
  expect(refused.status).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("Conversations API");

  const saved = await call(target, "PUT", "/admin/api/handoff", { mode: "ticket", office_hours: OFFICE_HOURS });
  expect(saved.status).toBe(200);
  const live = (await (await call(target, "GET", "/admin/api/workflow/live")).json()) as { version: number; workflow: { office_hours: unknown } };
  expect(live.version).toBeGreaterThan(0);
  expect(live.workflow.office_hours).toEqual(OFFICE_HOURS);
});

test("live chat and situation are refused while multiple conversations are off, and set live once they are on", async () => {
  const { server: target, sim } = await setup(false);
  const connect = await call(target, "PUT", "/admin/api/zendesk/conversations", SIMULATOR_CONVERSATIONS_CONNECTION);
  expect(connect.status).toBe(200);
  const refused = await call(target, "PUT", "/admin/api/handoff", { mode: "situation", office_hours: OFFICE_HOURS });
  expect(refused.status).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("multiple conversations");

  await sim.fetch(new Request(`${SIMULATOR_URL}/__sim/conversations/settings`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ multiConvoEnabled: true }) }));
  await call(target, "POST", "/admin/api/zendesk/conversations/check", {});
  // Situation decides by office hours: without them it is refused by field.
  const noHours = await call(target, "PUT", "/admin/api/handoff", { mode: "situation" });
  expect(noHours.status).toBe(400);
  expect(((await noHours.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("office_hours");
  const badZone = await call(target, "PUT", "/admin/api/handoff", { mode: "situation", office_hours: { ...OFFICE_HOURS, time_zone: "Mars/Olympus" } });
  expect(badZone.status).toBe(400);

  const saved = await call(target, "PUT", "/admin/api/handoff", { mode: "situation", office_hours: OFFICE_HOURS });
  expect(saved.status).toBe(200);
  const live = (await (await call(target, "GET", "/admin/api/workflow/live")).json()) as { workflow: { steps: Record<string, { type: string; mode?: string }> } };
  expect(Object.values(live.workflow.steps).filter((step) => step.type === "handoff").map((step) => step.mode)).toEqual(["situation"]);
  // The draft carries the same choice, so setting it live later keeps it.
  const draft = (await (await call(target, "GET", "/admin/api/workflow/draft")).json()) as { workflow: { office_hours: unknown } };
  expect(draft.workflow.office_hours).toEqual(OFFICE_HOURS);
  expect(((await (await call(target, "GET", "/admin/api/handoff")).json()) as { mode: string }).mode).toBe("situation");
});

test("with the hand-off set to live in the console, a customer the AI cannot help is passed to the agent workspace", async () => {
  let target: TestParley | undefined;
  const sim = createSimulator({
    conversations: { webhookRetryDelaysMs: [20] },
    webhookRetryDelaysMs: [20],
    // The simulator's webhooks reach this Parley.
    fetch: async (input, init) => (target ? target.parley.app.fetch(new Request(`http://localhost:8787${new URL(String(input)).pathname}`, init)) : new Response("not yet", { status: 503 })),
  });
  target = server = await testParley(
    { PARLEY_ADMIN_TOKEN: TOKEN, ...simulatorZendeskEnv() },
    { fetch: simulatorFetch(sim) },
  );
  await target.parley.conversationsReady;
  expect((await call(target, "PUT", "/admin/api/handoff", { mode: "live" })).status).toBe(200);

  const ping = (await (await target.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-console-live", user: { user_id: "User-78", name: "Ada" } }))).json()) as PingResponse;
  const started = (await (
    await target.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-console-live-1", text: "Can I bring my dog to your store?" }, { Authorization: `Bearer ${ping.session.token}` }))
  ).json()) as StartConversationResponse;
  await vi.waitFor(async () => expect((await liveChatFor(target.parley.db, started.conversation.id))?.status).toBe("live"), 10_000);
});
