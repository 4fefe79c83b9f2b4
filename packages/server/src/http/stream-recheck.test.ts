import type { PingResponse } from "@parley/protocol";
import { afterEach, expect, test, vi } from "vitest";
import { createUserHash } from "../identity/verify";
import { MAX_STREAMS_PER_ADDRESS, MAX_STREAMS_PER_CONTACT } from "../realtime/open-streams";
import { APP_ID, IDENTITY_SECRET, json, type TestParley, testParley } from "../testing/parley";

// An open stream is asked again what let it in (session, enforcement, trusted origins), and a
// contact or address cannot hold streams without end.

vi.setConfig({ testTimeout: 20_000 });

const ADMIN = "admin-token-for-stream-tests";
let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

let now = new Date("2026-11-30T09:00:00Z");
async function start(env: Record<string, string> = {}): Promise<TestParley> {
  now = new Date("2026-11-30T09:00:00Z");
  server = await testParley({ PARLEY_ADMIN_TOKEN: ADMIN, PARLEY_TRUST_PROXY: "true", ...env }, { clock: () => now });
  return server;
}

async function ping(s: TestParley, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<PingResponse> {
  const response = await s.request(`/v1/apps/${APP_ID}/ping`, json({ user: {}, ...body }, headers));
  expect(response.status).toBe(200);
  return (await response.json()) as PingResponse;
}

interface OpenedStream {
  response: Response;
  /** Everything the stream sent, once it has ended (or "" plus `open: true` when it is still open after the wait). */
  ended(waitMs?: number): Promise<{ text: string; open: boolean }>;
}

async function openStream(s: TestParley, token: string, headers: Record<string, string> = {}): Promise<OpenedStream> {
  const response = await s.request(`/v1/apps/${APP_ID}/stream?token=${encodeURIComponent(token)}`, { headers });
  const reader = response.status === 200 ? response.body!.pipeThrough(new TextDecoderStream()).getReader() : undefined;
  let text = "";
  return {
    response,
    async ended(waitMs = 1500) {
      const deadline = Date.now() + waitMs;
      while (reader) {
        const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now())));
        const chunk = await Promise.race([reader.read(), timeout]);
        if (chunk === "timeout") {
          await reader.cancel();
          return { text, open: true };
        }
        if (chunk.done) break;
        text += chunk.value;
      }
      return { text, open: false };
    },
  };
}

