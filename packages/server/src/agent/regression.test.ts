import { expect, test } from "vitest";
import { outcomeOf, DEFAULT_DECISION_MODEL } from "./decision-model";
import { DEFAULT_RANKER, RANK_FEATURE_NAMES } from "./ranking";
import { fitRegression, parseRegression, probability } from "./regression";

test("a fitted regression separates what its labels separate, and says how sure it is", () => {
  const rows = Array.from({ length: 40 }, (_, i) => [i / 40, (i % 7) / 7]);
  const labels = rows.map(([first]) => ((first ?? 0) > 0.5 ? 1 : 0));
  const model = fitRegression(["signal", "noise"], rows, labels);
  expect(probability(model, [0.95, 0.3])).toBeGreaterThan(0.8);
  expect(probability(model, [0.05, 0.3])).toBeLessThan(0.2);
  expect(Math.abs(model.weights[0] ?? 0)).toBeGreaterThan(Math.abs(model.weights[1] ?? 0));
  expect(fitRegression(["signal", "noise"], rows, labels)).toEqual(model);
});

test("a stored model fitted on other features than the code computes is refused, naming the fix", () => {
  const stored = { features: ["a"], mean: [0], scale: [1], weights: [1], bias: 0 };
  expect(() => parseRegression(stored, ["a", "b"], "ranking model")).toThrow(/fit-decision/);
  expect(DEFAULT_RANKER.features).toEqual([...RANK_FEATURE_NAMES]);
});

test("the decision: clarify only with another article to offer and when more likely than an answer; answer from the threshold", () => {
  const model = { ...DEFAULT_DECISION_MODEL, thresholds: { answer: 0.6, clarify: 0.4 } };
  expect(outcomeOf(0.3, 0.5, true, model.thresholds)).toBe("clarify");
  expect(outcomeOf(0.3, 0.5, false, model.thresholds)).toBe("no_answer");
  expect(outcomeOf(0.7, 0.5, true, model.thresholds)).toBe("answer");
  expect(outcomeOf(0.6, 0.65, true, model.thresholds)).toBe("clarify");
  expect(outcomeOf(0.59, 0.1, true, model.thresholds)).toBe("no_answer");
});
