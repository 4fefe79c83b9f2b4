import { expect, test } from "vitest";
import { createBuiltInAnswerer } from "./answerer";
import { DEFAULT_DECISION_MODEL } from "./decision-model";
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
/** A model that answers whatever it finds: for tests of what an answer says or cites, not of the decision. */
const lenient = { ...DEFAULT_DECISION_MODEL, thresholds: { answer: 0, clarify: 1, suggest: 1 } };
const answering = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping]), { model: lenient });

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

test("greetings and thanks get a short friendly reply in the customer's language, not a hand-off", async () => {
  expect(await answerer.answer({ question: "hi!" })).toEqual({ kind: "smalltalk", text: "Hi! What can I help you with?", locale: "en" });
  expect(await answerer.answer({ question: "thanks so much" })).toMatchObject({ kind: "smalltalk", locale: "en" });
  expect(await answerer.answer({ question: "merci beaucoup" })).toMatchObject({ kind: "smalltalk", locale: "fr" });
});

test("gibberish, off-topic and uncovered questions hand off for lack of an answer", async () => {
  for (const question of ["asdf qwer", "", "What is the capital of France?", "Do you have a store in Berlin?"]) {
    expect(await answerer.answer({ question }), question).toEqual({ kind: "handoff", reason: "no_answer", locale: "en" });
  }
});

test("what only someone with access to the account can settle goes to the team, even when an article shares its words", async () => {
  for (const question of ["Where is my refund for order #4417?", "why was I charged twice on the 3rd?", "can you cancel my order please"]) {
    expect(await answerer.answer({ question }), question).toEqual({ kind: "handoff", reason: "account_specific", locale: "en" });
  }
  expect((await answerer.answer({ question: "How long does my refund take to reach my bank?" })).kind).toBe("answer");
});

test("asking for a person in other languages hands off, in that language", async () => {
  expect(await answerer.answer({ question: "je veux parler à quelqu'un" })).toEqual({ kind: "handoff", reason: "asked_for_person", locale: "fr" });
  expect(await answerer.answer({ question: "quiero hablar con una persona" })).toEqual({ kind: "handoff", reason: "asked_for_person", locale: "es" });
});

test("an answer cites the article it came from by title and url, with a confidence", async () => {
  const reply = expectAnswer(await answerer.answer({ question: "When will my refund reach my bank account?" }));
  expect(reply.citations).toEqual([{ articleId: "returns", title: "Returns and refunds", url: "/help/returns" }]);
  expect(reply.confidence).toBeGreaterThan(0.5);
  expect(reply.confidence).toBeLessThanOrEqual(1);
});

