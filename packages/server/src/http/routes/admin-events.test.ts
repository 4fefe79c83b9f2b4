import type { PingResponse, TrackEventResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import { recordContactEvent } from "../../store/contact-events";
import { APP_ID, json, type TestParley, testParley } from "../../testing/parley";

const TOKEN = "test-admin-token-0123";
let server: TestParley;
beforeEach(async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN });
});
afterEach(async () => {
  await server.close();
});

const admin = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const response = await server.request(`/admin/api${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  return { status: response.status, body: (await response.json()) as T };
};

/** A customer's page boots the Messenger; returns what it needs to track events. */
async function boot(user: Record<string, unknown>, visitor: string) {
  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: visitor, user }))).json()) as PingResponse;
  const auth = { Authorization: `Bearer ${ping.session.token}` };
  return {
    contactId: ping.user.id,
    track: (body: unknown) => server.request(`/v1/apps/${APP_ID}/events`, json(body, auth)),
  };
}

interface Listed {
  event_name: string;
  created_at: string;
  metadata: Record<string, unknown>;
  contact: { id: string; name: string | null };
}

test("events a page tracks are stored for its customer, and the owner sees them newest first", async () => {
  const ada = await boot({ name: "Ada", email: "ada@example.org" }, "visitor-ada-0001");
  const bo = await boot({ name: "Bo" }, "visitor-bo-00001");

  const first = await ada.track({ event_name: "viewed-jacket", created_at: 1_700_000_000, metadata: { sku: "JKT-42", size: "M" } });
  expect(first.status).toBe(201);
  expect(((await first.json()) as TrackEventResponse).event).toMatchObject({ event_name: "viewed-jacket", created_at: new Date(1_700_000_000_000).toISOString() });
  const order = { total: { amount: 34999, currency: "eur" }, receipt: { url: "https://shop.example/orders/7", value: "Order 7" }, gift: false };
  expect((await ada.track({ event_name: "ordered", created_at: 1_700_000_100, metadata: order })).status).toBe(201);
  expect((await bo.track({ event_name: "signed-up" })).status).toBe(201);

  const all = await admin<{ events: Listed[] }>("/events");
  expect(all.status).toBe(200);
  // Bo's event has no created_at: it happened when it arrived (now), after Ada's from 2023.
  expect(all.body.events.map((event) => [event.contact.name, event.event_name])).toEqual([
    ["Bo", "signed-up"],
    ["Ada", "ordered"],
    ["Ada", "viewed-jacket"],
  ]);
  expect(all.body.events[1]?.metadata).toEqual(order);

  const byName = await admin<{ events: Listed[] }>("/events?event_name=ordered");
  expect(byName.body.events.map((event) => event.contact.name)).toEqual(["Ada"]);

  const customer = await admin<{ contact: { email: string }; summary: { event_name: string; count: number }[]; events: { event_name: string }[] }>(`/contacts/${ada.contactId}/events`);
  expect(customer.status).toBe(200);
  expect(customer.body.contact.email).toBe("ada@example.org");
  expect(customer.body.events.map((event) => event.event_name)).toEqual(["ordered", "viewed-jacket"]);
  expect(customer.body.summary.map((row) => [row.event_name, row.count])).toEqual([
    ["ordered", 1],
    ["viewed-jacket", 1],
  ]);
});

test("an event with bad metadata is refused with the field at fault, and nothing is stored", async () => {
  const page = await boot({}, "visitor-bad-0001");
  const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`key${i}`, i]));
  for (const body of [
    { event_name: "" },
    { event_name: "x", metadata: eleven },
    { event_name: "x", metadata: { nested: { deep: { er: 1 } } } },
    { event_name: "x", metadata: { link: { url: "javascript:alert(1)" } } },
  ]) {
    const response = await page.track(body);
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { code: string; issues: { path: string }[] } }).error;
    expect(error.code).toBe("invalid_request");
    expect(error.issues.length).toBeGreaterThan(0);
  }
  expect((await admin<{ events: unknown[] }>("/events")).body.events).toEqual([]);
});

test("a page's clock ahead of the server's never puts an event in the future", async () => {
  const page = await boot({}, "visitor-clock-001");
  const before = Date.now();
  const response = await page.track({ event_name: "x", created_at: 4_000_000_000 });
  const event = ((await response.json()) as TrackEventResponse).event;
  expect(Date.parse(event.created_at)).toBeGreaterThanOrEqual(before - 1000);
  expect(Date.parse(event.created_at)).toBeLessThanOrEqual(Date.now());
});

test("events need the page's session, and the owner's list needs the admin token", async () => {
  expect((await server.request(`/v1/apps/${APP_ID}/events`, json({ event_name: "x" }))).status).toBe(401);
  expect((await server.request("/admin/api/events")).status).toBe(401);
  expect((await admin("/contacts/ct_nobody/events")).status).toBe(404);
  expect((await admin("/events?limit=0")).status).toBe(400);
});

test("an event sent again with its client id (a Messenger back online) is stored once, even when both copies race in", async () => {
  const ada = await boot({ name: "Ada" }, "visitor-dup-00001");
  const bo = await boot({ name: "Bo" }, "visitor-dup-00002");
  const event = { client_id: "evt-client-000001", event_name: "added-to-cart", created_at: 1_700_000_000, metadata: { sku: "JKT-42" } };

  const first = await ada.track(event);
  expect(first.status).toBe(201);
  const stored = ((await first.json()) as TrackEventResponse).event;
  const again = await ada.track({ ...event, metadata: { sku: "changed" } });
  expect(again.status).toBe(200);
  expect(((await again.json()) as TrackEventResponse).event).toEqual(stored);

  const racing = { ...event, client_id: "evt-client-000002", event_name: "checked-out" };
  const statuses = (await Promise.all([ada.track(racing), ada.track(racing), ada.track(racing)])).map((response) => response.status).sort();
  expect(statuses).toEqual([200, 200, 201]);
  // Another customer's event with the same client id is theirs, not a copy; events without one are never merged.
  expect((await bo.track(event)).status).toBe(201);
  expect((await ada.track({ event_name: "no-id" })).status).toBe(201);
  expect((await ada.track({ event_name: "no-id" })).status).toBe(201);

  const adas = await admin<{ events: { event_name: string; metadata: Record<string, unknown> }[] }>(`/contacts/${ada.contactId}/events`);
  expect(adas.body.events.map((row) => row.event_name).sort()).toEqual(["added-to-cart", "checked-out", "no-id", "no-id"]);
  expect(adas.body.events.find((row) => row.event_name === "added-to-cart")?.metadata).toEqual({ sku: "JKT-42" });
  const bos = await admin<{ events: unknown[] }>(`/contacts/${bo.contactId}/events`);
  expect(bos.body.events).toHaveLength(1);
  expect((await ada.track({ ...event, client_id: "bad id!" })).status).toBe(400);
});

test("a customer keeps only the newest events past the cap", async () => {
  const page = await boot({}, "visitor-cap-00001");
  const db = server.parley.db;
  for (let i = 0; i < 5; i++) {
    await recordContactEvent(db, { appId: APP_ID, contactId: page.contactId, eventName: `step-${i}`, metadata: {}, createdAt: new Date(1_700_000_000_000 + i).toISOString() }, 3);
  }
  const kept = await admin<{ events: { event_name: string }[] }>(`/contacts/${page.contactId}/events`);
  expect(kept.body.events.map((event) => event.event_name)).toEqual(["step-4", "step-3", "step-2"]);
});

test("a conversation's transcript for the owner carries what its customer did on the site", async () => {
  const page = await boot({ name: "Cy" }, "visitor-conv-0001");
  expect((await page.track({ event_name: "viewed-returns-page", metadata: { order: "A-1009" } })).status).toBe(201);
  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-conv-0001", user: { name: "Cy" } }))).json()) as PingResponse;
  const started = await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-conv-0001", text: "How do I return a jacket?" }, { Authorization: `Bearer ${ping.session.token}` }));
  const { conversation } = (await started.json()) as { conversation: { id: string } };
  await server.parley.outbox.idle();

  const detail = await admin<{ customer_events: { summary: { event_name: string; count: number }[]; recent: { event_name: string; metadata: Record<string, unknown> }[] } }>(`/conversations/${conversation.id}`);
  expect(detail.status).toBe(200);
  expect(detail.body.customer_events.summary).toEqual([expect.objectContaining({ event_name: "viewed-returns-page", count: 1 })]);
  expect(detail.body.customer_events.recent[0]?.metadata).toEqual({ order: "A-1009" });
});
