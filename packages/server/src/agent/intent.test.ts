import { expect, test } from "vitest";
import { asksForPerson } from "./intent";

test.each([
  "talk to a person",
  "Can I talk to a real person?",
  "can I speak to someone",
  "agent please",
  "Agent!",
  "real human",
  "representative",
  "HUMAN",
  "I want to speak with someone from customer service",
  "Connect me to a human",
  "I’d like to talk to an agent",
  "I need a real person",
  "Is there a live agent?",
  "get me a human",
  "Can I speak directly to someone?",
  "put me through to your team",
  "How do I contact customer service?",
  "can someone call me",
  "I don't want to talk to a bot",
  "operator",
  "Can I chat with support?",
  "let me talk to your manager",
  "transfer me to a representative",
  "is there someone I can chat with",
  "I have asked four times already. GET ME A SUPERVISOR",
  "this is useless, give me a real person",
  "HUMAN PLEASE this bot is useless",
  "this chatbot is not helping",
  "Representative please, I was charged twice",
])("asks for a person: %s", (text) => {
  expect(asksForPerson(text)).toBe(true);
});

test.each([
  "how do I add a person to my account",
  "Can someone else pick up my order?",
  "Can I send a gift card to someone?",
  "How do I contact the carrier?",
  "I need support with my tent warranty",
  "It looks like someone opened my parcel",
  "Can I talk to customs about duties?",
  "Will the customs agent charge me?",
  "Can I share my account with another person?",
  "How do I return a jacket?",
  "how do I connect my bot to slack",
  "Is your support team human?",
  "I need someone else to sign for the parcel",
  "I need a person's signature for delivery?",
  "Does the person receiving the gift card need an account?",
  "Can I transfer my gift card balance to someone else?",
  "Who is the shipping agent for international orders?",
  "How do I get me and my partner on one plan?",
  "Can you give me someone's details from my team list?",
  "hi",
  "",
  "   ",
])("does not ask for a person: %s", (text) => {
  expect(asksForPerson(text)).toBe(false);
});

test.each(["can i talk to a humen", "let me talk to an agnet", "connect me to a representitive", "i want to speek to a person"])("%j asks for a person, typo and all", (text) => {
  expect(asksForPerson(text)).toBe(true);
});

test.each(["how do i add a persn to my account", "can my agnet book for me"])("%j does not ask for one, typo or not", (text) => {
  expect(asksForPerson(text)).toBe(false);
});
