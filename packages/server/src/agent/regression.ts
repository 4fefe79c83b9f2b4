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

/**
 * Fits a logistic regression: standardised features, an L2 penalty on the weights (not the bias),
 * solved by Newton's method to the penalised log-loss's minimum. Deterministic. The default penalty
 * (0.2) is a strong one, against fitting the training help centers' quirks; the decision
 * regressions pass their own, weaker one (see fit-decision.ts). Full-batch gradient descent (3,000
 * steps) fitted these models until now, about 2 s for five thousand rows of 25 features; Newton's
 * method gets to the minimum itself in a few dozen milliseconds.
 */
export function fitRegression(
  names: readonly string[],
  rows: readonly number[][],
  labels: readonly number[],
  options: { l2?: number; iterations?: number } = {},
): Regression {
  const l2 = options.l2 ?? 0.2;
  const iterations = options.iterations ?? 100;
  const width = names.length;
  const { mean, scale, apply } = standardise(width, rows);
  const x = matrix(rows.map(apply), width);
  const y = Float64Array.from(rows, (_, i) => labels[i] ?? 0);
  // The bias is the last of the parameters.
  let theta = new Float64Array(width + 1);
  let loss = penalisedLoss(theta, x, y, l2);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const step = solve(...newtonSystem(theta, x, y, l2));
    // Halve the step until the loss does not grow: far from the minimum a full step can overshoot.
    let length = 1;
    let next = theta;
    let nextLoss = loss;
    for (let tries = 0; tries < 30; tries++, length /= 2) {
      const candidate = theta.map((value, j) => value - length * step[j]!);
      const candidateLoss = penalisedLoss(candidate, x, y, l2);
      if (candidateLoss <= loss) {
        next = candidate;
        nextLoss = candidateLoss;
        break;
      }
    }
    const moved = Math.max(...next.map((value, j) => Math.abs(value - theta[j]!)));
    theta = next;
    loss = nextLoss;
    if (moved < 1e-10) break;
  }
  return { features: [...names], mean, scale, weights: [...theta.subarray(0, width)], bias: theta[width]! };
}

/** Mean log-loss of the parameters (weights, then bias) over the rows, plus the L2 penalty. */
function penalisedLoss(theta: Float64Array, x: Float64Array, y: Float64Array, l2: number): number {
  const width = theta.length - 1;
  const weights = theta.subarray(0, width);
  let sum = 0;
  for (let i = 0, at = 0; i < y.length; i++, at += width) {
    const z = theta[width]! + dotAt(weights, x, at);
    // log(1 + e^-z) for a 1, log(1 + e^z) for a 0, computed without overflow.
    const margin = y[i]! === 1 ? z : -z;
    sum += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
  }
  let penalty = 0;
  for (let j = 0; j < width; j++) penalty += weights[j]! ** 2;
  return sum / Math.max(y.length, 1) + (l2 / 2) * penalty;
}

/**
 * The penalised loss's Hessian and gradient at theta: the system a Newton step solves. The Hessian
 * is symmetric, so only its lower triangle (row j, columns 0..j) is filled: all `solve` reads.
 */
function newtonSystem(theta: Float64Array, x: Float64Array, y: Float64Array, l2: number): [Float64Array[], Float64Array] {
  const width = theta.length - 1;
  const size = width + 1;
  const n = Math.max(y.length, 1);
  const weights = theta.subarray(0, width);
  const gradient = new Float64Array(size);
  const hessian = Array.from({ length: size }, () => new Float64Array(size));
  const row = new Float64Array(size);
  row[width] = 1;
  for (let i = 0, at = 0; i < y.length; i++, at += width) {
    for (let j = 0; j < width; j++) row[j] = x[at + j]!;
    const p = 1 / (1 + Math.exp(-(theta[width]! + dotAt(weights, x, at))));
    const error = p - y[i]!;
    const curvature = p * (1 - p);
    for (let j = 0; j < size; j++) {
      gradient[j] = gradient[j]! + error * row[j]!;
      const line = hessian[j]!;
      const scaled = curvature * row[j]!;
      for (let k = 0; k <= j; k++) line[k] = line[k]! + scaled * row[k]!;
    }
  }
  for (let j = 0; j < size; j++) {
    gradient[j] = gradient[j]! / n + (j < width ? l2 * theta[j]! : 0);
    const line = hessian[j]!;
    for (let k = 0; k <= j; k++) line[k] = line[k]! / n;
    // A tiny ridge keeps the system solvable when a feature never varies or the classes separate.
    line[j] = line[j]! + (j < width ? l2 : 0) + 1e-9;
  }
  return [hessian, gradient];
}

