import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { freshDatabase, type TestDatabase } from "../testing/database";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";

// PARLEY_RUN_JOBS=false: an instance that serves HTTP and streams but runs no background jobs (the
// AI's answers, Zendesk's calls, timers), for deployments that keep web and worker processes apart.

const servers: TestParley[] = [];
let database: TestDatabase | undefined;
let folder: string | undefined;
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await database?.dispose();
  if (folder) rmSync(folder, { recursive: true, force: true });
  database = folder = undefined;
});

test("an instance started with PARLEY_RUN_JOBS=false stores the question but answers nothing; an instance that runs jobs answers it once", async () => {
  folder = mkdtempSync(join(tmpdir(), "parley-run-jobs-"));
  database = await freshDatabase(folder);
  const web = await testParley({ PARLEY_RUN_JOBS: "false" }, { database, dataDir: folder });
  servers.push(web);
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
  await web.close();
  servers.splice(0);
  const worker = await testParley({}, { database, dataDir: folder });
  servers.push(worker);
  await expect.poll(() => authors(worker), { timeout: 10_000 }).toEqual(["customer", "ai"]);
});
