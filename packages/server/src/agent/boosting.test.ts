import { expect, test } from "vitest";
import { binEdges, fitBoostedTrees, parseBoostedTrees, treesProbability, type TreeNode } from "./boosting";
import { DEFAULT_DECISION_MODEL } from "./decision-model";
import { FEATURE_NAMES } from "./features";
import { fitRegression, probability } from "./regression";

/** A spread of points on the unit square, the same every run. */
const square = Array.from({ length: 400 }, (_, i) => [((i * 37) % 101) / 101, ((i * 53) % 97) / 97]);

test("boosted trees learn what one feature means depending on another, which a regression cannot", () => {
  // A strong match (a) is right only when one article clearly wins (b): the label is their agreement.
  const labels = square.map(([a = 0, b = 0]) => (a > 0.5 === b > 0.5 ? 1 : 0));
  const trees = fitBoostedTrees(["a", "b"], square, labels, { rounds: 100, depth: 2, minLeaf: 10 });
  const regression = fitRegression(["a", "b"], square, labels);
  const accuracy = (p: (row: number[]) => number) => square.filter((row, i) => (p(row) >= 0.5 ? 1 : 0) === labels[i]).length / square.length;
  expect(accuracy((row) => treesProbability(trees, row))).toBeGreaterThan(0.95);
  expect(accuracy((row) => probability(regression, row))).toBeLessThan(0.7);
  expect(treesProbability(trees, [0.9, 0.9])).toBeGreaterThan(0.8);
  expect(treesProbability(trees, [0.9, 0.1])).toBeLessThan(0.2);
});

test("a fit is deterministic, stays within its depth and leaf size, and reads back from JSON unchanged", () => {
  const labels = square.map(([a = 0, b = 0], i) => (a + 0.3 * b + ((i * 29) % 23) / 46 > 0.9 ? 1 : 0));
  const options = { rounds: 30, depth: 3, minLeaf: 25 };
  const trees = fitBoostedTrees(["a", "b"], square, labels, options);
  expect(fitBoostedTrees(["a", "b"], square, labels, options)).toEqual(trees);
  const read = parseBoostedTrees(JSON.parse(JSON.stringify(trees)), ["a", "b"], "test model");
  for (const row of square.slice(0, 50)) expect(treesProbability(read, row)).toBe(treesProbability(trees, row));
  // Every leaf at most 3 splits down, and reached by at least 25 of the rows.
  const reached = new Map<string, number>();
  const pathOf = (node: TreeNode, row: number[], path: string): string => {
    if (typeof node === "number") return path;
    expect(path.length).toBeLessThan(3);
    return (row[node[0]] ?? 0) <= node[1] ? pathOf(node[2], row, `${path}<`) : pathOf(node[3], row, `${path}>`);
  };
  trees.trees.forEach((tree, t) => {
    for (const row of square) {
      const leaf = `${t}:${pathOf(tree, row, "")}`;
      reached.set(leaf, (reached.get(leaf) ?? 0) + 1);
    }
  });
  expect(Math.min(...reached.values())).toBeGreaterThanOrEqual(25);
  expect(trees.trees.some((tree) => typeof tree !== "number" && typeof tree[2] !== "number")).toBe(true);
});

test("rows weighed less pull the trees less: weights of 1 change nothing", () => {
  const labels = square.map(([a = 0], i) => (a + ((i * 29) % 23) / 46 > 0.7 ? 1 : 0));
  const plain = fitBoostedTrees(["a", "b"], square, labels, { rounds: 40 });
  expect(fitBoostedTrees(["a", "b"], square, labels, { rounds: 40, rowWeights: square.map(() => 1) })).toEqual(plain);
  // Strong matches that must not be answered (ambiguous questions): weighed 0.3, they pull the
  // probability of every strong match down much less.
  const withDecoys = [...square, ...Array.from({ length: 80 }, (_, i) => [0.95, (i % 10) / 10])];
  const decoyLabels = [...labels, ...Array.from({ length: 80 }, () => 0)];
  const full = fitBoostedTrees(["a", "b"], withDecoys, decoyLabels, { rounds: 40 });
  const light = fitBoostedTrees(["a", "b"], withDecoys, decoyLabels, { rounds: 40, rowWeights: withDecoys.map((_, i) => (i < square.length ? 1 : 0.3)) });
  expect(treesProbability(light, [0.95, 0.5])).toBeGreaterThan(treesProbability(full, [0.95, 0.5]) + 0.1);
});

