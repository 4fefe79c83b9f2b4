import { expect, test } from "vitest";
import { outcomeOf, DEFAULT_DECISION_MODEL } from "./decision-model";
import { DEFAULT_RANKER, RANK_FEATURE_NAMES } from "./ranking";
import { fitChoices, fitRanker, fitRegression, parseRegression, probability, type Choice, type Regression } from "./regression";

test("a fitted regression separates what its labels separate, and says how sure it is", () => {
  const rows = Array.from({ length: 40 }, (_, i) => [i / 40, (i % 7) / 7]);
  const labels = rows.map(([first]) => ((first ?? 0) > 0.5 ? 1 : 0));
  const model = fitRegression(["signal", "noise"], rows, labels);
  expect(probability(model, [0.95, 0.3])).toBeGreaterThan(0.8);
  expect(probability(model, [0.05, 0.3])).toBeLessThan(0.2);
  expect(Math.abs(model.weights[0] ?? 0)).toBeGreaterThan(Math.abs(model.weights[1] ?? 0));
  expect(fitRegression(["signal", "noise"], rows, labels)).toEqual(model);
});

test("a fitted regression is the penalised log-loss's minimum: there, the loss's slope is nil along every weight and the bias", () => {
  // Two nearly equal features (as rank and keyWordRank often are) and classes that overlap.
  const rows = Array.from({ length: 300 }, (_, i) => {
    const a = ((i * 37) % 101) / 101;
    return [a, a * 0.99 + ((i * 13) % 7) / 700, ((i * 11) % 17) / 17];
  });
  const labels = rows.map(([a = 0, , c = 0], i) => (a + 0.3 * c + ((i * 29) % 23) / 46 > 0.9 ? 1 : 0));
  const l2 = 0.02;
  const model = fitRegression(["a", "b", "c"], rows, labels, { l2 });
  const slope = [0, 0, 0, 0];
  rows.forEach((row, i) => {
    const error = probability(model, row) - (labels[i] ?? 0);
    row.forEach((value, j) => (slope[j] = (slope[j] ?? 0) + (error * (value - (model.mean[j] ?? 0))) / (model.scale[j] ?? 1) / rows.length));
    slope[3] = (slope[3] ?? 0) + error / rows.length;
  });
  model.weights.forEach((weight, j) => (slope[j] = (slope[j] ?? 0) + l2 * weight));
  for (const value of slope) expect(Math.abs(value)).toBeLessThan(1e-9);
  // Classes a line separates still get finite weights under the penalty.
  const separated = fitRegression(["a"], [[0], [0.2], [0.8], [1]], [0, 0, 1, 1], { l2 });
  expect(Number.isFinite(separated.weights[0])).toBe(true);
  expect(probability(separated, [1])).toBeGreaterThan(0.7);
});

test("rows weighed less pull a regression less: weights of 1 change nothing, and 0 is as if the rows were not there", () => {
  const rows = Array.from({ length: 60 }, (_, i) => [((i * 37) % 61) / 61]);
  const labels = rows.map(([a = 0], i) => (a + ((i * 29) % 23) / 46 > 0.7 ? 1 : 0));
  const plain = fitRegression(["a"], rows, labels, { l2: 0.02 });
  expect(fitRegression(["a"], rows, labels, { l2: 0.02, rowWeights: rows.map(() => 1) })).toEqual(plain);
  // Strong matches that must not be answered (ambiguous questions): at full weight they pull the
  // probability of every strong match down; weighed at 0.3, much less.
  const withDecoys = [...rows, ...Array.from({ length: 20 }, () => [0.95])];
  const decoyLabels = [...labels, ...Array.from({ length: 20 }, () => 0)];
  const full = fitRegression(["a"], withDecoys, decoyLabels, { l2: 0.02 });
  const light = fitRegression(["a"], withDecoys, decoyLabels, { l2: 0.02, rowWeights: withDecoys.map((_, i) => (i < rows.length ? 1 : 0.3)) });
  expect(probability(light, [0.9])).toBeGreaterThan(probability(full, [0.9]) + 0.1);
  // Weighed 0, only the standardisation (fitted on all rows) still sees them.
  const none = fitRegression(["a"], withDecoys, decoyLabels, { l2: 0.02, rowWeights: withDecoys.map((_, i) => (i < rows.length ? 1 : 0)) });
  expect(probability(none, [0.9])).toBeCloseTo(probability(plain, [0.9]), 1);
});

