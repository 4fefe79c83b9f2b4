import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, test } from "vitest";
import { hashPassword } from "../security/password";
import { adminCaller, type TestParley, testParley } from "../testing/parley";

const TOKEN = "test-admin-token-0123";
const BASE = "http://localhost:8787";
const call = adminCaller(TOKEN);
const example = JSON.parse(readFileSync(fileURLToPath(new URL("../../../../examples/workflows/collect-order-number.json", import.meta.url)), "utf8"));

let server: TestParley;
beforeEach(async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN, PARLEY_ADMIN_PASSWORD_HASH: await hashPassword("a long admin password") });
});
afterEach(async () => {
  await server.close();
});

test("an article of 20 KB is saved through the admin API (the sign-in's small cap is not every admin route's)", async () => {
  const paragraph = "Returns are free within thirty days of delivery; keep the box and the receipt. ";
  const body = `# Returns\n\n${paragraph.repeat(Math.ceil(20_000 / paragraph.length))}`;
  expect(body.length).toBeGreaterThan(20_000);
  const created = await call(server, "POST", "/admin/api/articles", { id: "long-returns", title: "Returns, in full", url: "/help/long-returns", body });
  expect(created.status).toBe(201);
  const read = (await (await call(server, "GET", "/admin/api/articles/long-returns")).json()) as { article: { body?: string; text?: string } };
  expect(JSON.stringify(read)).toContain("keep the box and the receipt");
});

test("a workflow draft of more than 6 KB is saved", async () => {
  const long = (what: string) => `${what} `.repeat(Math.floor(1990 / (what.length + 1))).trim();
  const draft = structuredClone(example);
  draft.greeting.text = long("Hello, ask about orders.");
  draft.steps.order.text = long("What is your order number?");
  draft.steps.handoff.text = long("The team will reply here.");
  expect(JSON.stringify(draft).length).toBeGreaterThan(6 * 1024);
  const saved = await call(server, "PUT", "/admin/api/workflow/draft", draft);
  expect(saved.status).toBe(200);
  const read = (await (await call(server, "GET", "/admin/api/workflow/draft")).json()) as { workflow: { greeting: { text: string } } };
  expect(read.workflow.greeting.text).toBe(draft.greeting.text);
});

test("the sign-in's body is still capped at 4 KB", async () => {
  const login = (password: string) =>
    server.request(`${BASE}/admin/api/login`, { method: "POST", headers: { "Content-Type": "application/json", Origin: BASE }, body: JSON.stringify({ password }) });
  expect((await login("x".repeat(5 * 1024))).status).toBe(413);
  expect((await login("a long admin password")).status).toBe(200);
});

test("admin bodies past the largest limit are refused with 413", async () => {
  const huge = await call(server, "POST", "/admin/api/jobs/1/retry", { padding: "x".repeat(3 * 1024 * 1024) });
  expect(huge.status).toBe(413);
});