test("trees fitted to improve on a regression keep its slope beyond the rows they learnt from, and still learn what it cannot", () => {
  // The chance of a right answer grows with a, seen only up to 0.6: asked about 1.5, trees alone
  // can only repeat their last leaf, the regression carries on.
  const rows = square.map(([a = 0, b = 0]) => [a * 0.6, b]);
  const labels = rows.map(([a = 0], i) => (a + ((i * 29) % 23) / 46 > 0.85 ? 1 : 0));
  const regression = fitRegression(["a", "b"], rows, labels, { l2: 0.02 });
  const alone = fitBoostedTrees(["a", "b"], rows, labels, { rounds: 50 });
  const started = fitBoostedTrees(["a", "b"], rows, labels, { rounds: 50, start: regression });
  expect(treesProbability(started, [1.5, 0.5])).toBeGreaterThan(0.95);
  expect(treesProbability(started, [1.5, 0.5])).toBeGreaterThan(treesProbability(alone, [1.5, 0.5]) + 0.1);
  // Where the labels turn on how two features go together, the trees on top still learn it.
  const agreement = square.map(([a = 0, b = 0]) => (a > 0.5 === b > 0.5 ? 1 : 0));
  const both = fitBoostedTrees(["a", "b"], square, agreement, { rounds: 100, depth: 2, minLeaf: 10, start: fitRegression(["a", "b"], square, agreement) });
  expect(square.filter((row, i) => (treesProbability(both, row) >= 0.5 ? 1 : 0) === agreement[i]).length / square.length).toBeGreaterThan(0.95);
});

test("bin edges lie between distinct values: every gap when there are few, about equal bins when there are many", () => {
  expect(binEdges([3, 1, 2, 2, 1], 64)).toEqual([1.5, 2.5]);
  expect(binEdges([5, 5, 5], 64)).toEqual([]);
  const many = Array.from({ length: 1000 }, (_, i) => i);
  const edges = binEdges(many, 4);
  expect(edges).toEqual([249.5, 499.5, 749.5]);
  // A value shared by most rows is one bin, whatever share of the rows it holds.
  const skewed = [...Array.from({ length: 900 }, () => 0), ...Array.from({ length: 100 }, (_, i) => i + 1)];
  const skewedEdges = binEdges(skewed, 10);
  expect(skewedEdges[0]).toBe(0.5);
  expect(skewedEdges.length).toBeLessThanOrEqual(9);
});

test("stored trees fitted on other features than the code computes, or splitting on one they do not name, are refused", () => {
  const stored = { features: ["a"], base: 0, trees: [0.1] };
  expect(() => parseBoostedTrees(stored, ["a", "b"], "decision model")).toThrow(/fit-decision/);
  const beyond = { features: ["a"], base: 0, trees: [[1, 0.5, 0, 1]] };
  expect(() => parseBoostedTrees(beyond, ["a"], "decision model")).toThrow(/does not name/);
  const startedElsewhere = { features: ["a"], start: { features: ["b"], mean: [0], scale: [1], weights: [1], bias: 0 }, base: 0, trees: [] };
  expect(() => parseBoostedTrees(startedElsewhere, ["a"], "decision model")).toThrow(/fit-decision/);
  expect(DEFAULT_DECISION_MODEL.answer.features).toEqual([...FEATURE_NAMES]);
});
