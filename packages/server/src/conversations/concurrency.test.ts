import type { PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test("messages sent to one conversation at the same moment are each stepped from the state before, none lost", async () => {
  server = await testParley();
  const parley = server;
  const ping = (await (await parley.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }))).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (
    await parley.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-0000000000", text: "Hello" }, headers))
  ).json()) as StartConversationResponse;
  const id = started.conversation.id;

  const sends = Array.from({ length: 12 }, (_, i) =>
    parley.request(
      `/v1/apps/${APP_ID}/conversations/${id}/messages`,
      json({ client_id: `client-${String(i + 1).padStart(10, "0")}`, text: `Which payment methods do you accept? (${i})` }, headers),
    ),
  );
  expect((await Promise.all(sends)).map((response) => response.status)).toEqual(Array(12).fill(201));
  await parley.parley.outbox.idle();

  // Every stored step adds one version: the customer's 13 messages and each AI reply.
  const aiReplies = await parley.parley.db.selectFrom("outbox").select("id").where("lane", "=", "ai").where("status", "=", "done").execute();
  const row = await parley.parley.db.selectFrom("conversations").select("version").where("id", "=", id).executeTakeFirstOrThrow();
  expect(row.version).toBe(13 + aiReplies.length);
  const state = JSON.parse((await parley.parley.db.selectFrom("conversations").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state) as {
    earlierQuestions: string[];
  };
  expect(state.earlierQuestions.length).toBeGreaterThan(0);
});
