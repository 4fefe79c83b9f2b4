import { afterEach, expect, test } from "vitest";
import { OpenStreams } from "./open-streams";

let streams: OpenStreams | undefined;
afterEach(() => streams?.stop());

const settled = async (promise: Promise<string>, ms = 200) => Promise.race([promise, new Promise<"still open">((resolve) => setTimeout(() => resolve("still open"), ms))]);

test("once started, every open stream is checked again on its own timer and closed when no longer allowed", async () => {
  streams = new OpenStreams({ perContact: 10, perAddress: 10, recheckMs: 20 });
  let allowed = true;
  const handle = streams.admit("contact_1", "203.0.113.1", async () => (allowed ? null : "the session has ended"));
  streams.start();
  expect(await settled(handle!.closing, 100)).toBe("still open");
  allowed = false;
  expect(await settled(handle!.closing, 500)).toBe("the session has ended");
});

test("a check that fails (the database did not answer) keeps the stream open for the next pass", async () => {
  streams = new OpenStreams({ perContact: 10, perAddress: 10, recheckMs: 60_000 });
  const handle = streams.admit("contact_1", "203.0.113.1", async () => {
    throw new Error("database unavailable");
  });
  expect(await streams.recheck()).toBe(0);
  expect(await settled(handle!.closing, 50)).toBe("still open");
});

test("streams told to close but not yet ended do not count against the contact's cap twice", async () => {
  streams = new OpenStreams({ perContact: 2, perAddress: 10, recheckMs: 60_000 });
  const handles = [0, 1, 2, 3].map(() => streams!.admit("contact_1", "203.0.113.1", async () => null)!);
  // The 3rd closed the 1st, the 4th the 2nd (the 1st, still ending, is not picked again).
  expect(await settled(handles[0]!.closing)).toBe("too many open streams for this contact");
  expect(await settled(handles[1]!.closing)).toBe("too many open streams for this contact");
  expect(await settled(handles[2]!.closing, 50)).toBe("still open");
  expect(await settled(handles[3]!.closing, 50)).toBe("still open");
});

test("an address at its cap is refused until one of its streams ends", () => {
  streams = new OpenStreams({ perContact: 10, perAddress: 2, recheckMs: 60_000 });
  const first = streams.admit("contact_1", "203.0.113.1", async () => null);
  expect(streams.admit("contact_2", "203.0.113.1", async () => null)).not.toBeNull();
  expect(streams.admit("contact_3", "203.0.113.1", async () => null)).toBeNull();
  expect(streams.admit("contact_3", "203.0.113.2", async () => null)).not.toBeNull();
  first!.release();
  first!.release();
  expect(streams.admit("contact_3", "203.0.113.1", async () => null)).not.toBeNull();
  expect(streams.admit("contact_4", "203.0.113.1", async () => null)).toBeNull();
});
