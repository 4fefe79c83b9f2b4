import type { PingRequest, TrackEventRequest } from "@parley/protocol";
import { waitFor } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, expect, test, vi } from "vitest";
import { useApiServer } from "../test/api-server";
import { userJwt } from "../test/jwt";
import { startMessenger } from "../test/harness";
import { flakyRoute, hostPages } from "../test/offline-page";
import { eventOwner, MAX_WAITING_EVENTS } from "./waiting-events";

const { server, recorded } = useApiServer();
const KEY = "parley-demo-events";

const events = flakyRoute<TrackEventRequest>(server, "events");
const { openPage, leave, closeAll } = hostPages();

function stored(): Array<{ owner: string; event: TrackEventRequest }> {
  return JSON.parse(localStorage.getItem(KEY) ?? "[]") as Array<{ owner: string; event: TrackEventRequest }>;
}

const sent = () => recorded.events.map((event) => [event.body.event_name, event.authorization]);

afterEach(() => {
  closeAll();
  localStorage.clear();
  events.reset();
  vi.restoreAllMocks();
});

test("events tracked while the server cannot be reached survive a reload, then go once, in order, with the ids they were tracked with", async () => {
  events.serve();
  events.down = true;
  const first = await openPage({ user_id: "u-1" });
  first.session.trackEvent("viewed-tent", { sku: "TENT-2P" });
  first.session.trackEvent("added-to-cart", { quantity: 2 });
  first.session.trackEvent("checked-out", undefined);
  await waitFor(() => expect(events.attempts).toHaveLength(1));
  expect(stored().map((item) => item.event.event_name)).toEqual(["viewed-tent", "added-to-cart", "checked-out"]);
  const ids = stored().map((item) => item.event.client_id);
  expect(new Set(ids).size).toBe(3);
  leave(first);

  events.down = false;
  await openPage({ user_id: "u-1" });
  await waitFor(() => expect(recorded.events).toHaveLength(3));
  expect(sent()).toEqual([
    ["viewed-tent", "Bearer token-u-1"],
    ["added-to-cart", "Bearer token-u-1"],
    ["checked-out", "Bearer token-u-1"],
  ]);
  expect(recorded.events.map((event) => event.body.client_id)).toEqual(ids);
  expect(recorded.events[0]?.body.metadata).toEqual({ sku: "TENT-2P" });
  expect(localStorage.getItem(KEY)).toBeNull();
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(recorded.events).toHaveLength(3);
});

test("an event the page never heard back about goes again with the same client id (the server keeps one), after a reload too", async () => {
  events.serve();
  events.down = true;
  const first = await openPage({ user_id: "u-1" });
  first.session.trackEvent("ordered", { total: 42 });
  await waitFor(() => expect(events.attempts).toHaveLength(1));
  window.dispatchEvent(new Event("online"));
  await waitFor(() => expect(events.attempts).toHaveLength(2));
  leave(first);

  events.down = false;
  await openPage({ user_id: "u-1" });
  await waitFor(() => expect(recorded.events).toHaveLength(1));
  const clientIds = events.attempts.map((attempt) => attempt.client_id);
  expect(clientIds).toHaveLength(3);
  expect(new Set(clientIds).size).toBe(1);
});

test("a stored event is sent only under the user who tracked it: another user's page leaves it waiting for theirs", async () => {
  events.serve();
  events.down = true;
  const ada = await openPage({ user_id: "u-1" });
  ada.session.trackEvent("ada-did-this", undefined);
  await waitFor(() => expect(events.attempts).toHaveLength(1));
  leave(ada);

  events.down = false;
  const bo = await openPage({ user_id: "u-2" });
  bo.session.trackEvent("bo-did-this", undefined);
  await waitFor(() => expect(recorded.events).toHaveLength(1));
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(sent()).toEqual([["bo-did-this", "Bearer token-u-2"]]);
  expect(stored().map((item) => item.event.event_name)).toEqual(["ada-did-this"]);
  leave(bo);

  await openPage({ user_id: "u-1" });
  await waitFor(() => expect(recorded.events).toHaveLength(2));
  expect(sent()[1]).toEqual(["ada-did-this", "Bearer token-u-1"]);
});

