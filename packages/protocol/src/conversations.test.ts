import { expect, test } from "vitest";
import { SendMessageRequest } from "./conversations";
import { LIMITS } from "./limits";

const clientId = "c_0123456789";

test("a message is trimmed before it is stored", () => {
  expect(SendMessageRequest.parse({ client_id: clientId, text: "  hello \n" }).text).toBe("hello");
});

test("an empty or whitespace-only message is rejected", () => {
  const result = SendMessageRequest.safeParse({ client_id: clientId, text: "   " });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.message).toBe("a message cannot be empty");
});

test("a message longer than the limit is rejected", () => {
  expect(SendMessageRequest.safeParse({ client_id: clientId, text: "a".repeat(LIMITS.messageLength) }).success).toBe(true);
  expect(SendMessageRequest.safeParse({ client_id: clientId, text: "a".repeat(LIMITS.messageLength + 1) }).success).toBe(false);
});

test("client ids are URL-safe and of sane length", () => {
  expect(SendMessageRequest.safeParse({ client_id: "short", text: "hi" }).success).toBe(false);
  expect(SendMessageRequest.safeParse({ client_id: "has space in it", text: "hi" }).success).toBe(false);
  expect(SendMessageRequest.safeParse({ client_id: "x".repeat(65), text: "hi" }).success).toBe(false);
});

test("a reply button press names its action", () => {
  expect(SendMessageRequest.parse({ client_id: clientId, text: "Talk to a person", action: "handoff" }).action).toBe("handoff");
  expect(SendMessageRequest.safeParse({ client_id: clientId, text: "x", action: "delete_everything" }).success).toBe(false);
});
