import { expect, test } from "vitest";
import { ReplyButton, SendMessageRequest } from "./conversations";
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

test("a button that picks an offered article carries its article id, and the send brings it back", () => {
  const button = { label: "Returns and refunds", action: "choose_article", article_id: "returns-and-refunds" };
  expect(ReplyButton.parse(button)).toEqual(button);
  expect(
    SendMessageRequest.parse({ client_id: clientId, text: button.label, action: "choose_article", article_id: "returns-and-refunds" }),
  ).toMatchObject({ action: "choose_article", article_id: "returns-and-refunds" });
});

test("an article id comes with choose_article and only with it", () => {
  const issue = (value: unknown) => SendMessageRequest.safeParse(value).error?.issues[0]?.path;
  expect(issue({ client_id: clientId, text: "Returns", action: "choose_article" })).toEqual(["article_id"]);
  expect(issue({ client_id: clientId, text: "Returns", article_id: "returns" })).toEqual(["article_id"]);
  expect(issue({ client_id: clientId, text: "That helped", action: "resolved", article_id: "returns" })).toEqual(["article_id"]);
  expect(ReplyButton.safeParse({ label: "Returns", action: "choose_article" }).success).toBe(false);
  expect(ReplyButton.safeParse({ label: "Returns", action: "choose_article", article_id: "" }).success).toBe(false);
});

test("what older clients send and receive still parses unchanged", () => {
  expect(SendMessageRequest.parse({ client_id: clientId, text: "That helped", action: "resolved" })).toEqual({
    client_id: clientId,
    text: "That helped",
    action: "resolved",
  });
  expect(ReplyButton.parse({ label: "Talk to a person", action: "handoff" })).toEqual({ label: "Talk to a person", action: "handoff" });
});
