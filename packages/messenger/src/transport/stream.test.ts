// @vitest-environment node
import type { StreamFrame } from "@parley/protocol";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { fakeEventSources } from "../test/fake-event-source";
import { message } from "../test/fixtures";
import { connectStream, type StreamConnection } from "./stream";

let connection: StreamConnection | null = null;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  connection?.close();
  connection = null;
  vi.useRealTimers();
});

function connect(options: { token?: () => string | null } = {}) {
  const sources = fakeEventSources();
  const frames: StreamFrame[] = [];
  const statuses: string[] = [];
  const refused = vi.fn();
  const token = options.token ?? (() => "t1");
  connection = connectStream({
    after: "100",
    url: (after) => {
      const current = token();
      return current ? `http://api.test/stream?token=${current}&after=${after ?? ""}` : null;
    },
    onFrame: (frame) => frames.push(frame),
    onStatus: (status) => statuses.push(status),
    onRefused: refused,
    createEventSource: sources.create,
    reconnectDelayMs: () => 1_000,
  });
  return { sources, frames, statuses, refused };
}

test("opens from the ping's cursor and delivers parsed frames", () => {
  const { sources, frames, statuses } = connect();
  expect(sources.latest().url).toBe("http://api.test/stream?token=t1&after=100");

  sources.latest().open();
  const frame: StreamFrame = { type: "message", message: message({ text: "Hi" }) };
  sources.latest().emit(frame, "101");

  expect(frames).toEqual([frame]);
  expect(statuses).toEqual(["connecting", "open"]);
  expect(connection?.cursor).toBe("101");
});

test("skips junk: invalid JSON, unknown shapes and frames that break the protocol", () => {
  const { sources, frames } = connect();
  const source = sources.latest();
  source.open();

  source.emitRaw("message", "{not json", "101");
  source.emitRaw("message", JSON.stringify({ type: "message", message: { id: 1 } }), "102");
  source.emitRaw("conversation", JSON.stringify({ type: "party" }), "103");
  source.emit({ type: "message", message: message({ text: "still here" }) }, "104");

  expect(frames.map((frame) => frame.type === "message" && frame.message.text)).toEqual(["still here"]);
  expect(connection?.cursor).toBe("104");
});

test("reconnects after the last event id when the browser gives up on the stream", () => {
  const { sources, refused } = connect();
  sources.latest().open();
  sources.latest().emit({ type: "message", message: message() }, "105");

  sources.latest().fail(true);
  expect(sources.all[0]!.closed).toBe(true);
  expect(refused).toHaveBeenCalledTimes(1);
  vi.advanceTimersByTime(1_000);

  expect(sources.all).toHaveLength(2);
  expect(sources.latest().url).toBe("http://api.test/stream?token=t1&after=105");
});

test("leaves a transient error to the browser's own reconnect", () => {
  const { sources, statuses } = connect();
  sources.latest().open();

  sources.latest().fail(false);
  vi.advanceTimersByTime(5_000);

  expect(sources.all).toHaveLength(1);
  expect(statuses.at(-1)).toBe("connecting");
});

test("re-opens a stream that stays silent for 50 seconds; frames and heartbeats keep it alive", () => {
  const { sources } = connect();
  sources.latest().open();
  vi.advanceTimersByTime(49_000);
  sources.latest().emit({ type: "message", message: message() }, "110");
  vi.advanceTimersByTime(49_000);
  sources.latest().emitRaw("heartbeat", "{}");
  vi.advanceTimersByTime(49_000);
  expect(sources.all).toHaveLength(1);

  vi.advanceTimersByTime(1_000);

  expect(sources.all[0]!.closed).toBe(true);
  expect(sources.all).toHaveLength(2);
  expect(sources.latest().url).toContain("after=110");
});

test("waits for a session before connecting", () => {
  let token: string | null = null;
  const { sources } = connect({ token: () => token });
  expect(sources.all).toHaveLength(0);

  token = "t2";
  vi.advanceTimersByTime(1_000);

  expect(sources.latest().url).toContain("token=t2");
});

test("close stops the stream and every timer", () => {
  const { sources, statuses } = connect();
  sources.latest().open();

  connection?.close();
  vi.advanceTimersByTime(120_000);

  expect(sources.all).toHaveLength(1);
  expect(sources.latest().closed).toBe(true);
  expect(statuses.at(-1)).toBe("closed");
});
