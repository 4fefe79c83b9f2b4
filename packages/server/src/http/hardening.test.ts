import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import type { PingResponse } from "@parley/protocol";
import { SignJWT } from "jose";
import { afterEach, expect, test, vi } from "vitest";
import { createUserHash } from "../identity/verify";
import { listen } from "../server";
import { APP_ID, IDENTITY_SECRET, json, type TestParley, testParley } from "../testing/parley";

// Limits and checks that were only read in the code until now, tried as a client would.

vi.setConfig({ testTimeout: 20_000 });

const ADMIN = "admin-token-for-hardening-tests";
let server: TestParley | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await server?.close();
  server = undefined;
});

/** A raw HTTP/1.1 GET (fetch would refuse or trim some of what this sends). */
function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}

test("headers past 16 KB are refused with 431 by the listening server; a normal request is served", async () => {
  server = await testParley();
  const http = await listen(server.parley, 0, "127.0.0.1");
  closers.push(() => http.close());
  const url = http.url.replace("localhost", "127.0.0.1");
  expect(await rawGet(`${url}/healthz`, { "X-Padding": "x".repeat(4 * 1024) })).toBe(200);
  expect(await rawGet(`${url}/healthz`, { "X-Padding": "x".repeat(20 * 1024) })).toBe(431);
  expect(await rawGet(`${url}/healthz`, { Cookie: `a=${"y".repeat(17 * 1024)}` })).toBe(431);
});

test("a client that dribbles its headers (slowloris) is cut off with 408 after 10 s; the server stays free for others", { timeout: 30_000 }, async () => {
  server = await testParley();
  const http = await listen(server.parley, 0, "127.0.0.1");
  closers.push(() => http.close());
  const { port } = new URL(http.url);
  const started = Date.now();
  const answer = await new Promise<{ firstLine: string; afterMs: number }>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n"));
    // One more header line every second: never idle, never done.
    const dribble = setInterval(() => socket.writable && socket.write("X-Slow: 1\r\n"), 1000);
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString()));
    socket.on("close", () => {
      clearInterval(dribble);
      resolve({ firstLine: received.split("\r\n")[0] ?? "", afterMs: Date.now() - started });
    });
    socket.on("error", reject);
  });
  expect(answer.firstLine).toBe("HTTP/1.1 408 Request Timeout");
  expect(answer.afterMs).toBeGreaterThanOrEqual(9_000);
  expect(answer.afterMs).toBeLessThan(25_000);
  expect(await rawGet(`${http.url.replace("localhost", "127.0.0.1")}/healthz`, {})).toBe(200);
});

test("the admin API refuses an article whose URL would run script, and stores nothing", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: ADMIN });
  const create = (url: string) =>
    server!.request("/admin/api/articles", {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ id: "hostile-link", title: "Returns", url, body: "Returns are free." }),
    });
  for (const url of ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"]) {
    const response = await create(url);
    expect(response.status, url).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toContain("url: must be an http(s), mailto or tel address");
  }
  expect((await server.request("/admin/api/articles/hostile-link", { headers: { Authorization: `Bearer ${ADMIN}` } })).status).toBe(404);
  expect((await create("https://help.example/returns")).status).toBe(201);
});

test("secret rotation through real pings: during the overlap hashes and JWTs made with either secret are verified; once the old one is retired, it is refused", async () => {
  const NEW = "the-new-identity-secret-0123456789";
  const env = { PARLEY_IDENTITY_SECRET: NEW, PARLEY_IDENTITY_SECRET_PREVIOUS: IDENTITY_SECRET, PARLEY_ENFORCE_IDENTITY: "true" };
  server = await testParley(env);
  const ping = (user: Record<string, unknown>, visitor: string) => server!.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor, user }));
  const jwt = (secret: string, userId: string) =>
    new SignJWT({ user_id: userId }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("5m").sign(new TextEncoder().encode(secret));

  const withOld = await ping({ user_id: "ada", user_hash: createUserHash(IDENTITY_SECRET, { userId: "ada" }) }, "visitor-rotation-1");
  expect(withOld.status).toBe(200);
  expect(((await withOld.json()) as PingResponse).user).toMatchObject({ user_id: "ada", verified: true });
  const withNew = await ping({ user_id: "ada", user_hash: createUserHash(NEW, { userId: "ada" }) }, "visitor-rotation-2");
  expect(((await withNew.json()) as PingResponse).user).toMatchObject({ user_id: "ada", verified: true });
  expect((await ping({ intercom_user_jwt: await jwt(IDENTITY_SECRET, "bob") }, "visitor-rotation-3")).status).toBe(200);
  expect((await ping({ intercom_user_jwt: await jwt(NEW, "bob") }, "visitor-rotation-4")).status).toBe(200);
  const withOther = await ping({ user_id: "ada", user_hash: createUserHash("some-other-secret-0123456789", { userId: "ada" }) }, "visitor-rotation-5");
  expect(withOther.status).toBe(401);
  await server.close();

  // The old secret retired: only the new one proves a user.
  server = await testParley({ PARLEY_IDENTITY_SECRET: NEW, PARLEY_ENFORCE_IDENTITY: "true" });
  const retired = await ping({ user_id: "ada", user_hash: createUserHash(IDENTITY_SECRET, { userId: "ada" }) }, "visitor-rotation-6");
  expect(retired.status).toBe(401);
  expect(((await retired.json()) as { error: { code: string } }).error.code).toBe("identity_verification_failed");
  expect((await ping({ intercom_user_jwt: await jwt(IDENTITY_SECRET, "bob") }, "visitor-rotation-7")).status).toBe(401);
  expect((await ping({ user_id: "ada", user_hash: createUserHash(NEW, { userId: "ada" }) }, "visitor-rotation-8")).status).toBe(200);
});
