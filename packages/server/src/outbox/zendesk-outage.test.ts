import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";
import { acmeSupportEnv } from "../zendesk/test-support";

const ZENDESK_ENV = {
  ...acmeSupportEnv("https://acme.zendesk.test"),
  // Forty customers from one address in a second: the per-address limit would refuse most of them.
  PARLEY_RATE_LIMIT: "off",
  PARLEY_ADMIN_TOKEN: "admin-secret",
};

const CONVERSATIONS = 40;

let server: TestParley | undefined;
const hanging: Array<() => void> = [];
afterEach(async () => {
  await server?.parley.outbox.stop(0); // the Zendesk calls would never finish
  for (const fail of hanging.splice(0)) fail();
  await server?.close();
  server = undefined;
});

/** A Zendesk that takes every request and never answers, as in an outage with connections left hanging. */
const unreachableZendesk = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> =>
  new Promise<Response>((_, reject) => {
    const fail = () => reject(new TypeError("fetch failed"));
    hanging.push(fail);
    init?.signal?.addEventListener("abort", fail);
  });

test("while Zendesk does not answer, every customer still gets the AI's answer", async () => {
  server = await testParley(ZENDESK_ENV, { fetch: unreachableZendesk });
  const parley = server;
  const ping = (await (await parley.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }))).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${ping.session.token}` };

  // More conversations than Zendesk calls may run at once: each one's ticket call hangs.
  const ids: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const response = await parley.request(
      `/v1/apps/${APP_ID}/conversations`,
      json({ client_id: `client-${String(i).padStart(10, "0")}`, text: "How do I reset my password?" }, headers),
    );
    ids.push(((await response.json()) as StartConversationResponse).conversation.id);
  }

  const answered = async () => {
    let count = 0;
    for (const id of ids) {
      const thread = (await (await parley.request(`/v1/apps/${APP_ID}/conversations/${id}`, { headers })).json()) as ConversationResponse;
      if (thread.messages.some((message) => message.author.type === "ai" && message.citations.length > 0)) count++;
    }
    return count;
  };
  await expect.poll(answered, { timeout: 10_000, interval: 100 }).toBe(CONVERSATIONS);

  // The Zendesk calls are still waiting, not lost.
  const pending = await parley.parley.db.selectFrom("outbox").select("lane").where("status", "=", "pending").execute();
  expect(pending.filter((row) => row.lane === "zendesk").length).toBeGreaterThanOrEqual(CONVERSATIONS);
}, 30_000);
