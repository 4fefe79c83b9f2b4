import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { expect, test } from "vitest";
import { serversOnOneDatabase } from "../testing/instances";
import { APP_ID, json, type TestParley } from "../testing/parley";

// PARLEY_RUN_JOBS=false: an instance that serves HTTP and streams but runs no background jobs (the
// AI's answers, Zendesk's calls, timers), for deployments that keep web and worker processes apart.

const instances = serversOnOneDatabase("parley-run-jobs");

test("an instance started with PARLEY_RUN_JOBS=false stores the question but answers nothing; an instance that runs jobs answers it once", async () => {
  const web = await instances.start({ PARLEY_RUN_JOBS: "false" });
  const ping = (await (await web.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000009", user: {} }))).json()) as PingResponse;
  const auth = { Authorization: `Bearer ${ping.session.token}` };
  const started = await web.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-0000000001", text: "How do I reset my password?" }, auth));
  expect(started.status).toBe(201);
  const { conversation } = (await started.json()) as StartConversationResponse;
  const authors = async (on: TestParley) =>
    ((await (await on.request(`/v1/apps/${APP_ID}/conversations/${conversation.id}`, { headers: auth })).json()) as ConversationResponse).messages.map(
      (message) => message.author.type,
    );

  // Longer than the worker's poll: a worker would have answered by now.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await authors(web)).toEqual(["customer"]);
  expect((await web.parley.db.selectFrom("outbox").select("status").where("lane", "=", "ai").execute()).map((job) => job.status)).toEqual(["pending"]);

  // A worker on the same database (after the web instance on SQLite, which serves one process).
  await instances.stop(web);
  const worker = await instances.start();
  await expect.poll(() => authors(worker), { timeout: 10_000 }).toEqual(["customer", "ai"]);
}, 20_000); // two server starts, a 1.5 s wait and a poll of up to 10 s: more than the default 5 s on a loaded machine