const admin = (s: TestParley, method: string, path: string, body: unknown) =>
  s.request(path, { method, headers: { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });

test("a stream whose session has expired is closed at the next check, saying why; coming back is refused with 401", async () => {
  const s = await start();
  const visitor = await ping(s, { visitor_id: "visitor-expiring", session_duration: 60_000 });
  const stream = await openStream(s, visitor.session.token);
  expect(stream.response.status).toBe(200);
  expect(await s.parley.streams.recheck()).toBe(0);

  now = new Date(now.getTime() + 61_000);
  expect(await s.parley.streams.recheck()).toBe(1);
  const { text, open } = await stream.ended();
  expect(open).toBe(false);
  expect(text).toContain(": closed: the session has ended");
  expect((await openStream(s, visitor.session.token)).response.status).toBe(401);
  expect(s.parley.streams.size).toBe(0);
});

test("switching enforcement on closes the open streams of unverified users, not those of verified users or anonymous visitors", async () => {
  const s = await start();
  const unverified = await ping(s, { visitor_id: "visitor-unverified", user: { user_id: "ada" } });
  const verified = await ping(s, { visitor_id: "visitor-verified", user: { user_id: "bob", user_hash: createUserHash(IDENTITY_SECRET, { userId: "bob", email: null }) } });
  const anonymous = await ping(s, { visitor_id: "visitor-anonymous" });
  const streams = await Promise.all([unverified, verified, anonymous].map((p) => openStream(s, p.session.token)));
  expect(streams.map((stream) => stream.response.status)).toEqual([200, 200, 200]);

  expect((await admin(s, "PUT", "/admin/api/identity/enforcement", { enforce: true })).status).toBe(200);
  expect(await s.parley.streams.recheck()).toBe(1);
  const [gone, kept, visitor] = await Promise.all(streams.map((stream) => stream.ended(300)));
  expect(gone).toMatchObject({ open: false });
  expect(gone!.text).toContain(": closed: identity verification is on");
  expect(kept!.open).toBe(true);
  expect(visitor!.open).toBe(true);
  const again = await openStream(s, unverified.session.token);
  expect(again.response.status).toBe(401);
});

test("a stream opened from a site that stops being a trusted origin is closed; one from a trusted site stays", async () => {
  const s = await start();
  const shop = await ping(s, { visitor_id: "visitor-shop" }, { Origin: "https://shop.example" });
  const blog = await ping(s, { visitor_id: "visitor-blog" }, { Origin: "https://blog.example" });
  const fromShop = await openStream(s, shop.session.token, { Origin: "https://shop.example" });
  const fromBlog = await openStream(s, blog.session.token, { Origin: "https://blog.example" });

  expect((await admin(s, "PUT", "/admin/api/identity/origins", { allowed_origins: ["https://shop.example"] })).status).toBe(200);
  expect(await s.parley.streams.recheck()).toBe(1);
  const [shopStream, blogStream] = await Promise.all([fromShop.ended(300), fromBlog.ended(300)]);
  expect(shopStream.open).toBe(true);
  expect(blogStream.open).toBe(false);
  expect(blogStream.text).toContain(": closed: this site is no longer a trusted origin");
  expect((await openStream(s, blog.session.token, { Origin: "https://blog.example" })).response.status).toBe(403);
});

test(`one contact holds at most ${MAX_STREAMS_PER_CONTACT} streams: the next one closes the oldest`, async () => {
  const s = await start();
  const visitor = await ping(s, { visitor_id: "visitor-many-tabs" });
  const streams: OpenedStream[] = [];
  for (let i = 0; i < MAX_STREAMS_PER_CONTACT + 1; i++) streams.push(await openStream(s, visitor.session.token));
  expect(streams.every((stream) => stream.response.status === 200)).toBe(true);
  const oldest = await streams[0]!.ended();
  expect(oldest.open).toBe(false);
  expect(oldest.text).toContain(": closed: too many open streams for this contact");
  const rest = await Promise.all(streams.slice(1).map((stream) => stream.ended(200)));
  expect(rest.every((stream) => stream.open)).toBe(true);
});

test(`one network address holds at most ${MAX_STREAMS_PER_ADDRESS} streams: the next is refused with 429, another address is served`, async () => {
  // The address's request limit is raised so that only the stream cap is in play.
  const s = await start({ PARLEY_RATE_LIMIT_ADDRESS: "100/s,burst=1000" });
  const address = { "X-Forwarded-For": "203.0.113.9" };
  const streams: OpenedStream[] = [];
  for (let contact = 0; streams.length < MAX_STREAMS_PER_ADDRESS; contact++) {
    const visitor = await ping(s, { visitor_id: `visitor-office-${contact}` }, address);
    for (let i = 0; i < MAX_STREAMS_PER_CONTACT && streams.length < MAX_STREAMS_PER_ADDRESS; i++) streams.push(await openStream(s, visitor.session.token, address));
  }
  expect(streams.every((stream) => stream.response.status === 200)).toBe(true);
  const visitor = await ping(s, { visitor_id: "visitor-office-last" }, address);
  const refused = await openStream(s, visitor.session.token, address);
  expect(refused.response.status).toBe(429);
  expect(refused.response.headers.get("retry-after")).toBe("60");
  expect((await openStream(s, visitor.session.token, { "X-Forwarded-For": "198.51.100.1" })).response.status).toBe(200);
  // A stream that ends gives its place back.
  await streams[0]!.ended(0);
  await vi.waitFor(async () => expect((await openStream(s, visitor.session.token, address)).response.status).toBe(200));
});

test("with PARLEY_RATE_LIMIT=off (load tests from one address) the address cap is off too; the contact cap stays", async () => {
  const s = await start({ PARLEY_RATE_LIMIT: "off" });
  const streams: OpenedStream[] = [];
  for (let contact = 0; streams.length <= MAX_STREAMS_PER_ADDRESS; contact++) {
    const visitor = await ping(s, { visitor_id: `visitor-bench-${contact}` });
    for (let i = 0; i < MAX_STREAMS_PER_CONTACT && streams.length <= MAX_STREAMS_PER_ADDRESS; i++) streams.push(await openStream(s, visitor.session.token));
  }
  expect(streams.every((stream) => stream.response.status === 200)).toBe(true);
  expect(s.parley.streams.size).toBe(MAX_STREAMS_PER_ADDRESS + 1);
});
