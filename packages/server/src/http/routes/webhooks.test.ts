import { afterEach, expect, test } from "vitest";
import { type TestParley, testParley } from "../../testing/parley";
import { acmeSupportEnv, FakeZendesk } from "../../zendesk/test-support";

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test("until Zendesk has given the webhooks' secrets (just after a start, Zendesk unreachable), deliveries are asked to come back (503), never refused for good (401)", async () => {
  // A Zendesk that does not answer yet: Parley cannot register its webhooks or learn their secrets.
  server = await testParley(
    {
      PARLEY_PUBLIC_URL: "https://parley.acme.test",
      ...acmeSupportEnv("http://zendesk.test"),
      ZENDESK_CONVERSATIONS_BASE_URL: "http://zendesk.test",
      ZENDESK_CONVERSATIONS_APP_ID: "app",
      ZENDESK_CONVERSATIONS_KEY_ID: "key",
      ZENDESK_CONVERSATIONS_SECRET: "secret",
    },
    { fetch: async () => new Response("down for maintenance", { status: 503 }) },
  );
  const body = JSON.stringify({ app: { id: "app" }, webhook: { id: "w", version: "v2" }, events: [] });
  for (const path of ["/webhooks/conversations", "/webhooks/zendesk"]) {
    const answer = await server.request(path, { method: "POST", headers: { "Content-Type": "application/json", "X-API-Key": "guess" }, body });
    expect(answer.status, path).toBe(503);
    expect(answer.headers.get("Retry-After"), path).toBe("5");
  }
});

test("once set up, a delivery with a bad signature or key is refused for good (401)", async () => {
  const zendesk = new FakeZendesk();
  server = await testParley(
    { PARLEY_PUBLIC_URL: "https://parley.acme.test", ...acmeSupportEnv("http://zendesk.test") },
    { fetch: zendesk.fetch },
  );
  await server.parley.zendeskReady;
  const answer = await server.request("/webhooks/zendesk", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
  expect(answer.status).toBe(401);
});
