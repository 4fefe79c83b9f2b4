import { z } from "zod";
import { linearScore, refuseOtherFeatures, Regression } from "./regression";

/**
 * Gradient-boosted shallow trees for a probability: a sum of small regression trees over named
 * features, passed through the logistic function. Unlike a logistic regression, they can learn
 * that a feature means one thing when another is high and another when it is low (a strong match
 * is trustworthy when one article clearly wins, much less when two are level), with each tree
 * only `depth` questions deep. Fitted deterministically (no sampling) and stored as JSON; written
 * here, as ./regression.ts is, since the fits are small and must come out the same every time.
 */
export type TreeNode = Leaf | Split;
/** A leaf: what it adds to the log-odds (the learning rate already applied). */
type Leaf = number;
/** A split: rows whose `feature` is at most `threshold` go `below`, the others `above`. */
type Split = [feature: number, threshold: number, below: TreeNode, above: TreeNode];

const TreeNode: z.ZodType<TreeNode> = z.lazy(() => z.union([z.number(), z.tuple([z.number().int().min(0), z.number(), TreeNode, TreeNode])]));

export const BoostedTrees = z.object({
  features: z.array(z.string()),
  /**
   * A logistic regression over the same features whose score the trees add to, when they were
   * fitted to improve on it: it extrapolates smoothly where the trees, fitted on what labelled
   * help centers look like, only know their last leaf.
   */
  start: Regression.optional(),
  /** The log-odds every row starts from: the labels' weighted mean (0 after a `start`). */
  base: z.number(),
  trees: z.array(TreeNode),
});
export type BoostedTrees = z.infer<typeof BoostedTrees>;

/** Reads stored trees, refusing ones fitted on other features than the code computes. */
export function parseBoostedTrees(json: unknown, names: readonly string[], what: string): BoostedTrees {
  const model = BoostedTrees.parse(json);
  refuseOtherFeatures(model.features, names, what);
  if (model.start !== undefined) refuseOtherFeatures(model.start.features, names, `${what}, its regression`);
  const tooFar = (node: TreeNode): boolean => typeof node !== "number" && (node[0] >= names.length || tooFar(node[2]) || tooFar(node[3]));
  if (model.trees.some(tooFar)) throw new Error(`${what}: a tree splits on a feature the model does not name`);
  return model;
}

export function treesProbability(model: BoostedTrees, features: readonly number[]): number {
  let z = model.base + (model.start === undefined ? 0 : linearScore(model.start, features));
  for (const tree of model.trees) {
    let node = tree;
    while (typeof node !== "number") node = (features[node[0]] ?? 0) <= node[1] ? node[2] : node[3];
    z += node;
  }
  return 1 / (1 + Math.exp(-z));
}

export interface BoostingOptions {
  /** How many trees. */
  rounds?: number;
  /** How many splits from the root to a leaf, at most. */
  depth?: number;
  /** How much of each tree's Newton step is taken (shrinkage). */
  learningRate?: number;
  /** The L2 penalty on the leaves' values, added to their rows' summed curvature. */
  l2?: number;
  /** The fewest rows a leaf may hold. */
  minLeaf?: number;
  /** How many bins a feature's values are sorted into: the thresholds a split may use. */
  bins?: number;
  /** How much each row counts (1 each unless given). */
  rowWeights?: readonly number[];
  /** A regression over the same features to start from (see BoostedTrees). */
  start?: Regression;
}

/**
 * Fits boosted trees to 0/1 labels by Newton boosting of the log-loss. Each feature's values are
 * first sorted into at most `bins` bins of about as many rows each (their edges halfway between
 * neighbouring values: the thresholds a split may use). Each round fits a tree of at most `depth`
 * levels to the rows' gradients, grown level by level, each node split where the penalised loss
 * falls most, its leaves set to the penalised Newton step shrunk by the learning rate.
 */
export function fitBoostedTrees(names: readonly string[], rows: readonly number[][], labels: readonly number[], options: BoostingOptions = {}): BoostedTrees {
  const { rounds = 100, depth = 3, learningRate = 0.1, l2 = 1, minLeaf = 40, bins = 64 } = options;
  const n = rows.length;
  const width = names.length;
  const edges = names.map((_, j) => binEdges(rows.map((row) => row[j] ?? 0), bins));
  // Row i's bin for feature j is binned[i * width + j]: the number of edges below its value.
  const binned = new Uint16Array(n * width);
  rows.forEach((row, i) => {
    for (let j = 0; j < width; j++) binned[i * width + j] = binOf(edges[j]!, row[j] ?? 0);
  });
  const y = Float64Array.from({ length: n }, (_, i) => labels[i] ?? 0);
  const w = Float64Array.from({ length: n }, (_, i) => options.rowWeights?.[i] ?? 1);
  const { start } = options;
  const base = start === undefined ? weightedLogOdds(y, w) : 0;
  const score = Float64Array.from(rows, (row) => base + (start === undefined ? 0 : linearScore(start, row)));
  const gradient = new Float64Array(n);
  const curvature = new Float64Array(n);
  const leafOfRow = new Float64Array(n);
  const trees: TreeNode[] = [];
  const growing: Growing = { n, width, edges, binned, gradient, curvature, depth, l2, minLeaf, learningRate, bins };
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-score[i]!));
      gradient[i] = w[i]! * (p - y[i]!);
      curvature[i] = w[i]! * p * (1 - p);
    }
    trees.push(growTree(growing, leafOfRow));
    for (let i = 0; i < n; i++) score[i] = score[i]! + leafOfRow[i]!;
  }
  return { features: [...names], ...(start === undefined ? {} : { start }), base, trees };
}

