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
  refuseOtherFeatures(regression.features, names, what);
  return regression;
}

/** Throws, naming the fix, when a stored model was fitted on other features than the code computes. */
export function refuseOtherFeatures(fitted: readonly string[], names: readonly string[], what: string): void {
  if (fitted.join() !== names.join()) {
    throw new Error(`${what}: fitted on features (${fitted.join()}), the code computes (${names.join()}): run fit-decision.ts --write`);
  }
}

export function probability(regression: Regression, features: readonly number[]): number {
  return 1 / (1 + Math.exp(-linearScore(regression, features)));
}

/** The regression's score before its logistic function: the bias plus the weighted standardised features. */
export function linearScore(regression: Regression, features: readonly number[]): number {
  let z = regression.bias;
  for (let i = 0; i < regression.weights.length; i++) {
    z += (regression.weights[i] ?? 0) * (((features[i] ?? 0) - (regression.mean[i] ?? 0)) / (regression.scale[i] || 1));
  }
  return z;
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
  options: { l2?: number; iterations?: number; rowWeights?: readonly number[] } = {},
): Regression {
  const l2 = options.l2 ?? 0.2;
  const width = names.length;
  const { mean, scale, apply } = standardise(width, rows);
  const x = matrix(rows.map(apply), width);
  const y = Float64Array.from(rows, (_, i) => labels[i] ?? 0);
  // How much each row counts in the mean loss (1 each unless given).
  const w = Float64Array.from(rows, (_, i) => options.rowWeights?.[i] ?? 1);
  // What the loss and its system are the mean over: the sum of the rows' weights.
  const n = Math.max(w.reduce((sum, weight) => sum + weight, 0), 1e-12);
  // The bias is the last of the parameters.
  const theta = minimise(new Float64Array(width + 1), options.iterations ?? 100, {
    loss: (theta) => penalisedLoss(theta, x, y, w, n, l2),
    system: (theta) => newtonSystem(theta, x, y, w, n, l2),
  });
  return { features: [...names], mean, scale, weights: [...theta.subarray(0, width)], bias: theta[width]! };
}

/** A loss to minimise, and at any point its Hessian (lower triangle) and gradient. */
interface Objective {
  loss(theta: Float64Array): number;
  system(theta: Float64Array): [Float64Array[], Float64Array];
}

/**
 * Newton's method from `start` to the objective's minimum. Each step is halved until the loss
 * does not grow (far from the minimum a full step can overshoot). Where the Hessian is not
 * positive definite (the ranker's loss is not convex everywhere), the step follows the gradient,
 * its length found the same way.
 */
