import { afterEach, expect, test } from "vitest";
import { hashPassword } from "../security/password";
import { type TestParley, testParley } from "../testing/parley";

const PASSWORD = "a long admin password";
const BASE = "http://localhost:8787";
let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function withPassword(env: Record<string, string> = {}) {
  server = await testParley({ PARLEY_ADMIN_PASSWORD_HASH: await hashPassword(PASSWORD), ...env });
  return server;
}

const login = (s: TestParley, password: string, headers: Record<string, string> = {}) =>
  s.request(`${BASE}/admin/api/login`, { method: "POST", headers: { "Content-Type": "application/json", Origin: BASE, ...headers }, body: JSON.stringify({ password }) });

function cookieOf(response: Response): string {
  const header = response.headers.get("set-cookie") ?? "";
  return header.split(";")[0] ?? "";
}

test("an admin signs in with the password and gets an HttpOnly, SameSite=Strict session cookie that opens the admin API", async () => {
  const s = await withPassword();
  const response = await login(s, PASSWORD);
  expect(response.status).toBe(200);
  const header = response.headers.get("set-cookie") ?? "";
  expect(header).toMatch(/^parley_admin=[A-Za-z0-9_-]{40,};/);
  expect(header).toMatch(/HttpOnly/);
  expect(header).toMatch(/SameSite=Strict/);
  expect(header).toMatch(/Path=\/admin/);
  expect(header).not.toContain(PASSWORD);

  const cookie = cookieOf(response);
  expect((await s.request(`${BASE}/admin/api/identity`, { headers: { Cookie: cookie } })).status).toBe(200);
  expect((await s.request(`${BASE}/admin/api/articles`, { headers: { Cookie: cookie } })).status).toBe(200);
  const change = await s.request(`${BASE}/admin/api/identity/enforcement`, {
    method: "PUT",
    headers: { Cookie: cookie, Origin: BASE, "Content-Type": "application/json" },
    body: JSON.stringify({ enforce: true }),
  });
  expect(change.status).toBe(200);

  // Signing out ends the session on the server, not only in the browser.
  await s.request(`${BASE}/admin/api/logout`, { method: "POST", headers: { Cookie: cookie, Origin: BASE } });
  expect((await s.request(`${BASE}/admin/api/identity`, { headers: { Cookie: cookie } })).status).toBe(401);
});

test("a wrong password, a forged cookie and another site riding the cookie are all refused", async () => {
  const s = await withPassword({ PARLEY_ADMIN_TOKEN: "admin-token-for-tests" });
  expect((await login(s, "guess")).status).toBe(401);
  expect((await s.request(`${BASE}/admin/api/identity`, { headers: { Cookie: "parley_admin=forged" } })).status).toBe(401);
  const cookie = cookieOf(await login(s, PASSWORD));
  const csrf = await s.request(`${BASE}/admin/api/identity/enforcement`, {
    method: "PUT",
    headers: { Cookie: cookie, Origin: "https://evil.example", "Content-Type": "application/json" },
    body: JSON.stringify({ enforce: true }),
  });
  expect(csrf.status).toBe(403);
  expect((await login(s, PASSWORD, { Origin: "https://evil.example" })).status).toBe(403);
  expect((await s.request(`${BASE}/admin/api/identity`, { headers: admin(s) })).status).toBe(200);
});

const admin = (_s: TestParley) => ({ Authorization: "Bearer admin-token-for-tests" });

test("password guessing is slowed down: the sixth try in a row gets 429 with Retry-After, even with the right password", async () => {
  const s = await withPassword({ PARLEY_ADMIN_TOKEN: "admin-token-for-tests" });
  for (let i = 0; i < 5; i++) expect((await login(s, `guess ${i}`)).status).toBe(401);
  const limited = await login(s, PASSWORD);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  // The bearer token keeps working meanwhile.
  expect((await s.request(`${BASE}/admin/api/identity`, { headers: admin(s) })).status).toBe(200);
});

test("without a password hash, password sign-in is off and says how to turn it on", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: "admin-token-for-tests" });
  const response = await login(server, PASSWORD);
  expect(response.status).toBe(404);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/PARLEY_ADMIN_PASSWORD_HASH/);
});
