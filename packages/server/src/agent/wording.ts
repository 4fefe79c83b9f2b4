import { z } from "zod";
import { logLoss } from "./regression";

/**
 * How a question is worded, apart from what it asks about: "why was I charged", "still haven't",
 * "can I", "how do I". A logistic regression over the question's words and pairs of neighbouring
 * words, learnt from the labelled questions of many help centers, and only from words that the
 * customers of several of them use: no business's own vocabulary ("kiln", "berth") is learnt, so
 * what it knows holds on a help center it has never seen. The decision model reads its
 * probabilities beside the search's evidence (./features.ts): a question worded as an account
 * request or as one no help center answers is a weaker answer whatever search found.
 */
export const WordingModel = z.object({
  bias: z.number(),
  /** Each known term's weight (terms as wordingTerms writes them). */
  weights: z.record(z.string(), z.number()),
});
export type WordingModel = z.infer<typeof WordingModel>;

/** Number runs, whatever they are (an order, a date, a price), are one term. */
const NUMBER = "<n>";

/** The question's words (letters only, lower case; digit runs as one term) and neighbouring pairs. */
export function wordingTerms(question: string): string[] {
  const words = (question.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? []).map((word) => (/^\p{N}/u.test(word) ? NUMBER : word));
  const pairs = words.slice(1).map((word, at) => `${words[at]} ${word}`);
  return [...new Set([...words, ...pairs])];
}

/** The two wording models the decision reads: "for the team" and "answered right". */
export const WordingModels = z.object({ team: WordingModel, answered: WordingModel });
export type WordingModels = z.infer<typeof WordingModels>;

/** What the wording models say of a question (features "wordingTeam" and "wordingAnswered"). */
export interface Wording {
  team: number;
  answered: number;
}

export function wordingOf(models: WordingModels, question: string): Wording {
  const terms = wordingTerms(question);
  return { team: probabilityOf(models.team, terms), answered: probabilityOf(models.answered, terms) };
}

export function wordingProbability(model: WordingModel, question: string): number {
  return probabilityOf(model, wordingTerms(question));
}

function probabilityOf(model: WordingModel, terms: readonly string[]): number {
  let z = model.bias;
  for (const term of terms) z += model.weights[term] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

export interface WordingSample {
  question: string;
  label: 0 | 1;
}

export interface WordingOptions {
  /** The L2 penalty on the summed log-loss (sklearn's 1 / C). */
  l2: number;
  iterations?: number;
}

/**
 * The terms a wording model may learn: those used by the questions of at least `minCenters` help
 * centers. `questionsOf` lists, per help center, every question asked of it.
 */
export function wordingVocabulary(questionsOf: ReadonlyMap<string, readonly string[]>, minCenters: number): string[] {
  const centersUsing = new Map<string, number>();
  for (const questions of questionsOf.values()) {
    for (const term of new Set(questions.flatMap(wordingTerms))) centersUsing.set(term, (centersUsing.get(term) ?? 0) + 1);
  }
  return [...centersUsing].filter(([, count]) => count >= minCenters).map(([term]) => term).sort();
}

/** Fits the regression over the vocabulary's terms by L-BFGS on the penalised log-loss (the bias unpenalised). Deterministic. */
export function fitWording(samples: readonly WordingSample[], vocabulary: readonly string[], options: WordingOptions): WordingModel {
  const column = new Map(vocabulary.map((term, at) => [term, at]));
  const rows = samples.map((sample) => wordingTerms(sample.question).flatMap((term) => column.get(term) ?? []));
  const labels = samples.map((sample) => sample.label);
  const width = vocabulary.length + 1; // the bias last
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let at = 0; at < rows.length; at++) {
      const row = rows[at] ?? [];
      let z = theta[width - 1] ?? 0;
      for (const j of row) z += theta[j] ?? 0;
      const label = labels[at] ?? 0;
      loss += logLoss(label === 1 ? z : -z);
      const residual = 1 / (1 + Math.exp(-z)) - label;
      for (const j of row) gradient[j] = (gradient[j] ?? 0) + residual;
      gradient[width - 1] = (gradient[width - 1] ?? 0) + residual;
    }
    for (let j = 0; j < width - 1; j++) {
      const weight = theta[j] ?? 0;
      loss += 0.5 * options.l2 * weight * weight;
      gradient[j] = (gradient[j] ?? 0) + options.l2 * weight;
    }
    return loss;
  };
  const theta = lbfgs(new Float64Array(width), objective, options.iterations ?? 300);
  const weights: Record<string, number> = {};
  vocabulary.forEach((term, at) => {
    weights[term] = theta[at] ?? 0;
  });
  return { bias: theta[width - 1] ?? 0, weights };
}

/** Minimises a smooth convex function by limited-memory BFGS (ten pairs) with a backtracking line search. */
function lbfgs(start: Float64Array, objective: (x: Float64Array, gradient: Float64Array) => number, iterations: number): Float64Array {
  const n = start.length;
  const memory: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  let x = start;
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const dot = (a: Float64Array, b: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
    return sum;
  };
  for (let iteration = 0; iteration < iterations; iteration++) {
    // The two-loop recursion: direction = -H·gradient.
    const q = Float64Array.from(gradient);
    const alphas: number[] = [];
    for (let k = memory.length - 1; k >= 0; k--) {
      const { s, y, rho } = memory[k]!;
      const alpha = rho * dot(s, q);
      alphas[k] = alpha;
      for (let i = 0; i < n; i++) q[i] = (q[i] ?? 0) - alpha * (y[i] ?? 0);
    }
    const last = memory.at(-1);
    const gamma = last === undefined ? 1 / Math.max(Math.sqrt(dot(gradient, gradient)), 1) : dot(last.s, last.y) / dot(last.y, last.y);
    for (let i = 0; i < n; i++) q[i] = (q[i] ?? 0) * gamma;
    for (let k = 0; k < memory.length; k++) {
      const { s, y, rho } = memory[k]!;
      const beta = rho * dot(y, q);
      for (let i = 0; i < n; i++) q[i] = (q[i] ?? 0) + (s[i] ?? 0) * ((alphas[k] ?? 0) - beta);
    }
    const slope = -dot(gradient, q);
    if (slope >= 0) break; // not a descent direction: at the minimum, as far as rounding lets us tell
    let step = 1;
    let next = new Float64Array(n);
    let nextGradient = new Float64Array(n);
    let nextValue = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) next[i] = (x[i] ?? 0) - step * (q[i] ?? 0);
      nextValue = objective(next, nextGradient);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(nextValue < value)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (next[i] ?? 0) - (x[i] ?? 0);
      y[i] = (nextGradient[i] ?? 0) - (gradient[i] ?? 0);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      memory.push({ s, y, rho: 1 / sy });
      if (memory.length > 10) memory.shift();
    }
    const improvement = value - nextValue;
    x = next;
    gradient = nextGradient;
    value = nextValue;
    if (improvement < 1e-9 * Math.max(1, Math.abs(value))) break;
  }
  return x;
}
