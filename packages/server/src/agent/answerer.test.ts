import { expect, test } from "vitest";
import { createBuiltInAnswerer } from "./answerer";
import type { AgentReply } from "./types";
import { chunkArticle, parseArticle, type Article } from "./knowledge";
import { KnowledgeIndex } from "./search";
import { splitSentences } from "./sentences";

const article = (id: string, title: string, body: string): Article =>
  parseArticle(`---\nid: ${id}\ntitle: ${title}\nurl: /help/${id}\n---\n${body}`, `${id}.md`);

const returns = article(
  "returns",
  "Returns and refunds",
  `You can return **most items** within 60 days. Items must be unused.

## How to return

Start your return in the [Returns Center](/returns). Print the label and drop the parcel at any UPS location. Returns are free within the US.

## Refunds

We inspect returns within 5 business days of them reaching our warehouse. Your refund goes back to the original payment method. Banks take 3–10 business days to show it.`,
);
const shipping = article(
  "shipping",
  "Shipping",
  `We ship every order within a day.

## Our warehouse

Our warehouse is in Denver, Colorado.

## Delivery times

Standard delivery takes 3–7 business days.`,
);
const memberReturns = article(
  "member-returns",
  "Returns for Trail Club members",
  `## Returning shoes

Members can return shoes within 90 days.`,
);
const shopReturns = article(
  "shoe-returns",
  "Returning shoes",
  `## Shoes that do not fit

You can return shoes within 60 days.`,
);

const answerer = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping]));

/** Every sentence of `text` is, word for word, a sentence of the article. */
function copiedFrom(text: string, source: Article): boolean {
  const sentences = new Set(chunkArticle(source).flatMap((passage) => splitSentences(passage.text).map((s) => s.text)));
  return splitSentences(text).every((sentence) => sentences.has(sentence.text));
}

function expectAnswer(reply: AgentReply): Extract<AgentReply, { kind: "answer" }> {
  expect(reply.kind).toBe("answer");
  if (reply.kind !== "answer") throw new Error("expected an answer");
  return reply;
}

test("a request for a person hands off before any retrieval, even when the knowledge could answer", async () => {
  expect(await answerer.answer({ question: "Can I talk to a person about my refund?" })).toEqual({ kind: "handoff", reason: "asked_for_person", locale: "en" });
  expect(await answerer.answer({ question: "agent please" })).toEqual({ kind: "handoff", reason: "asked_for_person", locale: "en" });
});

test("greetings, gibberish, off-topic and uncovered questions hand off for lack of an answer", async () => {
  for (const question of ["hi!", "thanks", "asdf qwer", "", "What is the capital of France?", "Do you have a store in Berlin?"]) {
    expect(await answerer.answer({ question: question }), question).toEqual({ kind: "handoff", reason: "no_answer", locale: "en" });
  }
});

test("an answer cites the article it came from by title and url, with a confidence", async () => {
  const reply = expectAnswer(await answerer.answer({ question: "When will I get my refund?" }));
  expect(reply.citations).toEqual([{ articleId: "returns", title: "Returns and refunds", url: "/help/returns" }]);
  expect(reply.confidence).toBeGreaterThan(0.5);
  expect(reply.confidence).toBeLessThanOrEqual(1);
});

test("the answer text is whole sentences copied from the article, short, with no markdown left", async () => {
  const reply = expectAnswer(await answerer.answer({ question: "How do I start a return?" }));
  expect(copiedFrom(reply.text, returns)).toBe(true);
  expect(reply.text).toContain("Start your return in the Returns Center.");
  expect(splitSentences(reply.text).length).toBeLessThanOrEqual(3);
  expect(reply.text.length).toBeLessThanOrEqual(450);
  expect(reply.text).not.toMatch(/[*_`#[\]()]/);
});

test("the answer comes from the passage about the question, not the first mention", async () => {
  const reply = expectAnswer(await answerer.answer({ question: "How long does a refund take?" }));
  expect(reply.text).toContain("Banks take 3–10 business days to show it.");
  expect(reply.text).not.toContain("60 days");
});

test("another article nearly as strong and about the same thing is cited too", async () => {
  const shoes = createBuiltInAnswerer(KnowledgeIndex.build([shopReturns, memberReturns]));
  const reply = expectAnswer(await shoes.answer({ question: "Can I return shoes?" }));
  expect(reply.citations.map((citation) => citation.url)).toEqual(["/help/shoe-returns", "/help/member-returns"]);
  expect(copiedFrom(reply.text, shopReturns)).toBe(true);
});

test("an article that merely mentions the question's word is not cited", async () => {
  // Both articles say "warehouse" in a sentence; only the shipping article has a section about it.
  const reply = expectAnswer(await answerer.answer({ question: "Where is your warehouse?" }));
  expect(reply.citations).toEqual([{ articleId: "shipping", title: "Shipping", url: "/help/shipping" }]);
});

test("minConfidence is the bar: an answer at exactly its confidence, a hand-off just above; it must be 0..1", async () => {
  const index = KnowledgeIndex.build([returns, shipping]);
  const question = "How long does standard delivery take to Berlin?";
  const { confidence } = expectAnswer(await createBuiltInAnswerer(index, { minConfidence: 0 }).answer({ question: question }));
  expect(confidence).toBeGreaterThan(0);
  expect(confidence).toBeLessThan(1);
  expect((await createBuiltInAnswerer(index, { minConfidence: confidence }).answer({ question: question })).kind).toBe("answer");
  expect(await createBuiltInAnswerer(index, { minConfidence: confidence + 0.01 }).answer({ question: question })).toEqual({
    kind: "handoff",
    reason: "no_answer",
    locale: "en",
  });
  expect(() => createBuiltInAnswerer(index, { minConfidence: 1.5 })).toThrow(RangeError);
  expect(() => createBuiltInAnswerer(index, { minConfidence: Number.NaN })).toThrow(RangeError);
});

test("with no articles at all, every question hands off", async () => {
  const empty = createBuiltInAnswerer(KnowledgeIndex.build([]));
  expect(await empty.answer({ question: "How do I return an item?" })).toEqual({ kind: "handoff", reason: "no_answer", locale: "en" });
});

test("the same question gets the same reply", async () => {
  expect(await answerer.answer({ question: "How long does standard delivery take?" })).toEqual(await answerer.answer({ question: "How long does standard delivery take?" }));
});

