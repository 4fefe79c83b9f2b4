import { expect, test } from "vitest";
import { StreamFrame } from "./stream";

const message = {
  id: "msg_1",
  conversation_id: "conv_1",
  client_id: null,
  author: { type: "agent", name: "Alex" },
  text: "Hi, I can help.",
  created_at: "2026-11-23T10:00:00.000Z",
  citations: [],
  buttons: [],
};

test("a message frame parses", () => {
  expect(StreamFrame.parse({ type: "message", message })).toEqual({ type: "message", message });
});

test("an unknown frame type is rejected rather than half-understood", () => {
  expect(StreamFrame.safeParse({ type: "typing", message }).success).toBe(false);
});
