// @vitest-environment node
import { expect, test } from "vitest";
import { conversation, message } from "../test/fixtures";
import { ConversationModel } from "./conversation";
import { OutboxModel } from "./outbox";

test("messages are shown once, in the order they were written, whatever order they arrive in", () => {
  const model = new ConversationModel();
  const older = message({ text: "older" });
  const newer = message({ text: "newer" });

  expect(model.receive(newer)).toBe(true);
  model.load(conversation(), [older, newer]);
  expect(model.receive({ ...newer, text: "newer, edited" })).toBe(false);

  expect(model.thread.value.map((item) => item.text)).toEqual(["older", "newer, edited"]);
});

test("messages stored together (one time) keep the server's order by id, whatever order they arrive in", () => {
  const model = new ConversationModel();
  const at = "2026-11-23T10:00:00.000Z";
  const question = message({ id: "msg_0001", text: "Talk to a person", created_at: at });
  const reply = message({ id: "msg_0002", text: "Sure, I've passed this to the team.", created_at: at });

  model.receive(reply);
  model.receive(question);

  expect(model.thread.value.map((item) => item.text)).toEqual(["Talk to a person", "Sure, I've passed this to the team."]);
});

test("the outbox sends oldest first, keeps a failed message for Retry, and forgets settled ones", () => {
  const outbox = new OutboxModel();
  outbox.enqueue({ clientId: "client-a", text: "first" });
  outbox.enqueue({ clientId: "client-b", text: "second", action: "handoff" });

  outbox.markFailed("client-a");
  expect(outbox.next()?.clientId).toBe("client-b");
  outbox.settle("client-b");
  expect(outbox.next()).toBeUndefined();
  outbox.markSending("client-a");

  expect(outbox.next()).toEqual({ clientId: "client-a", text: "first", status: "sending" });
  expect(outbox.pending.value).toHaveLength(1);
});

test("an older snapshot of the conversation never replaces a newer one, whatever route it took", () => {
  const model = new ConversationModel();
  model.setConversation(conversation({ id: "conv_9", status: "team", version: 3 }));

  model.setConversation(conversation({ id: "conv_9", status: "ai", version: 1 })); // a late POST response
  model.load(conversation({ id: "conv_9", status: "ai", version: 2 }), []);
  expect(model.conversation.value?.status).toBe("team");

  model.setConversation(conversation({ id: "conv_9", status: "resolved", version: 4 }));
  expect(model.conversation.value?.status).toBe("resolved");
});