/** The log-odds of the labels' weighted mean (kept off 0 and 1). */
function weightedLogOdds(y: Float64Array, w: Float64Array): number {
  const weightSum = w.reduce((sum, value) => sum + value, 0);
  const mean = Math.min(Math.max(w.reduce((sum, value, i) => sum + value * y[i]!, 0) / Math.max(weightSum, 1e-12), 1e-6), 1 - 1e-6);
  return Math.log(mean / (1 - mean));
}

/**
 * At most `bins - 1` thresholds splitting the values into bins of about as many values each, each
 * halfway between two neighbouring distinct values: the first gap at or after each bin's share of
 * the rows (so a value shared by many rows is one bin, and a gap between a few rare values near
 * one end may go without a threshold).
 */
export function binEdges(values: readonly number[], bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    // The first gap between distinct values at or after this bin's share of the rows.
    let at = Math.max(Math.floor((b * sorted.length) / bins), 1);
    while (at < sorted.length && sorted[at] === sorted[at - 1]) at++;
    if (at >= sorted.length) break;
    const edge = (sorted[at - 1]! + sorted[at]!) / 2;
    if (edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}

/** The number of edges below the value: its bin (a value on an edge is in the bin below it). */
function binOf(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (edges[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface Growing {
  n: number;
  width: number;
  edges: number[][];
  binned: Uint16Array;
  gradient: Float64Array;
  curvature: Float64Array;
  depth: number;
  l2: number;
  minLeaf: number;
  learningRate: number;
  bins: number;
}

/** The smallest summed curvature a side of a split may have (the leaf's step is divided by it). */
const MIN_CURVATURE = 1e-3;

/**
 * One tree, grown a level at a time: the open nodes' histograms (per feature and bin: the rows'
 * summed gradient, curvature and count) are gathered in one pass over the rows, and each node's
 * best split is read off them. Each row's leaf value is written to `leafOfRow`.
 */
function growTree({ n, width, edges, binned, gradient, curvature, depth, l2, minLeaf, learningRate, bins }: Growing, leafOfRow: Float64Array): TreeNode {
  const root: GrowingNode = {};
  let open: GrowingNode[] = [root];
  // Which open node each row is in (-1: in a leaf already).
  const nodeOf = new Int32Array(n);
  const gainOf = (g: number, h: number) => (g * g) / (h + l2);
  for (let level = 0; open.length > 0; level++) {
    const nodes = open.length;
    const splitting = level < depth;
    // Histograms: entry ((node * width + j) * bins + bin); the nodes' totals apart.
    const size = splitting ? nodes * width * bins : 0;
    const hg = new Float64Array(size);
    const hh = new Float64Array(size);
    const hc = new Int32Array(size);
    const tg = new Float64Array(nodes);
    const th = new Float64Array(nodes);
    const tc = new Int32Array(nodes);
    for (let i = 0; i < n; i++) {
      const node = nodeOf[i]!;
      if (node < 0) continue;
      const g = gradient[i]!;
      const h = curvature[i]!;
      tg[node] = tg[node]! + g;
      th[node] = th[node]! + h;
      tc[node] = tc[node]! + 1;
      if (!splitting) continue;
      const from = node * width * bins;
      for (let j = 0, at = i * width; j < width; j++, at++) {
        const k = from + j * bins + binned[at]!;
        hg[k] = hg[k]! + g;
        hh[k] = hh[k]! + h;
        hc[k] = hc[k]! + 1;
      }
    }
    const bestFeature = new Int32Array(nodes).fill(-1);
    const bestBin = new Int32Array(nodes);
    for (let node = 0; splitting && node < nodes; node++) {
      const parent = gainOf(tg[node]!, th[node]!);
      let bestGain = 0;
      for (let j = 0; j < width; j++) {
        const from = (node * width + j) * bins;
        let gl = 0;
        let hl = 0;
        let cl = 0;
        // A split after bin b: bins 0..b below, the rest above.
        for (let b = 0; b < edges[j]!.length; b++) {
          gl += hg[from + b]!;
          hl += hh[from + b]!;
          cl += hc[from + b]!;
          const cr = tc[node]! - cl;
          const hr = th[node]! - hl;
          if (cl < minLeaf || hl < MIN_CURVATURE) continue;
          if (cr < minLeaf || hr < MIN_CURVATURE) break;
          const gain = gainOf(gl, hl) + gainOf(tg[node]! - gl, hr) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature[node] = j;
            bestBin[node] = b;
          }
        }
      }
    }
    // Split the nodes that found a split; the others become leaves.
    const next: GrowingNode[] = [];
    const childOf = open.map((node, at) => {
      const feature = bestFeature[at]!;
      if (feature < 0) {
        node.value = (-learningRate * tg[at]!) / (th[at]! + l2);
        return -1;
      }
      node.feature = feature;
      node.threshold = edges[feature]![bestBin[at]!]!;
      node.below = {};
      node.above = {};
      next.push(node.below, node.above);
      return next.length - 2;
    });
    for (let i = 0; i < n; i++) {
      const node = nodeOf[i]!;
      if (node < 0) continue;
      const child = childOf[node]!;
      if (child < 0) {
        leafOfRow[i] = open[node]!.value!;
        nodeOf[i] = -1;
      } else {
        nodeOf[i] = child + (binned[i * width + bestFeature[node]!]! <= bestBin[node]! ? 0 : 1);
      }
    }
    open = next;
  }
  return stored(root);
}

/** A node while its tree grows: open, then a leaf or a split. */
interface GrowingNode {
  value?: number;
  feature?: number;
  threshold?: number;
  below?: GrowingNode;
  above?: GrowingNode;
}

function stored(node: GrowingNode): TreeNode {
  if (node.below === undefined || node.above === undefined) return node.value ?? 0;
  return [node.feature ?? 0, node.threshold ?? 0, stored(node.below), stored(node.above)];
}
