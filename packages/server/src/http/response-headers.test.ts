import { afterEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SHOP = "https://shop.example.com";
/** The fields a Vary header lists, as a cache reads them. */
const varied = (response: Response) => (response.headers.get("vary") ?? "").split(",").map((field) => field.trim().toLowerCase()).filter(Boolean);

test("the API's JSON errors carry nosniff, so a browser never reads one as a page or a script", async () => {
  server = await testParley();
  const answers = {
    "not found": await server.request(`/v1/apps/${APP_ID}/nothing-here`),
    "a malformed ping": await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "<script>alert(1)</script>" })),
    "no session": await server.request(`/v1/apps/${APP_ID}/conversations`),
    "the admin API without a token": await server.request("/admin/api/articles"),
    "a webhook without a signature": await server.request("/webhooks/zendesk", json({ type: "agent_reply" })),
  };
  for (const [what, response] of Object.entries(answers)) {
    expect(response.status, what).toBeGreaterThanOrEqual(400);
    expect(response.headers.get("content-type"), what).toMatch(/json/);
    expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  }
  // A successful answer carries it too.
  const ok = await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }));
  expect(ok.status).toBe(200);
  expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
});

test("the widget API lists Vary: Origin once, on answers, errors and preflights, with trusted origins or without", async () => {
  const setups: Record<string, string>[] = [{}, { PARLEY_ALLOWED_ORIGINS: SHOP }];
  for (const env of setups) {
    server = await testParley(env);
    const answers = {
      ping: await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }, { Origin: SHOP })),
      error: await server.request(`/v1/apps/${APP_ID}/conversations`, { headers: { Origin: SHOP } }),
      preflight: await server.request(`/v1/apps/${APP_ID}/ping`, {
        method: "OPTIONS",
        headers: { Origin: SHOP, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
      }),
    };
    for (const [what, response] of Object.entries(answers)) {
      expect(varied(response).filter((field) => field === "origin"), `${what} ${JSON.stringify(env)}`).toEqual(["origin"]);
    }
    await server.close();
    server = undefined;
  }
});
