import { randomBytes } from "node:crypto";
import { createServer, request as forward, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { startSimulator } from "@parley/zendesk-sim";
import pg from "pg";
import { newCustomer, openHostPage } from "./support/host-page";
import { messenger } from "./support/messenger";
import { type OwnParley, startOwnParley } from "./support/own-parley";

// Three Parley processes on one PostgreSQL behind a load balancer (a small proxy here) that sends
// the customer's stream to A, everything else the Messenger asks to B, and Zendesk's webhooks to C;
// only B runs jobs, so the AI's answer is B's and the agent's reply, whose webhook reached C, is
// fetched from Zendesk by B.
// This file runs in the PostgreSQL pass of `npm test` (DATABASE_URL set; see playwright.config.ts).

const AUTH = `Basic ${Buffer.from("agent@sim.zendesk.test/token:sim-token").toString("base64")}`;
type Instance = "A" | "B" | "C";

let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
let balancer: Server | undefined;
let balancerUrl = "";
const instances: Partial<Record<Instance, OwnParley>> = {};
/** What the balancer sent where: "A GET /v1/apps/demo/stream", … */
const routed: string[] = [];
let schema = "";

function routeOf(method: string, path: string): Instance {
  if (path.startsWith("/webhooks/")) return "C";
  if (method === "GET" && /\/stream(\?|$)/.test(path)) return "A";
  return "B";
}

async function startBalancer(): Promise<void> {
  balancer = createServer((incoming, outgoing) => {
    const path = incoming.url ?? "/";
    const to = routeOf(incoming.method ?? "GET", path);
    routed.push(`${to} ${incoming.method} ${path.split("?")[0]}`);
    const target = new URL(instances[to]!.url);
    const upstream = forward(
      { hostname: target.hostname, port: target.port, method: incoming.method, path, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing); // streams (SSE) pass through as they are written
      },
    );
    upstream.on("error", () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => balancer!.listen(0, "localhost", resolve));
  balancerUrl = `http://localhost:${(balancer.address() as AddressInfo).port}`;
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // A schema of this file's own on the run's PostgreSQL: the three instances share it, nobody else does.
  schema = `e2e_instances_${randomBytes(5).toString("hex")}`;
  await admin(`create schema ${schema}`);
  const databaseUrl = new URL(process.env.DATABASE_URL!);
  databaseUrl.searchParams.set("options", `-c search_path=${schema}`);
  simulator = await startSimulator({ port: 0 });
  await startBalancer();
  const env = {
    DATABASE_URL: databaseUrl.href,
    ZENDESK_BASE_URL: simulator.url,
    ZENDESK_EMAIL: "agent@sim.zendesk.test",
    ZENDESK_API_TOKEN: "sim-token",
    // Every instance tells Zendesk the balancer's address, as behind a real load balancer.
    PARLEY_PUBLIC_URL: balancerUrl,
  };
  // Only B runs jobs (the AI's answers, Zendesk's calls): A and C serve HTTP only, so what A's
  // stream shows was stored by another process and reached A through PostgreSQL.
  const webOnly = { ...env, PARLEY_RUN_JOBS: "false" };
  // A first, so it makes the tables and registers the agent-reply webhook; B and C find both.
  instances.A = await startOwnParley(webOnly, { zendesk: "own" });
  await expect
    .poll(async () => {
      const listed = (await (await fetch(`${simulator!.url}/api/v2/webhooks`, { headers: { Authorization: AUTH } })).json()) as { webhooks?: { endpoint: string }[] };
      return listed.webhooks?.some((webhook) => webhook.endpoint === `${balancerUrl}/webhooks/zendesk`) ?? false;
    }, { timeout: 30_000 })
    .toBe(true);
  [instances.B, instances.C] = await Promise.all([startOwnParley(env, { zendesk: "own" }), startOwnParley(webOnly, { zendesk: "own" })]);
});

test.afterAll(async () => {
  await Promise.all(Object.values(instances).map((instance) => instance.stop()));
  await new Promise((resolve) => (balancer ? balancer.close(resolve) : resolve(undefined)));
  await simulator?.close();
  if (schema) await admin(`drop schema if exists ${schema} cascade`);
});

test("a customer whose stream is on instance A sees the AI's answer to a message sent to B and an agent's reply whose webhook reached C, once each", async ({ page, context }) => {
  test.setTimeout(90_000);
  const customer = newCustomer("Ada Lovelace");
  await openHostPage(page, customer, { serverUrl: balancerUrl });
  const chat = messenger(page);
  await chat.open();
  await chat.send("How do I reset my password?");
  await expect(chat.log.getByRole("link", { name: "Resetting your password and managing your account" })).toBeVisible({ timeout: 15_000 });

  // The conversation's ticket, and an agent answering it in Zendesk's agent page.
  const findTicket = async (): Promise<number | null> => {
    const found = (await (await fetch(`${simulator!.url}/api/v2/tickets.json`, { headers: { Authorization: AUTH } })).json()) as {
      tickets: { id: number; requester_id: number }[];
    };
    for (const candidate of found.tickets) {
      const user = (await (await fetch(`${simulator!.url}/api/v2/users/${candidate.requester_id}.json`, { headers: { Authorization: AUTH } })).json()) as {
        user: { external_id: string | null };
      };
      if (user.user.external_id === customer.user_id) return candidate.id;
    }
    return null;
  };
  let ticketId: number | null = null;
  await expect.poll(async () => (ticketId = await findTicket()), { timeout: 15_000 }).not.toBeNull();
  const agent = await context.newPage();
  await agent.goto(`${simulator!.url}/agent/tickets/${ticketId}`);
  const reply = `Hi Ada, the link in that article works for an hour. (${Date.now()})`;
  await agent.getByRole("textbox", { name: "Reply" }).fill(reply);
  await agent.getByRole("button", { name: "Send reply" }).click();

  await expect(chat.log.getByText(reply)).toBeVisible({ timeout: 15_000 });
  // Once each: the stream's frames came through one instance that stored none of them.
  await expect(chat.log.getByText(reply)).toHaveCount(1);
  await expect(chat.log.getByRole("link", { name: "Resetting your password and managing your account" })).toHaveCount(1);
  await expect(chat.log.getByText("How do I reset my password?", { exact: true })).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath("customer-on-instance-a.png") });

  // The balancer did spread the work as the test says: A only streamed, B took the message, C the webhook.
  expect(routed.filter((line) => line.startsWith("A "))).not.toEqual([]);
  expect(routed.filter((line) => line.startsWith("A ")).every((line) => / \/v1\/apps\/[^/]+\/stream$/.test(line))).toBe(true);
  expect(routed).toContain("B POST /v1/apps/demo/conversations");
  expect(routed).toContain("C POST /webhooks/zendesk");
});
