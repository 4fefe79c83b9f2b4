import { expect, test } from "vitest";
import { TrackEventRequest } from "./events";
import { LIMITS } from "./limits";

test("an event has a trimmed, non-empty name of limited length", () => {
  expect(TrackEventRequest.parse({ event_name: "  invited-friend " }).event_name).toBe("invited-friend");
  expect(TrackEventRequest.safeParse({ event_name: "  " }).success).toBe(false);
  expect(TrackEventRequest.safeParse({ event_name: "e".repeat(LIMITS.eventNameLength + 1) }).success).toBe(false);
});

test("metadata takes Intercom's kinds: text, numbers, booleans, links and prices", () => {
  const metadata = {
    invitee_email: "pi@example.org",
    invite_code: 42,
    verified: true,
    nothing: null,
    article: { url: "https://example.com/help/returns", value: "Returns" },
    price: { amount: 34999, currency: "eur" },
  };
  expect(TrackEventRequest.parse({ event_name: "ordered", metadata }).metadata).toEqual(metadata);
});

test("metadata past ten values, nested objects, script links or odd prices are refused", () => {
  const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]));
  expect(TrackEventRequest.safeParse({ event_name: "e", metadata: eleven }).success).toBe(false);
  expect(TrackEventRequest.safeParse({ event_name: "e", metadata: { deep: { a: { b: 1 } } } }).success).toBe(false);
  expect(TrackEventRequest.safeParse({ event_name: "e", metadata: { link: { url: "javascript:alert(1)" } } }).success).toBe(false);
  expect(TrackEventRequest.safeParse({ event_name: "e", metadata: { price: { amount: 1.5, currency: "usd" } } }).success).toBe(false);
  expect(TrackEventRequest.safeParse({ event_name: "e", metadata: { "a.b": 1 } }).success).toBe(false);
  expect(TrackEventRequest.safeParse({ event_name: "e", metadata: { text: "x".repeat(LIMITS.attributeValueLength + 1) } }).success).toBe(false);
});

test("created_at is whole Unix seconds", () => {
  expect(TrackEventRequest.parse({ event_name: "e", created_at: 1_700_000_000 }).created_at).toBe(1_700_000_000);
  expect(TrackEventRequest.safeParse({ event_name: "e", created_at: -5 }).success).toBe(false);
  expect(TrackEventRequest.safeParse({ event_name: "e", created_at: "yesterday" }).success).toBe(false);
});