test("on pages that name the user only with intercom_user_jwt, a stored event waits for the user its token names, not the next one to sign in", async () => {
  events.serve();
  const ada = { intercom_user_jwt: userJwt({ user_id: "ada-1", exp: 4_102_444_800 }) };
  events.down = true;
  const first = await openPage(ada);
  first.session.trackEvent("ada-did-this", undefined);
  await waitFor(() => expect(events.attempts).toHaveLength(1));
  expect(stored().map((item) => item.owner)).toEqual(["ada-1"]);
  leave(first);

  // A reload signs Bo in with his token, without `shutdown` (same browser, same visitor id).
  events.down = false;
  const bo = await openPage({ intercom_user_jwt: userJwt({ user_id: "bo-2", exp: 4_102_444_800 }) });
  bo.session.trackEvent("bo-did-this", undefined);
  await waitFor(() => expect(recorded.events).toHaveLength(1));
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(sent()).toEqual([["bo-did-this", "Bearer token-bo-2"]]);
  expect(stored().map((item) => item.event.event_name)).toEqual(["ada-did-this"]);
  leave(bo);

  await openPage(ada);
  await waitFor(() => expect(recorded.events).toHaveLength(2));
  expect(sent()[1]).toEqual(["ada-did-this", "Bearer token-ada-1"]);
  expect(localStorage.getItem(KEY)).toBeNull();
});

test("the owner is the JWT's user_id claim, read from base64url without padding; a number claim is its text, as the server reads it", () => {
  const token = userJwt({ user_id: "u??2", exp: 4_102_444_800 });
  // The claim was picked so that its encoding needs the base64url alphabet and no padding.
  expect(token.split(".")[1]).toMatch(/_/);
  expect(token.split(".")[1]!.length % 4).not.toBe(0);
  const ping = (user: PingRequest["user"]): PingRequest => ({ visitor_id: "visitor-0001", user, page: { url: "", title: "" } });
  expect(eventOwner(ping({ intercom_user_jwt: token, email: "ada@example.com" }))).toBe("u??2");
  expect(eventOwner(ping({ intercom_user_jwt: userJwt({ user_id: 42 }) }))).toBe("42");
  // user_id in the settings still wins: it is what the page says, as before.
  expect(eventOwner(ping({ user_id: "u-1", intercom_user_jwt: token }))).toBe("u-1");
});

test("a malformed intercom_user_jwt never throws: the owner falls back to the email, else the visitor, as without a token", async () => {
  const malformed = ["", "not-a-jwt", "a.%%%.c", `a.${btoa("not json")}.c`, `a.${btoa("null")}.c`, userJwt({ email: "only@example.com" })];
  for (const token of malformed) {
    const user = { intercom_user_jwt: token };
    expect(eventOwner({ visitor_id: "visitor-0001", user: { ...user, email: "ada@example.com" }, page: { url: "", title: "" } })).toBe("ada@example.com");
    expect(eventOwner({ visitor_id: "visitor-0001", user, page: { url: "", title: "" } })).toBe("visitor-0001");
  }

  // The whole page: the server refuses the token, the events still wait, under the email.
  server.use(
    http.post("*/v1/apps/:app/ping", () =>
      HttpResponse.json({ error: { code: "identity_verification_failed", message: "intercom_user_jwt is not a well-formed JWT." } }, { status: 401 }),
    ),
  );
  vi.spyOn(console, "error").mockImplementation(() => {});
  const page = await openPage({ intercom_user_jwt: "not-a-jwt", email: "ada@example.com" });
  expect(() => page.session.trackEvent("still-kept", undefined)).not.toThrow();
  expect(stored().map((item) => [item.event.event_name, item.owner])).toEqual([["still-kept", "ada@example.com"]]);
});

