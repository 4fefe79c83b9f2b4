import { z } from "zod";

/** A logistic regression over named features, standardised by `mean` and `scale`; stored as JSON. */
export const Regression = z.object({
  features: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
});
export type Regression = z.infer<typeof Regression>;

/** Reads a stored regression, refusing one fitted on other features than the code computes. */
export function parseRegression(json: unknown, names: readonly string[], what: string): Regression {
  const regression = Regression.parse(json);
  if (regression.features.join() !== names.join()) {
    throw new Error(`${what}: fitted on features (${regression.features.join()}), the code computes (${names.join()}): run fit-decision.ts --write`);
  }
  return regression;
}

export function probability(regression: Regression, features: readonly number[]): number {
  let z = regression.bias;
  for (let i = 0; i < regression.weights.length; i++) {
    z += (regression.weights[i] ?? 0) * (((features[i] ?? 0) - (regression.mean[i] ?? 0)) / (regression.scale[i] || 1));
  }
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits a logistic regression (standardised features, L2 penalty, full-batch gradient descent).
 * Deterministic. The default penalty (0.2) is the passage ranker's: it scored best
 * leave-one-help-center-out, where a weaker one fits the training help centers' quirks. The
 * decision regressions pass their own, weaker one (see fit-decision.ts).
 */
export function fitRegression(
  names: readonly string[],
  rows: readonly number[][],
  labels: readonly number[],
  options: { l2?: number; iterations?: number } = {},
): Regression {
  const l2 = options.l2 ?? 0.2;
  const iterations = options.iterations ?? 3000;
  const width = names.length;
  const n = Math.max(rows.length, 1);
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
    for (let i = 0; i < x.length; i++) {
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
  return { features: [...names], mean, scale, weights, bias };
}
