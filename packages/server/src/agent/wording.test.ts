import { expect, test } from "vitest";
import { fitWording, wordingProbability, wordingTerms, wordingVocabulary, type WordingSample } from "./wording";

test("a question's wording is its words and neighbouring pairs, numbers as one term", () => {
  expect(wordingTerms("Why was I charged twice on the 3rd?")).toEqual(
    expect.arrayContaining(["why", "was", "charged", "why was", "i charged", "on the", "<n>", "the <n>", "<n> rd"]),
  );
  expect(wordingTerms("Où est ma commande 88213 ?")).toEqual(expect.arrayContaining(["où", "commande", "<n>", "commande <n>"]));
  // Each term once, however often it is said.
  expect(wordingTerms("help help help")).toEqual(["help", "help help"]);
});

/** Questions of six businesses: each asks "why was I charged" of its team and "how do I" of its articles, in its own words. */
function businesses(): { samples: WordingSample[]; vocabulary: string[] } {
  const things = ["kiln", "berth", "lens", "ticket", "locker", "parcel"];
  const samples: WordingSample[] = [];
  const questionsOf = new Map<string, string[]>();
  for (const [at, thing] of things.entries()) {
    const center = `business-${at}`;
    const asked: [string, 0 | 1][] = [
      [`why was I charged twice for my ${thing}`, 1],
      [`why was I charged for the ${thing} yesterday`, 1],
      [`how do I book a ${thing}`, 0],
      [`how do I cancel my ${thing}`, 0],
      [`how much is a ${thing}`, 0],
    ];
    // Only the first business's team is asked about "refunds": a word too few of them use to learn.
    if (at === 0) asked.push(["refunds please", 1], ["refunds again", 1]);
    for (const [question, label] of asked) samples.push({ question, label });
    questionsOf.set(center, asked.map(([question]) => question));
  }
  // A term is learnt only if the questions of three of the six use it.
  return { samples, vocabulary: wordingVocabulary(questionsOf, 3) };
}

test("the wording model learns the words many businesses' customers use, and not one business's own", () => {
  const { samples, vocabulary } = businesses();
  const model = fitWording(samples, vocabulary, { l2: 0.1 });
  // Words of the others' questions, asked of a business it never saw ("pitch").
  expect(wordingProbability(model, "why was I charged for the pitch")).toBeGreaterThan(0.9);
  expect(wordingProbability(model, "how do I book a pitch")).toBeLessThan(0.1);
  // One business's words are not learnt: neither "kiln" nor "refunds" has a weight.
  expect(model.weights.kiln).toBeUndefined();
  expect(model.weights.refunds).toBeUndefined();
  expect(wordingProbability(model, "refunds")).toBeCloseTo(wordingProbability(model, "kiln"), 10);
});

test("the wording model is the penalised regression's minimum, the same every time", () => {
  const { samples, vocabulary } = businesses();
  const loose = fitWording(samples, vocabulary, { l2: 0.1 });
  const tight = fitWording(samples, vocabulary, { l2: 10 });
  expect(fitWording(samples, vocabulary, { l2: 0.1 })).toEqual(loose);
  // A stronger penalty keeps the weights nearer zero.
  expect(Math.abs(tight.weights.charged ?? 0)).toBeLessThan(Math.abs(loose.weights.charged ?? 0));
  // At the minimum the gradient vanishes: the predicted probabilities sum to the labels' count.
  const predicted = samples.reduce((sum, { question }) => sum + wordingProbability(loose, question), 0);
  expect(predicted).toBeCloseTo(samples.filter(({ label }) => label === 1).length, 3);
});
