import { createSimulator } from "@parley/zendesk-sim";
import { expect, test } from "vitest";
import { SIMULATOR_CONVERSATIONS_APP, SIMULATOR_CONVERSATIONS_AUTH, SIMULATOR_SUPPORT_CREDENTIALS, SIMULATOR_URL, supportApi } from "./test-support";

// The tests that use the simulator share these credentials: if the simulator's defaults move, this
// says so here rather than as a dozen refused calls elsewhere.

test("the shared simulator credentials are the ones a fresh simulator accepts, on both APIs", async () => {
  const sim = createSimulator();
  expect(sim.credentials).toMatchObject(SIMULATOR_SUPPORT_CREDENTIALS);
  expect(sim.conversationsCredentials).toEqual(SIMULATOR_CONVERSATIONS_APP);
  expect((await supportApi(sim, "GET", "users/me.json")).user).toMatchObject({ email: SIMULATOR_SUPPORT_CREDENTIALS.email, role: "admin" });
  const app = await sim.fetch(new Request(`${SIMULATOR_URL}/v2/apps/${SIMULATOR_CONVERSATIONS_APP.appId}`, { headers: { Authorization: SIMULATOR_CONVERSATIONS_AUTH } }));
  expect(app.status).toBe(200);
});
