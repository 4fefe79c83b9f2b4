import { expect, test } from "vitest";
import { conversationOfReplyAddress, replyAddress, visibleReply } from "./reply-address";

test("a reply address names its conversation only with the right signature", () => {
  const address = replyAddress("conv_abc123", "secret-1", "reply.acme.test");
  expect(conversationOfReplyAddress(address, ["secret-1"])).toBe("conv_abc123");
  expect(conversationOfReplyAddress(address.toUpperCase().replace("CONV_ABC123", "conv_abc123"), ["secret-1"])).toBe("conv_abc123");
  expect(conversationOfReplyAddress(address, ["secret-2"])).toBeNull();
  expect(conversationOfReplyAddress(address.replace("conv_abc123", "conv_other"), ["secret-1"])).toBeNull();
  expect(conversationOfReplyAddress("support@acme.test", ["secret-1"])).toBeNull();
});

test("during a secret rotation, a reply address from an email sent before it still names its conversation, until the old secret is retired", () => {
  const before = replyAddress("conv_abc123", "old-secret", "reply.acme.test");
  expect(conversationOfReplyAddress(before, ["new-secret", "old-secret"])).toBe("conv_abc123");
  expect(conversationOfReplyAddress(replyAddress("conv_abc123", "new-secret", "reply.acme.test"), ["new-secret", "old-secret"])).toBe("conv_abc123");
  expect(conversationOfReplyAddress(before, ["new-secret"])).toBeNull();
});

test.each([
  ["Gmail's wrapped attribution", "Yes please!\n\nOn Mon, Nov 30, 2026 at 10:02 AM Acme Support\n<support@acme.test> wrote:\n> Alex: hi", "Yes please!"],
  ["quoted lines", "Thanks\n> earlier text", "Thanks"],
  ["Outlook's original message", "Fine.\n\n-----Original Message-----\nFrom: Acme", "Fine."],
  ["a signature", "Sounds good.\n\n-- \nAda Lovelace\nAnalytical Engines Ltd", "Sounds good."],
  ["a plain answer over several lines", "Line one.\nLine two.", "Line one.\nLine two."],
])("the visible reply leaves out %s", (_name, text, expected) => {
  expect(visibleReply(text)).toBe(expected);
});
