import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { Article } from "./knowledge";
import { type ApiArticle, answererFollowing, KnowledgeBase } from "./knowledge-base";
import type { AgentReply } from "./types";

/** A stand-in index: which articles (id and title) it was built from. */
const buildIndex = (articles: readonly Article[]) => ({ titles: articles.map((article) => `${article.id}: ${article.title}`) });

const file = (id: string, title: string) => `---\nid: ${id}\nurl: /help/${id}\n---\n# ${title}\n\nSome text about ${title}.\n`;

let dir: string;
let apiArticles: ApiArticle[];
let logs: string[];
let knowledge: KnowledgeBase<ReturnType<typeof buildIndex>> | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-knowledge-base-"));
  apiArticles = [];
  logs = [];
});
afterEach(async () => {
  await knowledge?.close();
  knowledge = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<KnowledgeBase<ReturnType<typeof buildIndex>>> {
  knowledge = await KnowledgeBase.open({
    dir,
    loadApiArticles: async () => apiArticles,
    buildIndex,
    debounceMs: 20,
    log: (message) => logs.push(message),
  });
  return knowledge;
}

/** Waits (at most 5 s) until the knowledge base's index lists exactly these articles. */
async function until(base: KnowledgeBase<ReturnType<typeof buildIndex>>, titles: string[]): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (JSON.stringify(base.current().index.titles) === JSON.stringify(titles)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(base.current().index.titles).toEqual(titles);
}

const apiArticle = (id: string, title: string): ApiArticle => ({
  article: { id, title, url: `/help/${id}`, locale: "en", translationOf: null, body: `About ${title}.` },
  updatedAt: "2030-01-02T03:04:05.000Z",
});

test("the folder's articles and the admin API's are one snapshot: articles, index and each one's source", async () => {
  await writeFile(join(dir, "shipping.md"), file("shipping", "Shipping"));
  apiArticles = [apiArticle("gift-cards", "Gift cards")];
  const base = await open();
  const snapshot = base.current();
  expect(snapshot.articles.map((article) => article.id)).toEqual(["shipping", "gift-cards"]);
  expect(snapshot.index.titles).toEqual(["shipping: Shipping", "gift-cards: Gift cards"]);
  expect(snapshot.entries.get("shipping")).toMatchObject({ source: "folder", file: "shipping.md", updatedAt: expect.stringMatching(/^\d{4}-/) });
  expect(snapshot.entries.get("gift-cards")).toMatchObject({ source: "api", updatedAt: "2030-01-02T03:04:05.000Z" });
});

test("a file added, changed, renamed and removed in the folder is picked up without a restart", async () => {
  await writeFile(join(dir, "shipping.md"), file("shipping", "Shipping"));
  const base = await open();
  const before = base.current();

  await writeFile(join(dir, "returns.html"), "---\nid: returns\nurl: /help/returns\n---\n<h1>Returns</h1><p>Within 60 days.</p>");
  await until(base, ["returns: Returns", "shipping: Shipping"]);
  // The snapshot a question already holds does not change under it.
  expect(before.index.titles).toEqual(["shipping: Shipping"]);

  await writeFile(join(dir, "shipping.md"), file("shipping", "Shipping and delivery"));
  await until(base, ["returns: Returns", "shipping: Shipping and delivery"]);

  await rename(join(dir, "returns.html"), join(dir, "returns.html.bak"));
  await until(base, ["shipping: Shipping and delivery"]);

  await rm(join(dir, "shipping.md"));
  await until(base, []);
});

test("an article added in a category subfolder, even a new one, is picked up without a restart", async () => {
  await writeFile(join(dir, "a.md"), file("a", "Alpha"));
  await mkdir(join(dir, "billing"));
  const base = await open();

  await writeFile(join(dir, "billing", "invoices.md"), file("invoices", "Invoices"));
  await until(base, ["a: Alpha", "invoices: Invoices"]);
  await mkdir(join(dir, "billing", "cards"));
  await writeFile(join(dir, "billing", "cards", "cards.md"), file("cards", "Cards"));
  await until(base, ["a: Alpha", "cards: Cards", "invoices: Invoices"]);
});

test("a file that breaks is skipped and logged once with its reason; the others still reload", async () => {
  await writeFile(join(dir, "a.md"), file("a", "Alpha"));
  await writeFile(join(dir, "b.md"), file("b", "Beta"));
  const base = await open();

  await writeFile(join(dir, "b.md"), "---\n[Beta\n---\nBroken front matter.");
  await writeFile(join(dir, "c.md"), file("c", "Gamma"));
  await until(base, ["a: Alpha", "c: Gamma"]);
  expect(logs.filter((line) => line.includes("b.md"))).toEqual([expect.stringMatching(/skipped b\.md: .*YAML/)]);

  await writeFile(join(dir, "d.md"), file("d", "Delta"));
  await until(base, ["a: Alpha", "c: Gamma", "d: Delta"]);
  expect(logs.filter((line) => line.includes("b.md"))).toHaveLength(1);
});

test("an admin API article keeps its id: a file that takes it is skipped and logged, and shows once the API article goes", async () => {
  await writeFile(join(dir, "faq.md"), file("faq", "FAQ from the folder"));
  apiArticles = [apiArticle("faq", "FAQ from the API")];
  const base = await open();
  expect(base.current().index.titles).toEqual(["faq: FAQ from the API"]);
  expect(logs).toEqual([expect.stringMatching(/skipped faq\.md: id "faq" is already used by an article written through the admin API/)]);

  apiArticles = [];
  await base.reloadApiArticles();
  expect(base.current().index.titles).toEqual(["faq: FAQ from the folder"]);
  expect(base.current().entries.get("faq")?.source).toBe("folder");
});

test("reloading the admin API's articles has the new snapshot in place when it resolves", async () => {
  const base = await open();
  apiArticles = [apiArticle("warranty", "Warranty")];
  await base.reloadApiArticles();
  expect(base.current().index.titles).toEqual(["warranty: Warranty"]);
});

test("the answerer follows the current snapshot, and is made once per snapshot", async () => {
  const base = await open();
  const made: string[][] = [];
  const answerer = answererFollowing(base, (index) => {
    made.push(index.titles);
    return {
      answer: async (): Promise<AgentReply> => ({ kind: "answer", text: index.titles.join(", "), citations: [], confidence: 1, locale: "en" }),
    };
  });
  expect(await answerer.answer({ question: "?" })).toMatchObject({ text: "" });
  apiArticles = [apiArticle("warranty", "Warranty")];
  await base.reloadApiArticles();
  expect(await answerer.answer({ question: "?" })).toMatchObject({ text: "warranty: Warranty" });
  expect(await answerer.answer({ question: "again?" })).toMatchObject({ text: "warranty: Warranty" });
  expect(made).toEqual([[], ["warranty: Warranty"]]);
});

test("a folder that cannot be read at start is an error; without a folder, only the admin API's articles count", async () => {
  await expect(
    KnowledgeBase.open({ dir: join(dir, "missing"), loadApiArticles: async () => [], buildIndex, log: () => {} }),
  ).rejects.toThrow(/ENOENT/);
  apiArticles = [apiArticle("warranty", "Warranty")];
  const base = await KnowledgeBase.open({ dir: null, loadApiArticles: async () => apiArticles, buildIndex, log: () => {} });
  expect(base.current().index.titles).toEqual(["warranty: Warranty"]);
  await base.close();
});
