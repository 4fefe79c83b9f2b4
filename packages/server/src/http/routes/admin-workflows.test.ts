import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PingResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../../testing/parley";

const TOKEN = "test-admin-token-0123";
const admin = { Authorization: `Bearer ${TOKEN}` };
const example = JSON.parse(readFileSync(fileURLToPath(new URL("../../../../../examples/workflows/collect-order-number.json", import.meta.url)), "utf8"));

let server: TestParley;
beforeEach(async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN, PARLEY_GREETING: "Hello from the default" });
});
afterEach(async () => {
  await server.close();
});

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = admin) => {
  const response = await server.request(`/admin/api/workflow${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined && { "Content-Type": "application/json" }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};
const greeting = async () =>
  ((await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }))).json()) as PingResponse).app.greeting;

test("without the admin token nothing is read or changed", async () => {
  expect((await call("GET", "/live", undefined, {})).status).toBe(401);
  expect((await call("PUT", "/draft", example, { Authorization: "Bearer wrong" })).status).toBe(401);
});

test("the live workflow starts as the default template (version 0) with the configured greeting", async () => {
  const { status, body } = await call("GET", "/live");
  expect(status).toBe(200);
  expect(body.version).toBe(0);
  expect(body.workflow.greeting.text).toBe("Hello from the default");
  expect(body.workflow.steps.answer).toEqual({ type: "ai_answer", then: "handoff" });
});

test("an invalid draft is refused with each problem naming its step and field, and the saved draft is unchanged", async () => {
  const broken = structuredClone(example);
  broken.steps.order.fields[1].attribute = "phone_number";
  broken.steps.orphan = { type: "handoff", mode: "ticket" };
  const { status, body } = await call("PUT", "/draft", broken);
  expect(status).toBe(422);
  expect(body.error.code).toBe("invalid_workflow");
  expect(body.error.issues).toEqual(
    expect.arrayContaining([
      { path: "steps.order.fields.1.attribute", message: expect.stringMatching(/^step "order", fields.1.attribute: unknown attribute "phone_number"/) },
    ]),
  );
  expect((await call("GET", "/draft")).body.workflow.name).toMatch(/^Default/);
});

test("validate checks without keeping", async () => {
  const broken = { ...example, start: "nowhere" };
  expect((await call("POST", "/validate", broken)).body).toEqual({
    valid: false,
    issues: [{ step: null, field: "start", message: 'leads to step "nowhere", which does not exist' }],
  });
  expect((await call("POST", "/validate", example)).body).toEqual({ valid: true, issues: [] });
  expect((await call("GET", "/draft")).body.workflow.name).toMatch(/^Default/);
});

test("save, set live, list versions, roll back: the Messenger's greeting follows the live version", async () => {
  expect((await call("PUT", "/draft", example)).status).toBe(200);
  // Saving does not change what customers see.
  expect(await greeting()).toBe("Hello from the default");

  const published = await call("POST", "/publish");
  expect(published.body.version).toBe(1);
  expect(await greeting()).toBe(example.greeting.text);
  expect((await call("GET", "/live")).body.version).toBe(1);

  const edited = { ...example, greeting: { text: "Second version" } };
  await call("PUT", "/draft", edited);
  expect((await call("POST", "/publish")).body.version).toBe(2);
  const versions = (await call("GET", "/versions")).body.versions;
  expect(versions.map((v: { version: number; live: boolean }) => [v.version, v.live])).toEqual([[2, true], [1, false], [0, false]]);
  expect((await call("GET", "/versions/1")).body.workflow.greeting.text).toBe(example.greeting.text);

  expect((await call("POST", "/rollback", { version: 1 })).status).toBe(200);
  expect(await greeting()).toBe(example.greeting.text);
  expect((await call("POST", "/rollback", { version: 0 })).status).toBe(200);
  expect(await greeting()).toBe("Hello from the default");
  expect((await call("POST", "/rollback", { version: 9 })).body.error.code).toBe("workflow_version_not_found");
  expect((await call("GET", "/versions/9")).status).toBe(404);
});

test("the format is published as JSON Schema for editors", async () => {
  const { status, body } = await call("GET", "/schema");
  expect(status).toBe(200);
  expect(body.required).toEqual(expect.arrayContaining(["schema_version", "greeting", "start", "steps"]));
  expect(JSON.stringify(body)).toContain('"collect_data"');
});

test("setting the same draft live twice keeps one version", async () => {
  await call("PUT", "/draft", example);
  expect((await call("POST", "/publish")).body.version).toBe(1);
  expect((await call("POST", "/publish")).body.version).toBe(1);
});
