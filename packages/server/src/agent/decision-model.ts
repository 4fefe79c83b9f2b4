import { z } from "zod";
import weights from "./decision-model.json" with { type: "json" };
import { FEATURE_NAMES } from "./features";

/**
 * The answerer's decision, as two logistic regressions over the search features (./features.ts),
 * fitted by fit-decision.ts on labelled help centers and stored in decision-model.json:
 * - `answer`: the probability that the best article answers the question (calibrated: of the
 *   answers given at 0.9, about nine in ten cite the right article);
 * - `clarify`: the probability that the question is ambiguous between the best articles.
 * The thresholds were chosen in the same fit, scored leave-one-help-center-out.
 */
const Regression = z.object({
  features: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
});
export type Regression = z.infer<typeof Regression>;

export const DecisionModel = z.object({
  answer: Regression,
  clarify: Regression,
  thresholds: z.object({ answer: z.number().min(0).max(1), clarify: z.number().min(0).max(1) }),
  fittedOn: z.array(z.string()),
});
export type DecisionModel = z.infer<typeof DecisionModel>;

export function parseDecisionModel(json: unknown): DecisionModel {
  const model = DecisionModel.parse(json);
  for (const regression of [model.answer, model.clarify]) {
    if (regression.features.join() !== FEATURE_NAMES.join()) {
      throw new Error(`decision model features (${regression.features.join()}) differ from the code's (${FEATURE_NAMES.join()}): run fit-decision.ts`);
    }
  }
  return model;
}

export const DEFAULT_DECISION_MODEL: DecisionModel = parseDecisionModel(weights);

export function probability(regression: Regression, features: readonly number[]): number {
  let z = regression.bias;
  for (let i = 0; i < regression.weights.length; i++) {
    z += (regression.weights[i] ?? 0) * (((features[i] ?? 0) - (regression.mean[i] ?? 0)) / (regression.scale[i] || 1));
  }
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits a logistic regression (standardised features, L2 penalty, full-batch gradient descent).
 * Deterministic. The penalty (0.2) scored best leave-one-help-center-out among 0.01–0.5: with a few
 * hundred labelled questions, a weaker one fits the training help centers' quirks.
 */
export function fitRegression(rows: readonly number[][], labels: readonly number[], options: { l2?: number; iterations?: number } = {}): Regression {
  const l2 = options.l2 ?? 0.2;
  const iterations = options.iterations ?? 3000;
  const width = FEATURE_NAMES.length;
  const n = rows.length;
  const mean = Array.from({ length: width }, (_, j) => rows.reduce((sum, row) => sum + (row[j] ?? 0), 0) / n);
  const scale = Array.from({ length: width }, (_, j) => {
    const variance = rows.reduce((sum, row) => sum + ((row[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / n;
    return Math.sqrt(variance) || 1;
  });
  const x = rows.map((row) => row.map((value, j) => (value - (mean[j] ?? 0)) / (scale[j] ?? 1)));
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  const rate = 0.5;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(width).fill(0);
    let biasGradient = 0;
    for (let i = 0; i < n; i++) {
      const row = x[i] ?? [];
      let z = bias;
      for (let j = 0; j < width; j++) z += (weights[j] ?? 0) * (row[j] ?? 0);
      const error = 1 / (1 + Math.exp(-z)) - (labels[i] ?? 0);
      for (let j = 0; j < width; j++) gradient[j] = (gradient[j] ?? 0) + error * (row[j] ?? 0);
      biasGradient += error;
    }
    for (let j = 0; j < width; j++) weights[j] = (weights[j] ?? 0) - rate * ((gradient[j] ?? 0) / n + l2 * (weights[j] ?? 0));
    bias -= rate * (biasGradient / n);
  }
  return { features: [...FEATURE_NAMES], mean, scale, weights, bias };
}
