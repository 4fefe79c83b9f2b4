import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PingResponse } from "@parley/protocol";
import { afterEach, expect, test, vi } from "vitest";
import { hashPassword } from "../security/password";
import { RATE_RULES } from "../security/rate-limit";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";

// Several instances on one database (PostgreSQL in production; the suite runs this on SQLite and
// PostgreSQL): which limits hold across them, and which are each instance's own, as SECURITY.md says.

vi.setConfig({ testTimeout: 20_000 });

const BASE = "http://localhost:8787";
const PASSWORD = "a long admin password";
const servers: TestParley[] = [];
let folder: string | undefined;
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** Two instances on one data folder, hence one database. */
async function twoInstances(env: Record<string, string> = {}): Promise<[TestParley, TestParley]> {
  folder = mkdtempSync(join(tmpdir(), "parley-instances-"));
  const first = await testParley(env, { dataDir: folder });
  servers.push(first);
  const second = await testParley(env, { dataDir: folder });
  servers.push(second);
  return [first, second];
}

const login = (s: TestParley) =>
  s.request(`${BASE}/admin/api/login`, { method: "POST", headers: { "Content-Type": "application/json", Origin: BASE }, body: JSON.stringify({ password: "a wrong guess" }) });

test("admin login tries are counted across instances: spreading guesses over them gains nothing", async () => {
  const instances = await twoInstances({ PARLEY_ADMIN_PASSWORD_HASH: await hashPassword(PASSWORD) });
  const statuses: number[] = [];
  for (let i = 0; i < RATE_RULES.adminLogin.burst + 1; i++) statuses.push((await login(instances[i % 2]!)).status);
  expect(statuses).toEqual([...Array(RATE_RULES.adminLogin.burst).fill(401), 429]);
  const refused = await login(instances[0]);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
});

test("pings of one browser are counted across instances", async () => {
  const instances = await twoInstances();
  const statuses: number[] = [];
  for (let i = 0; i < RATE_RULES.visitorPing.burst + 2; i++) {
    statuses.push((await instances[i % 2]!.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-spread", user: {} }))).status);
  }
  expect(statuses.slice(0, RATE_RULES.visitorPing.burst)).toEqual(Array(RATE_RULES.visitorPing.burst).fill(200));
  expect(statuses.slice(RATE_RULES.visitorPing.burst)).toEqual([429, 429]);
});

test("the per-contact limit is each instance's own: a session that used it up on one instance is still served by another", async () => {
  const [first, second] = await twoInstances();
  const session = (await (await first.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-busy", user: {} }))).json()) as PingResponse;
  const headers = { Authorization: `Bearer ${session.session.token}` };
  let refused = 0;
  for (let i = 0; i <= RATE_RULES.contact.burst; i++) {
    if ((await first.request(`/v1/apps/${APP_ID}/conversations`, { headers })).status === 429) refused++;
  }
  expect(refused).toBeGreaterThan(0);
  // What SECURITY.md says: behind N instances a client may make up to N times these requests.
  expect((await second.request(`/v1/apps/${APP_ID}/conversations`, { headers })).status).toBe(200);
});