function minimise(start: Float64Array, iterations: number, objective: Objective): Float64Array {
  let theta = start;
  let loss = objective.loss(theta);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const [hessian, gradient] = objective.system(theta);
    const step = solve(hessian, gradient) ?? gradient;
    let length = 1;
    let next = theta;
    let nextLoss = loss;
    for (let tries = 0; tries < 30; tries++, length /= 2) {
      const candidate = theta.map((value, j) => value - length * step[j]!);
      const candidateLoss = objective.loss(candidate);
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
  return theta;
}

/** Mean log-loss of the parameters (weights, then bias) over the rows weighed by `w` (summing to `n`), plus the L2 penalty. */
function penalisedLoss(theta: Float64Array, x: Float64Array, y: Float64Array, w: Float64Array, n: number, l2: number): number {
  const width = theta.length - 1;
  const weights = theta.subarray(0, width);
  let sum = 0;
  for (let i = 0, at = 0; i < y.length; i++, at += width) {
    const z = theta[width]! + dotAt(weights, x, at);
    sum += w[i]! * logLoss(y[i]! === 1 ? z : -z);
  }
  return sum / n + penalty(weights, l2);
}

/** The log-loss log(1 + e^-m) of a prediction with margin m (z for a 1, -z for a 0), computed without overflow. */
export function logLoss(margin: number): number {
  return margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
}

/** The L2 penalty on the weights: half of `l2` times the sum of their squares. */
function penalty(weights: Float64Array, l2: number): number {
  let sum = 0;
  for (const weight of weights) sum += weight ** 2;
  return (l2 / 2) * sum;
}

/**
 * The penalised loss's Hessian and gradient at theta: the system a Newton step solves. The Hessian
 * is symmetric, so only its lower triangle (row j, columns 0..j) is filled: all `solve` reads.
 */
function newtonSystem(theta: Float64Array, x: Float64Array, y: Float64Array, w: Float64Array, n: number, l2: number): [Float64Array[], Float64Array] {
  const width = theta.length - 1;
  const size = width + 1;
  const weights = theta.subarray(0, width);
  const gradient = new Float64Array(size);
  const hessian = Array.from({ length: size }, () => new Float64Array(size));
  const row = new Float64Array(size);
  row[width] = 1;
  for (let i = 0, at = 0; i < y.length; i++, at += width) {
    for (let j = 0; j < width; j++) row[j] = x[at + j]!;
    const p = 1 / (1 + Math.exp(-(theta[width]! + dotAt(weights, x, at))));
    const error = w[i]! * (p - y[i]!);
    const curvature = w[i]! * p * (1 - p);
    for (let j = 0; j < size; j++) {
      gradient[j] = gradient[j]! + error * row[j]!;
      const line = hessian[j]!;
      const scaled = curvature * row[j]!;
      for (let k = 0; k <= j; k++) line[k] = line[k]! + scaled * row[k]!;
    }
  }
  // A tiny ridge keeps the system solvable when a feature never varies or the classes separate.
  return averagedAndPenalised([hessian, gradient], theta, { n, l2, penalised: width, ridge: 1e-9 });
}

/**
 * A system summed over `n` rows or choices, made their mean, plus the L2 penalty's share: on the
 * gradient and the Hessian's diagonal for the first `penalised` parameters (a regression's bias,
 * the last, is not penalised), and a `ridge` on every diagonal entry.
 */
function averagedAndPenalised(
  [hessian, gradient]: [Float64Array[], Float64Array],
  theta: Float64Array,
  { n, l2, penalised, ridge }: { n: number; l2: number; penalised: number; ridge: number },
): [Float64Array[], Float64Array] {
  for (let j = 0; j < gradient.length; j++) {
    gradient[j] = gradient[j]! / n + (j < penalised ? l2 * theta[j]! : 0);
    const line = hessian[j]!;
    for (let k = 0; k <= j; k++) line[k] = line[k]! / n;
    line[j] = line[j]! + (j < penalised ? l2 : 0) + ridge;
  }
  return [hessian, gradient];
}

/**
 * Solves a symmetric positive definite system, given its lower triangle, by Cholesky
 * decomposition; undefined if the matrix is not positive definite.
 */
function solve(matrix: Float64Array[], vector: Float64Array): Float64Array | undefined {
  const size = vector.length;
  const lower = Array.from({ length: size }, () => new Float64Array(size));
  for (let j = 0; j < size; j++) {
    for (let k = 0; k <= j; k++) {
      let sum = matrix[j]![k]!;
      for (let m = 0; m < k; m++) sum -= lower[j]![m]! * lower[k]![m]!;
      if (j === k && !(sum > 0)) return undefined;
      lower[j]![k] = j === k ? Math.sqrt(sum) : sum / lower[k]![k]!;
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
 * (see fitChoices), scaled into a probability that a candidate is right (a one-feature logistic
 * regression on the scores, Platt's method), so the result reads as any other regression.
 */
export function fitRanker(names: readonly string[], choices: readonly Choice[], options: { l2?: number; iterations?: number } = {}): Regression {
  const scorer = fitChoices(names, choices, options);
  const scores = choices.flatMap((choice) => choice.rows).map((row) => [linearScore(scorer, row)]);
  const platt = fitRegression(["score"], scores, choices.flatMap((choice) => choice.labels), { l2: 0 });
  // The scaling must keep the ranker's order: should the scores say nothing about rightness over
  // all candidates at once (or the opposite), the probability is nearly flat rather than reversed.
  const slope = Math.max((platt.weights[0] ?? 0) / (platt.scale[0] ?? 1), MIN_SLOPE);
  return { ...scorer, weights: scorer.weights.map((weight) => weight * slope), bias: platt.bias - slope * (platt.mean[0] ?? 0) };
}

/**
 * Fits a conditional logit: the softmax of linear scores over each choice's candidates, fitted
 * to give its right ones the most (L2 penalty on the standardised weights, no bias: a choice's
 * softmax ignores one; Newton's method, deterministic). A pointwise regression learns "is this
 * candidate right?" over all candidates at once, so a choice with many weak candidates weighs more
 * than one with a single strong rival; this learns what a ranker is for, picking the winner within
 * each choice. 1,500 steps of full-batch gradient descent fitted it until now; Newton's method
 * gets to the same weights (equal to four decimals) nine times faster: 2 s against 18 s for the
 * 121,000 candidates of 3,543 questions, measured side by side.
 */
export function fitChoices(names: readonly string[], choices: readonly Choice[], options: { l2?: number; iterations?: number } = {}): Regression {
  const l2 = options.l2 ?? 0.1;
  const width = names.length;
  const { mean, scale, apply } = standardise(width, choices.flatMap((choice) => choice.rows));
  // Only a choice with right and wrong candidates says anything about which wins.
  const informative = choices
    .filter((choice) => choice.labels.includes(1) && choice.labels.includes(0))
    .map((choice) => ({ x: matrix(choice.rows.map(apply), width), right: choice.labels.map((label) => label === 1) }));
  const weights = minimise(new Float64Array(width), options.iterations ?? 100, {
    loss: (theta) => rankingLoss(theta, informative, l2),
    system: (theta) => rankingSystem(theta, informative, l2),
  });
  return { features: [...names], mean, scale, weights: [...weights], bias: 0 };
}

/** A choice's candidates (standardised rows, `width` values each), and which of them are right. */
interface Ranked {
  x: Float64Array;
  right: boolean[];
}

/**
 * Each candidate's share of the choice (the softmax of its score over all candidates) and its
 * share among the right ones (0 for a wrong one), and the choice's loss: minus the log of the
 * right candidates' share.
 */
function shares(weights: Float64Array, { x, right }: Ranked): { all: Float64Array; ofRight: Float64Array; loss: number } {
  const width = weights.length;
  const count = right.length;
  const all = new Float64Array(count);
  const ofRight = new Float64Array(count);
  let top = -Infinity;
  for (let i = 0; i < count; i++) {
    all[i] = dotAt(weights, x, i * width);
    top = Math.max(top, all[i]!);
  }
  let sumAll = 0;
  let sumRight = 0;
  for (let i = 0; i < count; i++) {
    all[i] = Math.exp(all[i]! - top);
    sumAll += all[i]!;
    if (right[i]) sumRight += all[i]!;
  }
  for (let i = 0; i < count; i++) {
    ofRight[i] = right[i] ? all[i]! / sumRight : 0;
    all[i] = all[i]! / sumAll;
  }
  return { all, ofRight, loss: Math.log(sumAll) - Math.log(sumRight) };
}

/** The mean over choices of minus the log of the right candidates' share, plus the L2 penalty. */
function rankingLoss(weights: Float64Array, choices: readonly Ranked[], l2: number): number {
  let sum = 0;
  for (const choice of choices) sum += shares(weights, choice).loss;
  return sum / Math.max(choices.length, 1) + penalty(weights, l2);
}

/**
 * The ranking loss's Hessian (lower triangle) and gradient. Per choice, the gradient is the mean
 * candidate weighed by its share of all, less the mean weighed by its share of the right ones; the
 * Hessian the spread of the candidates by their share of all, less their spread by their share of
 * the right ones (nil with one right candidate; with several the loss need not be convex).
 */
function rankingSystem(weights: Float64Array, choices: readonly Ranked[], l2: number): [Float64Array[], Float64Array] {
  const width = weights.length;
  const gradient = new Float64Array(width);
  const hessian = Array.from({ length: width }, () => new Float64Array(width));
  const meanAll = new Float64Array(width);
  const meanRight = new Float64Array(width);
  for (const choice of choices) {
    const { all, ofRight } = shares(weights, choice);
    meanAll.fill(0);
    meanRight.fill(0);
    for (let i = 0, at = 0; i < all.length; i++, at += width) {
      const difference = all[i]! - ofRight[i]!;
      for (let j = 0; j < width; j++) {
        const value = choice.x[at + j]!;
        meanAll[j] = meanAll[j]! + all[i]! * value;
        meanRight[j] = meanRight[j]! + ofRight[i]! * value;
        const line = hessian[j]!;
        const scaled = difference * value;
        for (let k = 0; k <= j; k++) line[k] = line[k]! + scaled * choice.x[at + k]!;
      }
    }
    for (let j = 0; j < width; j++) {
      gradient[j] = gradient[j]! + meanAll[j]! - meanRight[j]!;
      const line = hessian[j]!;
      for (let k = 0; k <= j; k++) line[k] = line[k]! - meanAll[j]! * meanAll[k]! + meanRight[j]! * meanRight[k]!;
    }
  }
  return averagedAndPenalised([hessian, gradient], weights, { n: Math.max(choices.length, 1), l2, penalised: width, ridge: 0 });
}
