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

/** Each feature's mean and spread over the rows, and the rows standardised by them. */
function standardise(width: number, rows: readonly number[][]) {
  const n = Math.max(rows.length, 1);
  const mean = Array.from({ length: width }, (_, j) => rows.reduce((sum, row) => sum + (row[j] ?? 0), 0) / n);
  const scale = Array.from({ length: width }, (_, j) => {
    const variance = rows.reduce((sum, row) => sum + ((row[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / n;
    return Math.sqrt(variance) || 1;
  });
  const apply = (row: readonly number[]) => row.map((value, j) => (value - (mean[j] ?? 0)) / (scale[j] ?? 1));
  return { mean, scale, apply };
}

const dot = (weights: readonly number[], row: readonly number[]) => row.reduce((sum, value, j) => sum + value * (weights[j] ?? 0), 0);

/**
 * Fits a logistic regression (standardised features, L2 penalty, full-batch gradient descent).
 * Deterministic. The default penalty (0.2) is a strong one, against fitting the training help
 * centers' quirks; the decision regressions pass their own, weaker one (see fit-decision.ts).
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
  const { mean, scale, apply } = standardise(width, rows);
  const x = rows.map(apply);
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  const rate = 0.5;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(width).fill(0);
    let biasGradient = 0;
    for (let i = 0; i < x.length; i++) {
      const row = x[i] ?? [];
      const error = 1 / (1 + Math.exp(-(bias + dot(weights, row)))) - (labels[i] ?? 0);
      for (let j = 0; j < width; j++) gradient[j] = (gradient[j] ?? 0) + error * (row[j] ?? 0);
      biasGradient += error;
    }
    for (let j = 0; j < width; j++) weights[j] = (weights[j] ?? 0) - rate * ((gradient[j] ?? 0) / n + l2 * (weights[j] ?? 0));
    bias -= rate * (biasGradient / n);
  }
  return { features: [...names], mean, scale, weights, bias };
}

/** The least slope the scaling into a probability may have, so that it never reverses the order (see fitRanker). */
const MIN_SLOPE = 1e-3;

/** One choice to learn from: the candidates' features, and which of them are right (1) or not (0). */
export interface Choice {
  rows: number[][];
  labels: number[];
}

/**
 * Fits a ranker: weights whose scores put the right candidates of each choice above the others
 * (a conditional logit: the softmax of the scores over a choice's candidates, fitted to give its
 * right ones the most; L2 penalty, full-batch gradient descent, deterministic). A pointwise
 * regression learns "is this candidate right?" over all candidates at once, so a choice with
 * many weak candidates weighs more than one with a single strong rival; this learns what the
 * ranker is for, picking the winner within each choice. The scores are then scaled into a
 * probability that a candidate is right (a one-feature logistic regression on them, Platt's
 * method), so the result reads as any other regression.
 */
export function fitRanker(names: readonly string[], choices: readonly Choice[], options: { l2?: number; iterations?: number } = {}): Regression {
  const l2 = options.l2 ?? 0.1;
  const iterations = options.iterations ?? 1500;
  const width = names.length;
  const rows = choices.flatMap((choice) => choice.rows);
  const labels = choices.flatMap((choice) => choice.labels);
  const { mean, scale, apply } = standardise(width, rows);
  // Only a choice with right and wrong candidates says anything about which wins.
  const informative = choices
    .filter((choice) => choice.labels.includes(1) && choice.labels.includes(0))
    .map((choice) => ({ x: choice.rows.map(apply), right: choice.labels.map((label) => label === 1) }));
  const weights = new Array<number>(width).fill(0);
  const rate = 0.5;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(width).fill(0);
    for (const { x, right } of informative) {
      const scores = x.map((row) => dot(weights, row));
      const top = Math.max(...scores);
      const odds = scores.map((score) => Math.exp(score - top));
      const all = odds.reduce((sum, value) => sum + value, 0);
      const ofRight = odds.reduce((sum, value, i) => (right[i] ? sum + value : sum), 0);
      x.forEach((row, i) => {
        const error = (odds[i] ?? 0) / all - (right[i] ? (odds[i] ?? 0) / ofRight : 0);
        for (let j = 0; j < width; j++) gradient[j] = (gradient[j] ?? 0) + error * (row[j] ?? 0);
      });
    }
    const n = Math.max(informative.length, 1);
    for (let j = 0; j < width; j++) weights[j] = (weights[j] ?? 0) - rate * ((gradient[j] ?? 0) / n + l2 * (weights[j] ?? 0));
  }
  const scores = rows.map((row) => [dot(weights, apply(row))]);
  const platt = fitRegression(["score"], scores, labels, { l2: 0, iterations });
  // The scaling must keep the ranker's order: should the scores say nothing about rightness over
  // all candidates at once (or the opposite), the probability is nearly flat rather than reversed.
  const slope = Math.max((platt.weights[0] ?? 0) / (platt.scale[0] ?? 1), MIN_SLOPE);
  return { features: [...names], mean, scale, weights: weights.map((weight) => weight * slope), bias: platt.bias - slope * (platt.mean[0] ?? 0) };
}
