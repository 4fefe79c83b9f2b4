import { expect, test, vi } from "vitest";
import { signZendeskWebhook, verifyZendeskWebhook } from "./webhook-signature";

// Spy on the comparison so the test can see it is the constant-time one, on equal-length buffers.
const crypto = vi.hoisted(() => ({ compared: [] as Array<[number, number]> }));
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      crypto.compared.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

// The vector of Zendesk's older verification page (reference §10.4).
const secret = "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=";
const rawBody = '{"say": "hello"}';
const timestamp = "2021-07-25T10:00:00Z";
const current = "Rry/4TtIdFyawtXXp8QdI6tlAUUQ/5kL1OTp5qo/ZIk="; // HMAC over timestamp ‖ body
const legacy = "tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw="; // HMAC over body ‖ timestamp
const justAfter = new Date("2021-07-25T10:01:00Z");

test("the signature is base64 HMAC-SHA256 over timestamp ‖ raw body, keyed by the secret as text", () => {
  expect(signZendeskWebhook(secret, timestamp, rawBody)).toBe(current);
});

test("the documented vector verifies in the current order", () => {
  expect(verifyZendeskWebhook({ secret, signature: current, timestamp, rawBody, now: justAfter })).toEqual({ ok: true });
});

test("the legacy body ‖ timestamp signature is rejected", () => {
  expect(verifyZendeskWebhook({ secret, signature: legacy, timestamp, rawBody, now: justAfter })).toEqual({ ok: false, reason: "mismatch" });
});

test("a changed body, timestamp or secret does not verify", () => {
  const base = { secret, signature: current, timestamp, rawBody, now: justAfter };
  expect(verifyZendeskWebhook({ ...base, rawBody: '{"say":"hello"}' })).toEqual({ ok: false, reason: "mismatch" });
  expect(verifyZendeskWebhook({ ...base, timestamp: "2021-07-25T10:00:01Z" })).toEqual({ ok: false, reason: "mismatch" });
  expect(verifyZendeskWebhook({ ...base, secret: "another-secret" })).toEqual({ ok: false, reason: "mismatch" });
  // Hex of the right HMAC is a classic wrong implementation; it is not accepted either.
  const hex = Buffer.from(current, "base64").toString("hex");
  expect(verifyZendeskWebhook({ ...base, signature: hex })).toEqual({ ok: false, reason: "mismatch" });
});

test("missing signature or timestamp headers are reported as missing", () => {
  expect(verifyZendeskWebhook({ secret, signature: undefined, timestamp, rawBody, now: justAfter })).toEqual({ ok: false, reason: "missing" });
  expect(verifyZendeskWebhook({ secret, signature: current, timestamp: null, rawBody, now: justAfter })).toEqual({ ok: false, reason: "missing" });
  expect(verifyZendeskWebhook({ secret, signature: "", timestamp: "", rawBody, now: justAfter })).toEqual({ ok: false, reason: "missing" });
});

test("a correctly signed but old or far-future timestamp is stale", () => {
  const tenMinutesLater = new Date("2021-07-25T10:10:00Z");
  expect(verifyZendeskWebhook({ secret, signature: current, timestamp, rawBody, now: tenMinutesLater })).toEqual({ ok: false, reason: "stale" });
  const tenMinutesBefore = new Date("2021-07-25T09:50:00Z");
  expect(verifyZendeskWebhook({ secret, signature: current, timestamp, rawBody, now: tenMinutesBefore })).toEqual({ ok: false, reason: "stale" });
  // The window is configurable and inclusive at its edge.
  const fiveMinutesLater = new Date("2021-07-25T10:05:00Z");
  expect(verifyZendeskWebhook({ secret, signature: current, timestamp, rawBody, now: fiveMinutesLater })).toEqual({ ok: true });
  expect(verifyZendeskWebhook({ secret, signature: current, timestamp, rawBody, now: tenMinutesLater, toleranceSeconds: 900 })).toEqual({ ok: true });
});

test("a signed timestamp that is not ISO-8601 cannot be judged fresh", () => {
  const unix = "1627207200"; // the same instant as seconds: Zendesk never sends this form
  const signature = signZendeskWebhook(secret, unix, rawBody);
  expect(verifyZendeskWebhook({ secret, signature, timestamp: unix, rawBody, now: justAfter })).toEqual({ ok: false, reason: "stale" });
});

test("bodies are signed as received, including non-ASCII text", () => {
  const body = '{"comment":"Grüße — 你好"}';
  const signature = signZendeskWebhook("sim-webhook-secret", timestamp, body);
  expect(verifyZendeskWebhook({ secret: "sim-webhook-secret", signature, timestamp, rawBody: body, now: justAfter })).toEqual({ ok: true });
});

test("an empty secret verifies nothing", () => {
  const signature = signZendeskWebhook("", timestamp, rawBody);
  expect(verifyZendeskWebhook({ secret: "", signature, timestamp, rawBody, now: justAfter })).toEqual({ ok: false, reason: "mismatch" });
});

test("comparison is constant-time on equal-length buffers, and a short signature is a mismatch, not a crash", () => {
  crypto.compared.length = 0;
  verifyZendeskWebhook({ secret, signature: current, timestamp, rawBody, now: justAfter });
  verifyZendeskWebhook({ secret, signature: legacy, timestamp, rawBody, now: justAfter });
  expect(crypto.compared).toEqual([
    [44, 44],
    [44, 44],
  ]);
  crypto.compared.length = 0;
  expect(verifyZendeskWebhook({ secret, signature: "abc=", timestamp, rawBody, now: justAfter })).toEqual({ ok: false, reason: "mismatch" });
  expect(crypto.compared).toEqual([]);
});