test("the answer text is whole sentences copied from the article, short, with no markdown left", async () => {
  // What an answer says, whatever the decision: on a help center of two articles, whether the
  // fitted model answers or hands off this question has moved between refits.
  const reply = expectAnswer(await answering.answer({ question: "How do I start a return?" }));
  expect(copiedFrom(reply.text, returns)).toBe(true);
  expect(reply.text).toContain("Start your return in the Returns Center.");
  expect(splitSentences(reply.text).length).toBeLessThanOrEqual(3);
  expect(reply.text.length).toBeLessThanOrEqual(450);
  expect(reply.text).not.toMatch(/[*_`#[\]()]/);
});

test("the answer comes from the passage about the question, not the first mention", async () => {
  // "return" first comes up in the sentence about the 60 days to send an item back.
  const reply = expectAnswer(await answerer.answer({ question: "How long does a refund take after you get my return?" }));
  expect(reply.text).toContain("We inspect returns within 5 business days of them reaching our warehouse.");
  expect(reply.text).not.toContain("60 days");
});

test("asked how much, an answer quoting a section with no price adds the prices its article states elsewhere", async () => {
  const abroad = article(
    "abroad",
    "Shipping abroad",
    `We ship to Canada, Mexico and Japan. We cannot forward parcels to other countries.

## Carriers and rates

International orders travel with one of two carriers:

- Express arrives in 3–6 business days and costs $34.95.
- Economy arrives in 8–15 business days and costs $19.95.

## Customs

The carrier collects import duties from you on delivery.`,
  );
  const index = KnowledgeIndex.build([abroad, returns]);
  const reply = expectAnswer(await createBuiltInAnswerer(index, { model: lenient }).answer({ question: "how much is shipping to Canada?" }));
  expect(reply.text).toBe(
    "We ship to Canada, Mexico and Japan. We cannot forward parcels to other countries.\n\n- Express arrives in 3–6 business days and costs $34.95.\n- Economy arrives in 8–15 business days and costs $19.95.",
  );
  expect(reply.citations.map((citation) => citation.articleId)).toEqual(["abroad"]);
  // Asked which countries, nothing is added; asked how long, the durations are.
  expect(expectAnswer(await createBuiltInAnswerer(index, { model: lenient }).answer({ question: "do you ship to Canada?" })).text).not.toContain("$");
  const howLong = expectAnswer(await createBuiltInAnswerer(index, { model: lenient }).answer({ question: "how long does shipping to Canada take?" }));
  expect(howLong.text).toContain("Express arrives in 3–6 business days");
});

test("the answer comes from the section headed by the question, not one that names it in passing", async () => {
  const account = article(
    "passwords",
    "Resetting your password and managing your account",
    `Your account keeps your orders and addresses in one place.

## Resetting a forgotten password

On the sign-in page, select Forgot password and enter the email address of your account. We email you a link that works for an hour. Check your spam folder if it has not come within 10 minutes. The new one needs at least 10 characters.

## Locked account

After five failed sign-ins we lock your account for half an hour. You can wait, or reset your password to unlock it at once.

## Deleting your account

Open Account settings and select Delete account. We erase your profile within 30 days.`,
  );
  const reply = expectAnswer(await createBuiltInAnswerer(KnowledgeIndex.build([account, shipping, returns])).answer({ question: "How do I reset my password?" }));
  expect(reply.text).toContain("select Forgot password");
});

test("a question two articles answer differently gets a clarifying question; pressing an option answers from that article", async () => {
  const shoes = createBuiltInAnswerer(KnowledgeIndex.build([shopReturns, memberReturns]));
  // A model that always finds the question ambiguous: this test is about what a clarifying question offers.
  // ("Can I return shoes?" alone would be the title of one of them, and answered from it: see namedByTitle.)
  const alwaysAmbiguous = { ...DEFAULT_DECISION_MODEL.clarify, base: 10, trees: [] };
  const model = { ...DEFAULT_DECISION_MODEL, clarify: alwaysAmbiguous, thresholds: { answer: 0.99, clarify: 0.5, suggest: 1 } };
  const clarifying = createBuiltInAnswerer(KnowledgeIndex.build([shopReturns, memberReturns]), { model });
  const reply = await clarifying.answer({ question: "Can I return shoes I have worn?" });
  expect(reply.kind).toBe("clarify");
  if (reply.kind !== "clarify") return;
  expect(reply.options.map((option) => option.articleId).sort()).toEqual(["member-returns", "shoe-returns"]);
  expect(reply.options.find((option) => option.articleId === "member-returns")?.label).toBe("Returns for Trail Club members");
  const chosen = expectAnswer(await shoes.answer({ question: "Can I return shoes I have worn?", chosenArticleId: "member-returns" }));
  expect(chosen.citations[0]?.articleId).toBe("member-returns");
  expect(chosen.text).toContain("90 days");
  const typed = expectAnswer(await shoes.answer({ question: "the trail club one", offered: reply.options, history: ["Can I return shoes I have worn?"] }));
  expect(typed.citations[0]?.articleId).toBe("member-returns");
});

test("a clarifying question offers only articles the ranker gives at least half the first one's chance, and asks about a single one as such", async () => {
  // As above, a model that always finds the question ambiguous. Shipping shares "business days" and
  // "warehouse" with the question, but the ranker gives it well under half of what it gives returns.
  const alwaysAmbiguous = { ...DEFAULT_DECISION_MODEL.clarify, base: 10, trees: [] };
  const model = { ...DEFAULT_DECISION_MODEL, clarify: alwaysAmbiguous, thresholds: { answer: 0.99, clarify: 0.5, suggest: 1 } };
  const clarifying = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping]), { model });
  const reply = await clarifying.answer({ question: "refund takes how many business days after the warehouse gets it" });
  expect(reply).toMatchObject({ kind: "clarify", text: "Is this what you are looking for?", options: [{ articleId: "returns", label: "Returns and refunds" }] });
});

test("yes, ok or 👍 to the one article offered answers from it, no asks what it is about, and with nothing offered ok is small talk", async () => {
  const question = "refund takes how many business days after the warehouse gets it";
  const offered = [{ articleId: "returns", label: "Returns and refunds" }];
  for (const yes of ["yes", "Yes please!", "ok", "👍", "oui"]) {
    const reply = expectAnswer(await answerer.answer({ question: yes, offered, history: [question] }));
    expect(reply.citations[0]?.articleId, yes).toBe("returns");
    expect(reply.text, yes).toContain("5 business days");
  }
  const tellMore = { kind: "clarify", text: "Could you tell me a little more? A few words on what it is about will do.", options: [], confidence: 0, locale: "en" };
  for (const no of ["no", "nope, not really", "👎"]) {
    // ("no" is Spanish too: the Messenger's language tells.)
    expect(await answerer.answer({ question: no, offered, history: [question], locale: "en" }), no).toEqual(tellMore);
    // Said to an answer, it did not help: asked what it is about, never handed off unasked.
    expect(await answerer.answer({ question: no, history: [question], locale: "en" }), no).toEqual(tellMore);
  }
  // "Yes" to two articles names neither: the same offer again.
  const both = [...offered, { articleId: "shipping", label: "Shipping" }];
  expect(await answerer.answer({ question: "yes", offered: both, history: [question] })).toMatchObject({ kind: "clarify", options: both });
  for (const ok of ["ok", "👍🏽", "got it", "yep"]) {
    expect(await answerer.answer({ question: ok, history: [question] }), ok).toEqual({ kind: "smalltalk", text: "Alright! If there is anything else, just ask.", locale: "en" });
  }
  expect(await answerer.answer({ question: "ok 👍", locale: "de" })).toEqual({
    kind: "smalltalk",
    text: "Alles klar! Wenn Sie noch etwas wissen möchten, fragen Sie einfach.",
    locale: "de",
  });
  expect(await answerer.answer({ question: "no thanks" })).toMatchObject({ kind: "smalltalk", text: "Bye for now! Come back any time." });
  // Only signs: nothing to go on, for the team either.
  expect(await answerer.answer({ question: "??" })).toEqual(tellMore);
  // A bare number may be an order's: the team can look it up.
  expect(await answerer.answer({ question: "4417" })).toMatchObject({ kind: "handoff" });
});

test("an article that merely mentions the question's word is not cited", async () => {
  // Both articles say "warehouse" in a sentence; only the shipping article has a section about it.
  // `answering` answers whatever it finds, so the test is about which article, not the threshold.
  const reply = expectAnswer(await answering.answer({ question: "Where is your warehouse?" }));
  expect(reply.citations).toEqual([{ articleId: "shipping", title: "Shipping", url: "/help/shipping" }]);
});

test("the decision model's answer threshold is the bar: above it an answer, below it a hand-off", async () => {
  const index = KnowledgeIndex.build([returns, shipping]);
  const question = "How long does standard delivery take to Berlin?";
  const { confidence } = expectAnswer(await createBuiltInAnswerer(index, { model: lenient }).answer({ question }));
  expect(confidence).toBeGreaterThan(0);
  expect(confidence).toBeLessThan(1);
  const at = { ...lenient, thresholds: { answer: confidence, clarify: 1, suggest: 1 } };
  expect((await createBuiltInAnswerer(index, { model: at }).answer({ question })).kind).toBe("answer");
  const above = { ...lenient, thresholds: { answer: Math.min(1, confidence + 0.01), clarify: 1, suggest: 1 } };
  expect(await createBuiltInAnswerer(index, { model: above }).answer({ question })).toEqual({ kind: "handoff", reason: "no_answer", locale: "en" });
  // From the suggestion threshold up, the hand-off names the article that may help meanwhile.
  const suggesting = { ...above, thresholds: { ...above.thresholds, suggest: confidence } };
  expect(await createBuiltInAnswerer(index, { model: suggesting }).answer({ question })).toEqual({
    kind: "handoff",
    reason: "no_answer",
    suggestions: [{ articleId: "shipping", title: "Shipping", url: "/help/shipping" }],
    locale: "en",
  });
});

test("a question no article is close to is handed off with nothing suggested, even at the lowest suggestion threshold", async () => {
  const index = KnowledgeIndex.build([returns, shipping]);
  const model = { ...DEFAULT_DECISION_MODEL, thresholds: { ...DEFAULT_DECISION_MODEL.thresholds, suggest: 0 } };
  expect(await createBuiltInAnswerer(index, { model }).answer({ question: "Do you sell kayaks?" })).toEqual({ kind: "handoff", reason: "no_answer", locale: "en" });
});

test("a message with nothing to look up asks for a few words more; with them it is answered", async () => {
  for (const question of ["How long does it take?", "I can't get in", "can my kid come too?"]) {
    expect(await answerer.answer({ question }), question).toEqual({
      kind: "clarify",
      text: "Could you tell me a little more? A few words on what it is about will do.",
      options: [],
      confidence: expect.any(Number),
      locale: "en",
    });
  }
  const lowBar = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping]), { model: { ...DEFAULT_DECISION_MODEL, thresholds: { answer: 0.3, clarify: 1, suggest: 1 } } });
  const more = expectAnswer(await lowBar.answer({ question: "standard delivery", history: ["How long does it take?"] }));
  expect(more.citations[0]?.articleId).toBe("shipping");
  expect(more.text).toContain("Standard delivery takes 3–7 business days.");
});

test("a short follow-up is read with the question before it", async () => {
  // A model that answers from modest evidence, so the test is about reading the follow-up, not the threshold.
  const lowBar = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping]), { model: { ...DEFAULT_DECISION_MODEL, thresholds: { answer: 0.3, clarify: 1, suggest: 1 } } });
  const alone = await lowBar.answer({ question: "and to Berlin?" });
  const followUp = expectAnswer(await lowBar.answer({ question: "and to Berlin?", history: ["How long does standard delivery take?"] }));
  expect(alone.kind).toBe("handoff");
  expect(followUp.citations[0]?.articleId).toBe("shipping");
  expect(followUp.text).toContain("Standard delivery takes 3–7 business days.");
  // A whole question of its own is not read with the one before.
  const separate = await lowBar.answer({ question: "Can I bring my dog along to your shop in Berlin?", history: ["How long does standard delivery take?"] });
  expect(separate.kind).toBe("handoff");
});

test("with no articles at all, every question hands off", async () => {
  const empty = createBuiltInAnswerer(KnowledgeIndex.build([]));
  expect(await empty.answer({ question: "How do I return an item?" })).toEqual({ kind: "handoff", reason: "no_answer", locale: "en" });
});

test("the same question gets the same reply", async () => {
  expect(await answerer.answer({ question: "How long does standard delivery take?" })).toEqual(await answerer.answer({ question: "How long does standard delivery take?" }));
});


const giftWrap = (questions: string) =>
  parseArticle(
    `---\nid: gift-wrap\ntitle: Gift wrapping\nurl: /help/gift-wrap\n${questions}---\nAdd wrapping paper and a card at checkout for $5 per item. The receipt inside shows no prices.`,
    "gift-wrap.md",
  );

test("a question asked in the words of an article's example question (front matter `questions:`) is answered from that article", async () => {
  const question = "Will they see the price I paid??";
  const without = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping, giftWrap("")]));
  expect(await without.answer({ question })).toMatchObject({ kind: "handoff", reason: "no_answer" });

  const hinted = giftWrap("questions:\n  - Can I send an order as a present?\n  - will they SEE the prices I paid?\n");
  const withExamples = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping, hinted]));
  const reply = await withExamples.answer({ question });
  expect(reply).toMatchObject({ kind: "answer", citations: [{ articleId: "gift-wrap" }] });
  // The answer quotes the article's sentence about it, never the owner's example questions.
  const text = reply.kind === "answer" ? reply.text : "";
  expect(text).toContain("The receipt inside shows no prices.");
  expect(text).not.toMatch(/present|paid/i);
  // The courtesies around it are not what is asked.
  expect(await withExamples.answer({ question: "Hey team, will they see the price I paid? Cheers, Maria" })).toMatchObject({ citations: [{ articleId: "gift-wrap" }] });
  // More words than the example's is another question: searched as any other.
  expect(await withExamples.answer({ question: "Will they see the price I paid in the warehouse?" })).not.toMatchObject({ citations: [{ articleId: "gift-wrap" }] });
});

/** The articles a reply cites, offers or suggests. */
const pointedTo = (reply: AgentReply) =>
  (reply.kind === "answer" ? reply.citations : reply.kind === "clarify" ? reply.options : reply.kind === "handoff" ? (reply.suggestions ?? []) : []).map(({ articleId }) => articleId);

test("a customer's story pasted as an example question does not pull other questions that share its words to the article", async () => {
  const story = giftWrap("questions:\n  - I ordered a scarf as a present for my mum, returned it unused within 60 days and the refund still has not reached my card\n");
  const answerer = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping, story]));
  // Read as words of the gift-wrapping article, the story made these a clarifying question or a
  // hand-off. Now they are answered from the returns article, or (the first, short and asked of any
  // shop) offered it alone to confirm.
  expect(await answerer.answer({ question: "when will I get my refund after returning an item?" })).toMatchObject({ kind: "answer", citations: [{ articleId: "returns" }] });
  expect(pointedTo(await answerer.answer({ question: "How do I return an item?" }))).toEqual(["returns"]);
  // Answered from the returns article, or (less sure) handed off pointing to it, never to gift wrapping.
  expect(pointedTo(await answerer.answer({ question: "how long do refunds take to reach my card?" }))).toEqual(["returns"]);
  // …and never makes this one an answer about gift wrapping.
  expect(await answerer.answer({ question: "my refund has not reached my card" })).not.toMatchObject({ citations: [{ articleId: "gift-wrap" }] });
});

test("an example question of one word, or one that two articles share, answers nothing by itself", async () => {
  const hinted = giftWrap("questions:\n  - present?\n");
  const answerer = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping, hinted]));
  expect(await answerer.answer({ question: "present?" })).not.toMatchObject({ kind: "answer" });
  const example = "questions:\n  - will they see the prices I paid?\n";
  const parcels = parseArticle(`---\nid: parcels\ntitle: Parcels\nurl: /help/parcels\n${example}---\nParcels are plain brown boxes.`, "parcels.md");
  const twice = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping, parcels, giftWrap(example)]));
  expect(await twice.answer({ question: "Will they see the price I paid??" })).not.toMatchObject({ kind: "answer" });
});

test("a translation whose front matter names no locale is still found for a question in its language", async () => {
  const retours = parseArticle(
    `---\nid: returns-fr\ntitle: Retours et remboursements\nurl: /help/returns-fr\ntranslation_of: returns\n---\n` +
      "Vous pouvez retourner **la plupart des articles** dans les 60 jours. Les articles doivent être neufs.\n\n" +
      "## Remboursements\n\nLe remboursement est fait sur le moyen de paiement d'origine. Les banques mettent de 3 à 10 jours ouvrés pour l'afficher.",
    "returns-fr.md",
  );
  expect(retours.locale).toBe("fr");
  const answerer = createBuiltInAnswerer(KnowledgeIndex.build([returns, shipping, retours]));
  const reply = await answerer.answer({ question: "combien de jours pour retourner un article ?" });
  expect(reply).toMatchObject({ kind: "answer", locale: "fr", citations: [{ articleId: "returns-fr" }] });
});
