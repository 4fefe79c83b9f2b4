import { expect, test } from "vitest";
import { FullTextIndex, type FullTextField } from "./full-text";

interface Doc {
  title: string;
  body?: string;
}

const FIELDS: FullTextField<Doc>[] = [
  { boost: 2, text: (doc) => doc.title },
  { boost: 1, text: (doc) => doc.body },
];
const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
const STOP = new Set(["the", "a", "to", "is"]);
const index = (docs: Record<string, Doc>) =>
  new FullTextIndex(
    Object.entries(docs).map(([id, document]) => ({ id, document })),
    FIELDS,
    words,
    (token) => (STOP.has(token) ? null : token),
  );
const terms = (...list: string[]) => list.map((term) => ({ term, boost: 1 }));

test("a term's score is BM25+ with k 1.2, b 0.7, δ 0.5, times the field's boost", () => {
  const search = index({ one: { title: "Refunds", body: "refunds refunds take ten days" }, two: { title: "Shipping", body: "we ship daily" } });
  const [match] = search.search(terms("refunds"));
  // Two documents. Title: "refunds" in 1 of them, length 1, mean length 1. Body: twice in a
  // 4-token body (distinct tokens: refunds, take, ten, days), mean (4 + 3) / 2.
  const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
  const bm25 = (tf: number, length: number, mean: number) => idf * (0.5 + (tf * 2.2) / (tf + 1.2 * (0.3 + (0.7 * length) / mean)));
  expect(match?.id).toBe("one");
  expect(match?.score).toBeCloseTo(2 * bm25(1, 1, 1) + bm25(2, 4, 3.5), 12);
});

test("documents having more of the question's terms come first, and none without any", () => {
  const search = index({
    card: { title: "Pay by card", body: "We take cards." },
    cash: { title: "Cash", body: "Pay cash on delivery." },
    gift: { title: "Gift cards", body: "Gift cards never expire." },
  });
  const results = search.search(terms("pay", "cash"));
  expect(results.map((result) => result.id)).toEqual(["cash", "card"]);
  expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
});

test("a rarer term weighs more, and a term's boost multiplies its share", () => {
  const search = index({
    a: { title: "Orders", body: "order status" },
    b: { title: "Orders", body: "order invoice" },
    c: { title: "Orders", body: "order tracking" },
  });
  const [first] = search.search(terms("order", "invoice"));
  expect(first?.id).toBe("b");
  const plain = search.search([{ term: "tracking", boost: 1 }])[0]!.score;
  expect(search.search([{ term: "tracking", boost: 3 }])[0]!.score).toBeCloseTo(3 * plain, 12);
});

test("stop words are not indexed, unknown terms find nothing, and equal scores keep the documents' order", () => {
  const search = index({ x: { title: "The plan" }, y: { title: "The plan" } });
  expect(search.search(terms("the"))).toEqual([]);
  expect(search.search(terms("nothing"))).toEqual([]);
  expect(search.search(terms("plan")).map((result) => result.id)).toEqual(["x", "y"]);
});

test("only the accepted documents are returned", () => {
  const search = index({ x: { title: "Plan" }, y: { title: "Plan", body: "plan plan" } });
  expect(search.search(terms("plan"), (id) => id !== "y").map((result) => result.id)).toEqual(["x"]);
});