test("a fitted ranker picks each choice's right candidate, where choices of different sizes mislead a fit over all candidates at once", () => {
  // In the choices of two, every candidate is "loud"; in those of ten, none is. Within each, the
  // right candidate is the quieter one. Over all candidates at once loudness goes with being right
  // (most wrong ones are in the big, quiet choices); within a choice it is the other way round.
  const choices: Choice[] = Array.from({ length: 20 }, (_, c) => {
    const size = c % 2 === 0 ? 2 : 10;
    const right = c % size;
    const rows = Array.from({ length: size }, (_, i) => [(size === 2 ? 0.9 : 0.1) + (i === right ? 0 : 0.05), ((i + c) % 5) / 5]);
    return { rows, labels: rows.map((_, i) => (i === right ? 1 : 0)) };
  });
  const picks = (model: Regression) =>
    choices.filter(({ rows, labels }) => {
      const p = rows.map((row) => probability(model, row));
      return labels[p.indexOf(Math.max(...p))] === 1;
    }).length;
  const ranker = fitRanker(["loud", "noise"], choices);
  expect(picks(ranker)).toBe(20);
  expect(picks(fitRegression(["loud", "noise"], choices.flatMap((choice) => choice.rows), choices.flatMap((choice) => choice.labels)))).toBe(0);
  expect(fitRanker(["loud", "noise"], choices)).toEqual(ranker);
});

test("a fitted choice model is its penalised loss's minimum, where a choice has several right candidates too: there the slope is nil along every weight", () => {
  // Several passages of one article are all right, so the loss (minus the log of the right ones'
  // share) need not be convex; the fit must still end at a point where no weight can lower it.
  const choices: Choice[] = Array.from({ length: 60 }, (_, c) => {
    const size = 3 + (c % 6);
    const rows = Array.from({ length: size }, (_, i) => [((i * 7 + c * 3) % 11) / 11, ((i * 5 + c) % 13) / 13, ((i + c * 2) % 4) / 4]);
    const labels = rows.map(([a = 0, b = 0], i) => (i === c % size || (c % 3 === 0 && a + b > 1.2) ? 1 : 0));
    return { rows, labels };
  });
  const l2 = 0.1;
  const model = fitChoices(["a", "b", "c"], choices, { l2 });
  const standard = (row: number[]) => row.map((value, j) => (value - (model.mean[j] ?? 0)) / (model.scale[j] ?? 1));
  const slope = model.weights.map((weight) => l2 * weight);
  const informative = choices.filter(({ labels }) => labels.includes(0) && labels.includes(1));
  expect(informative.some(({ labels }) => labels.filter((label) => label === 1).length > 1)).toBe(true);
  for (const { rows, labels } of informative) {
    const x = rows.map(standard);
    const odds = x.map((row) => Math.exp(row.reduce((sum, value, j) => sum + value * (model.weights[j] ?? 0), 0)));
    const all = odds.reduce((sum, value) => sum + value, 0);
    const right = odds.reduce((sum, value, i) => sum + (labels[i] === 1 ? value : 0), 0);
    x.forEach((row, i) => {
      const share = (odds[i] ?? 0) / all - (labels[i] === 1 ? (odds[i] ?? 0) / right : 0);
      row.forEach((value, j) => (slope[j] = (slope[j] ?? 0) + (share * value) / informative.length));
    });
  }
  for (const value of slope) expect(Math.abs(value)).toBeLessThan(1e-9);
  expect(Math.abs(model.weights[0] ?? 0)).toBeGreaterThan(0.1);
});

test("a fitted ranker's score is a probability: its right candidates likelier than the rest", () => {
  const choices: Choice[] = Array.from({ length: 30 }, (_, c) => {
    const rows = Array.from({ length: 5 }, (_, i) => [i === c % 5 ? 0.8 : 0.2 + ((i + c) % 3) / 10]);
    return { rows, labels: rows.map((_, i) => (i === c % 5 ? 1 : 0)) };
  });
  const ranker = fitRanker(["edge"], choices);
  expect(probability(ranker, [0.8])).toBeGreaterThan(0.5);
  expect(probability(ranker, [0.3])).toBeLessThan(0.2);
});

test("a stored model fitted on other features than the code computes is refused, naming the fix", () => {
  const stored = { features: ["a"], mean: [0], scale: [1], weights: [1], bias: 0 };
  expect(() => parseRegression(stored, ["a", "b"], "ranking model")).toThrow(/fit-decision/);
  expect(DEFAULT_RANKER.features).toEqual([...RANK_FEATURE_NAMES]);
});

test("the decision: clarify only with another article to offer, when more likely than an answer or when no answer is sure enough; answer from the threshold", () => {
  const model = { ...DEFAULT_DECISION_MODEL, thresholds: { answer: 0.6, clarify: 0.4 } };
  expect(outcomeOf(0.3, 0.5, true, model.thresholds)).toBe("clarify");
  expect(outcomeOf(0.3, 0.5, false, model.thresholds)).toBe("no_answer");
  expect(outcomeOf(0.7, 0.5, true, model.thresholds)).toBe("answer");
  expect(outcomeOf(0.6, 0.65, true, model.thresholds)).toBe("clarify");
  expect(outcomeOf(0.59, 0.1, true, model.thresholds)).toBe("no_answer");
  // Not sure enough to answer, and it may be read several ways: ask rather than hand off.
  expect(outcomeOf(0.5, 0.45, true, model.thresholds)).toBe("clarify");
  expect(outcomeOf(0.7, 0.45, true, model.thresholds)).toBe("answer");
  // A question that is the best article's title in other words is answered from it (see namedByTitle).
  expect(outcomeOf(0.2, 0.9, true, model.thresholds, true)).toBe("answer");
});