test("an event tracked after `update` names another user is that user's, even before their session is live", async () => {
  events.serve();
  events.down = true;
  const page = await openPage({ user_id: "u-1" });
  page.session.trackEvent("before-switch", undefined);
  page.state.settings.merge({ user_id: "u-2" });
  page.session.trackEvent("after-switch", undefined);
  await waitFor(() => expect(events.attempts.length).toBeGreaterThan(0));
  events.down = false;
  page.session.updated();
  await waitFor(() => expect(recorded.events).toHaveLength(1));
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(sent()).toEqual([["after-switch", "Bearer token-u-2"]]);
  expect(stored().map((item) => [item.event.event_name, item.owner])).toEqual([["before-switch", "u-1"]]);
});

test("shutdown forgets the waiting events: the next user who boots on this browser never sends them", async () => {
  events.serve();
  events.down = true;
  const { intercom } = startMessenger({ settings: { app_id: "demo", user_id: "u-1" } });
  intercom("trackEvent", "private-to-u-1");
  await waitFor(() => expect(localStorage.getItem(KEY)).not.toBeNull());
  intercom("shutdown");
  expect(localStorage.getItem(KEY)).toBeNull();

  events.down = false;
  intercom("boot", { app_id: "demo", user_id: "u-2" });
  intercom("trackEvent", "u-2-event");
  await waitFor(() => expect(recorded.events).toHaveLength(1));
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(sent()).toEqual([["u-2-event", "Bearer token-u-2"]]);
});

test(`past ${MAX_WAITING_EVENTS} waiting events the oldest is dropped, with a console warning naming it`, async () => {
  events.serve();
  events.down = true;
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const page = await openPage({ user_id: "u-1" });
  for (let i = 0; i <= MAX_WAITING_EVENTS + 1; i++) page.session.trackEvent(`step-${i}`, undefined);
  expect(stored()).toHaveLength(MAX_WAITING_EVENTS);
  expect(stored()[0]?.event.event_name).toBe("step-2");
  const warnings = warn.mock.calls.map((call) => call.join(" "));
  expect(warnings.filter((text) => text.includes("was dropped"))).toHaveLength(2);
  expect(warnings.some((text) => text.startsWith("[Parley]") && text.includes(`"step-0"`))).toBe(true);

  await waitFor(() => expect(events.attempts).toHaveLength(1));
  events.down = false;
  window.dispatchEvent(new Event("online"));
  // The oldest kept goes first (sending all hundred would only make the test slow).
  await waitFor(() => expect(recorded.events.length).toBeGreaterThanOrEqual(3));
  expect(recorded.events.slice(0, 3).map((event) => event.body.event_name)).toEqual(["step-2", "step-3", "step-4"]);
});

test("stored events that were tampered with are skipped; the valid ones still go", async () => {
  events.serve();
  const valid = { owner: "u-1", event: { client_id: "client-evt-000001", event_name: "kept", created_at: 1_700_000_000 } };
  localStorage.setItem(
    KEY,
    JSON.stringify([
      { owner: "u-1", event: { event_name: "no-client-id" } },
      { owner: 7, event: { client_id: "client-evt-000002", event_name: "bad-owner" } },
      { owner: "u-1", event: { client_id: "client-evt-000003", event_name: "x", metadata: { nested: { a: { b: 1 } } } } },
      "junk",
      null,
      valid,
    ]),
  );
  await openPage({ user_id: "u-1" });
  await waitFor(() => expect(recorded.events).toHaveLength(1));
  expect(recorded.events[0]?.body).toEqual(valid.event);
  localStorage.setItem(KEY, "{not json");
  await openPage({ user_id: "u-1" });
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(recorded.events).toHaveLength(1);
});
