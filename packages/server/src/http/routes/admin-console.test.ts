import { afterEach, expect, test } from "vitest";
import { APP_ID, type TestParley, testParley } from "../../testing/parley";

const TOKEN = "test-admin-token-0123";
let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
});

test("/admin serves the console's page and hashed scripts, which no other site may frame", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN });
  const bare = await server.request("/admin");
  expect(bare.status).toBe(301);
  expect(bare.headers.get("Location")).toBe("/admin/");

  const page = await server.request("/admin/");
  expect(page.status).toBe(200);
  expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
  expect(await page.text()).toContain("<title>Parley admin</title>");
  expect(page.headers.get("Content-Security-Policy")).toMatch(/frame-ancestors 'none'/);
  expect(page.headers.get("X-Content-Type-Options")).toBe("nosniff");

  const script = await server.request("/admin/assets/index-abc123.js");
  expect(script.status).toBe(200);
  expect(script.headers.get("Content-Type")).toMatch(/^text\/javascript/);
  expect(script.headers.get("Cache-Control")).toMatch(/immutable/);
  expect((await server.request("/admin/assets/..%2Findex.html")).status).toBe(404);
  expect((await server.request("/admin/assets/missing-000.js")).status).toBe(404);
});

test("without a build, /admin says how to build the console", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN }, { consoleBuilt: false });
  const page = await server.request("/admin/");
  expect(page.status).toBe(503);
  expect(await page.text()).toMatch(/npm run build/);
});

test("the install step gets this app's id, name, address and the snippet loading the Messenger from here", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN, PARLEY_PUBLIC_URL: "https://chat.example.com" });
  const refused = await server.request("/admin/api/install");
  expect(refused.status).toBe(401);
  const response = await server.request("/admin/api/install", { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { app_id: string; app_name: string; server_url: string; snippet: string };
  expect(body).toMatchObject({ app_id: APP_ID, server_url: "https://chat.example.com" });
  expect(body.snippet).toContain("https://chat.example.com/widget/");
  expect(body.snippet).not.toContain("localhost:8787");
  const snippets = (body as unknown as { identity_snippets: Record<string, string> }).identity_snippets;
  expect(Object.keys(snippets).sort()).toEqual(["csharp", "go", "java", "node", "php", "python", "ruby"]);
  expect(snippets["python"]).toMatch(/hmac\.new\(/);
});