/** Solves a symmetric positive definite system, given its lower triangle, by Cholesky decomposition. */
function solve(matrix: Float64Array[], vector: Float64Array): Float64Array {
  const size = vector.length;
  const lower = Array.from({ length: size }, () => new Float64Array(size));
  for (let j = 0; j < size; j++) {
    for (let k = 0; k <= j; k++) {
      let sum = matrix[j]![k]!;
      for (let m = 0; m < k; m++) sum -= lower[j]![m]! * lower[k]![m]!;
      lower[j]![k] = j === k ? Math.sqrt(Math.max(sum, 1e-300)) : sum / lower[k]![k]!;
    }
  }
  const forward = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    let sum = vector[j]!;
    for (let m = 0; m < j; m++) sum -= lower[j]![m]! * forward[m]!;
    forward[j] = sum / lower[j]![j]!;
  }
  const solution = new Float64Array(size);
  for (let j = size - 1; j >= 0; j--) {
    let sum = forward[j]!;
    for (let m = j + 1; m < size; m++) sum -= lower[m]![j]! * solution[m]!;
    solution[j] = sum / lower[j]![j]!;
  }
  return solution;
}

/** Rows as one flat array, `width` values each (a shorter row is padded with zeros): the fits' loops read it fast. */
function matrix(rows: readonly (readonly number[])[], width: number): Float64Array {
  const flat = new Float64Array(rows.length * width);
  rows.forEach((row, i) => {
    for (let j = 0; j < width && j < row.length; j++) flat[i * width + j] = row[j]!;
  });
  return flat;
}

/** The dot product of the weights with the row starting at `at`, summed in order from 0. */
function dotAt(weights: Float64Array, x: Float64Array, at: number): number {
  let sum = 0;
  for (let j = 0; j < weights.length; j++) sum = sum + x[at + j]! * weights[j]!;
  return sum;
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
    .map((choice) => ({ x: matrix(choice.rows.map(apply), width), right: choice.labels.map((label) => label === 1) }));
  const weights = new Float64Array(width);
  const gradient = new Float64Array(width);
  const rate = 0.5;
  const n = Math.max(informative.length, 1);
  const largest = Math.max(0, ...informative.map(({ right }) => right.length));
  const odds = new Float64Array(largest);
  for (let iteration = 0; iteration < iterations; iteration++) {
    gradient.fill(0);
    for (const { x, right } of informative) {
      const count = right.length;
      let top = -Infinity;
      for (let i = 0; i < count; i++) {
        odds[i] = dotAt(weights, x, i * width);
        top = Math.max(top, odds[i]!);
      }
      let all = 0;
      let ofRight = 0;
      for (let i = 0; i < count; i++) {
        odds[i] = Math.exp(odds[i]! - top);
        all = all + odds[i]!;
        if (right[i]) ofRight = ofRight + odds[i]!;
      }
      for (let i = 0; i < count; i++) {
        const error = odds[i]! / all - (right[i] ? odds[i]! / ofRight : 0);
        for (let j = 0; j < width; j++) gradient[j] = gradient[j]! + error * x[i * width + j]!;
      }
    }
    for (let j = 0; j < width; j++) weights[j] = weights[j]! - rate * (gradient[j]! / n + l2 * weights[j]!);
  }
  const standardised = matrix(rows.map(apply), width);
  const scores = rows.map((_, i) => [dotAt(weights, standardised, i * width)]);
  const platt = fitRegression(["score"], scores, labels, { l2: 0 });
  // The scaling must keep the ranker's order: should the scores say nothing about rightness over
  // all candidates at once (or the opposite), the probability is nearly flat rather than reversed.
  const slope = Math.max((platt.weights[0] ?? 0) / (platt.scale[0] ?? 1), MIN_SLOPE);
  return { features: [...names], mean, scale, weights: [...weights].map((weight) => weight * slope), bias: platt.bias - slope * (platt.mean[0] ?? 0) };
}
