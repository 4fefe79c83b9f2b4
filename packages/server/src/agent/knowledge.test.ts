import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { chunkArticle, KnowledgeError, loadKnowledgeDir, parseArticle, translationGroups, type Article } from "./knowledge";

const returns = `---
id: returns
title: Returns and refunds
url: /help/returns
locale: de
---

# Returns and refunds

You can return **most items** within [60 days](/help/policy).

## How to return

- Print the \`prepaid\` label.
- Drop the parcel at any UPS location.

### Outside the US

International customers pay for return shipping.

## Empty section

## Refunds

Refunds take 3&ndash;10 days &amp; show on your statement.
`;

test("front matter gives the article its id, title, url and locale", () => {
  const article = parseArticle(returns, "whatever.md");
  expect(article).toMatchObject({ id: "returns", title: "Returns and refunds", url: "/help/returns", locale: "de" });
  expect(article.body).not.toContain("---");
  expect(article.body).not.toContain("locale:");
});

test("the body leaves out an opening # heading that repeats the title", () => {
  const article = parseArticle(returns, "returns.md");
  expect(article.body.startsWith("You can return")).toBe(true);
});

test("without id, title and locale: id from the file name, title from the first # heading, locale en", () => {
  const article = parseArticle("---\nurl: https://help.example.com/gift-cards\n---\n\nIntro.\n\n# Gift Cards & Vouchers\n\nText.", "Gift Cards (2024).MD");
  expect(article).toMatchObject({
    id: "gift-cards-2024",
    title: "Gift Cards & Vouchers",
    url: "https://help.example.com/gift-cards",
    locale: "en",
  });
});

test("a file without a url is refused with an error naming the file", () => {
  const attempt = () => parseArticle("---\ntitle: Shipping\n---\n\nWe ship.", "shipping.md");
  expect(attempt).toThrow(KnowledgeError);
  expect(attempt).toThrow(/shipping\.md/);
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).file).toBe("shipping.md");
    expect((error as KnowledgeError).reason).toMatch(/url/);
  }
});

test("broken front matter, a title nowhere, a malformed url and a non-text field are refused by name", () => {
  expect(() => parseArticle("---\n[unclosed\n---\n# T\n", "broken-yaml.md")).toThrow(/broken-yaml\.md: .*YAML/);
  expect(() => parseArticle("---\nurl: /help/x\n---\nNo heading here.", "untitled.md")).toThrow(/untitled\.md: .*title/);
  expect(() => parseArticle("---\nurl: 'http://['\ntitle: T\n---\nText.", "bad-url.md")).toThrow(/bad-url\.md: .*not a valid address/);
  expect(() => parseArticle("---\nurl: /help/x\ntitle:\n  en: Returns\n---\nText.", "list-title.md")).toThrow(/list-title\.md: .*title/);
});

test("front matter text is read as written, where strict YAML would refuse it or cut it short", () => {
  const titled = (title: string) => parseArticle(`---\nid: t\nurl: https://help.example.com/t\ntitle: ${title}\n---\nText.`, "t.md").title;
  for (const title of ["Refunds: how they work", "Q: can I bring my dog?", "[Guide] Returns", "*New* plans", "@mentions in comments", "What's the #1 rule?", "2024", "{Beta} features"]) {
    expect(titled(title)).toBe(title);
  }
  // Quoted, YAML's reading stands.
  expect(titled('"Refunds: how they work"')).toBe("Refunds: how they work");
  expect(titled("'It''s free'")).toBe("It's free");
  // When YAML cannot read the block at all, its other fields are read line by line too.
  const article = parseArticle(
    "---\r\nid: refunds\r\ntitle: Refunds: how they work\r\nurl: https://help.example.com/refunds\r\nlocale: en\r\nquestions:\r\n  - 'Where is my money?'\r\n  - When: exactly?\r\n---\r\nWe refund within 5 days.",
    "refunds.md",
  );
  expect(article).toMatchObject({ id: "refunds", title: "Refunds: how they work", url: "https://help.example.com/refunds", locale: "en", questions: ["Where is my money?", "When: exactly?"] });
  expect(article.body).toBe("We refund within 5 days.");
});

test("front matter `questions:` lists example questions; anything but a list of questions is refused by name", () => {
  const source = (questions: string) => `---\nurl: /help/gifts\ntitle: Gift wrapping\n${questions}\n---\nText.`;
  expect(parseArticle(source("questions:\n  - Can I send it as a present?\n  - Is the price shown?"), "gifts.md").questions).toEqual([
    "Can I send it as a present?",
    "Is the price shown?",
  ]);
  expect(parseArticle(source(""), "gifts.md").questions).toBeUndefined();
  expect(() => parseArticle(source("questions: Can I send it as a present?"), "one.md")).toThrow(/one\.md: questions must be a list/);
  expect(() => parseArticle(source("questions:\n  - ''"), "empty.md")).toThrow(/empty\.md: questions must be a list/);
});

const returnsPage = `---
id: returns
url: /help/returns
translation_of: returns-en
---
<!doctype html>
<html>
<head><title>Acme · Returns</title><style>h1 { color: red }</style><script>track("returns")</script></head>
<body>
  <h1>Returns and refunds</h1>
  <p>You can return <strong>most items</strong> within <a href="/help/policy">60 days</a>.</p>
  <h2>How to return</h2>
  <ol><li>Print the label.</li><li>Drop the parcel at any UPS location.</li></ol>
  <script>alert("not an article")</script>
  <h2>Refund times</h2>
  <table>
    <thead><tr><th>Paid with</th><th>Refunded in</th></tr></thead>
    <tbody><tr><td>Card</td><td>3&ndash;10 days</td></tr><tr><td>Gift card</td><td>1 day</td></tr></tbody>
  </table>
</body>
</html>
`;

test("an HTML article takes its front matter as a Markdown file does, and its <h1> as the title", () => {
  const article = parseArticle(returnsPage, "returns.html");
  expect(article).toMatchObject({ id: "returns", title: "Returns and refunds", url: "/help/returns", locale: "en", translationOf: "returns-en" });
});

test("an HTML article's body becomes Markdown, without its head, scripts and styles", () => {
  const { body } = parseArticle(returnsPage, "returns.htm");
  expect(body).toContain("You can return **most items** within [60 days](/help/policy).");
  expect(body).toContain("## How to return");
  expect(body).toMatch(/1\.\s+Print the label\./);
  expect(body).not.toMatch(/track|alert|color|Acme ·|<|# Returns and refunds/);
});

test("an HTML article is chunked by its headings, table rows read as lines", () => {
  const passages = chunkArticle(parseArticle(returnsPage, "returns.html"));
  expect(passages.map((passage) => passage.heading)).toEqual([null, "How to return", "Refund times"]);
  expect(passages[1]?.text).toBe("Print the label.\nDrop the parcel at any UPS location.");
  expect(passages[2]?.text).toBe("Paid with, Refunded in\nCard, 3–10 days\nGift card, 1 day");
});

/** An article page saved from a hosted help center: the site's header, breadcrumbs, search, a sidebar of the section's articles, votes, related articles, comments and footer around the article. */
const savedPage = `---
id: reset-password
url: https://help.acme.test/hc/articles/1
---
<!DOCTYPE html>
<html lang="en"><head><title>Reset your password – Acme Help Center</title></head>
<body>
<header class="header"><a href="/">Acme</a><nav><a href="/hc/requests/new">Submit a request</a><a href="/signin">Sign in</a></nav></header>
<main role="main">
<div class="container-divider"></div>
<div class="container">
  <nav class="sub-nav"><ol class="breadcrumbs"><li><a href="/hc">Acme</a></li><li><a href="/hc/sections/1">Account</a></li></ol>
  <form role="search" class="search"><input type="search" placeholder="Search"></form></nav>
  <div class="article-container" id="article-container">
    <aside class="article-sidebar"><section class="section-articles collapsible-sidebar"><h3>Articles in this section</h3>
      <ul><li><a href="/hc/articles/2">Change your email address</a></li><li><a href="/hc/articles/3">Delete your account</a></li></ul></section></aside>
    <article id="main-content" class="article">
      <header class="article-header"><h1 title="Reset your password" class="article-title">Reset your password</h1>
        <div class="article-author"><div class="article-meta">Acme Support<ul class="meta-group"><li>Updated 3 days ago</li></ul></div></div>
        <a class="article-subscribe button" href="#">Follow</a></header>
      <section class="article-info"><div class="article-content">
        <div class="article-body"><p>Click <strong>Forgot password</strong> on the sign-in page.</p><h2>The link expired</h2><p>The link works for 24 hours. Ask for a new one.</p></div>
      </div></section>
      <footer><div class="article-votes"><h2 class="article-votes-question">Was this article helpful?</h2><button>Yes</button><button>No</button></div>
        <div class="article-more-questions">Have more questions? <a href="/hc/requests/new">Submit a request</a></div></footer>
      <div class="article-relatives"><section class="related-articles"><h2>Related articles</h2><ul><li><a href="/hc/articles/4">Billing and invoices</a></li></ul></section></div>
      <div class="article-comments" id="article-comments"><section class="comments"><h2>Comments</h2><form><textarea></textarea></form></section></div>
    </article>
  </div>
</div>
</main>
<footer class="footer"><div class="footer-inner">© Acme · Privacy · Terms</div></footer>
</body></html>
`;

test("of a saved help-center page only the article is read: none of the site, the sidebar's or related articles' titles, votes or comments", () => {
  const article = parseArticle(savedPage, "reset-password.html");
  expect(article.title).toBe("Reset your password");
  expect(article.body).toBe("Click **Forgot password** on the sign-in page.\n\n## The link expired\n\nThe link works for 24 hours. Ask for a new one.");
  // Without an element marked as the article's body, the page's <article> is read, less its author line.
  const unmarked = parseArticle(savedPage.replace('class="article-body"', 'class="content"'), "reset-password.html");
  expect(unmarked.body).toBe(article.body);
});

test("a page without article markup is read from its <main>, less the site's navigation, sidebar and footer; a fragment is read whole", () => {
  const page = `---
url: /help/exports
---
<html><body>
<nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav>
<main>
  <aside><h3>In this section</h3><ul><li><a href="/help/imports">Importing data</a></li></ul></aside>
  <h1>Exporting data</h1>
  <p>Open Settings, then Export. You get a CSV file.</p>
</main>
<footer>© Example Ltd · Careers</footer>
</body></html>`;
  expect(parseArticle(page, "exports.html")).toMatchObject({ title: "Exporting data", body: "Open Settings, then Export. You get a CSV file." });
  // Without <body>, the file is the article: its own <aside> (a tip) and <footer> are part of it.
  const fragment = "---\nurl: /help/exports\n---\n<h1>Exporting data</h1><p>Open Settings, then Export.</p><aside>Tip: exports include archived items.</aside>";
  expect(parseArticle(fragment, "exports.html").body).toBe("Open Settings, then Export.\n\nTip: exports include archived items.");
});

test("an HTML article without a title anywhere is refused, naming the file and the <h1>", () => {
  expect(() => parseArticle("---\nurl: /help/x\n---\n<p>No heading.</p>", "untitled.html")).toThrow(/untitled\.html: .*<h1>/);
});

test("a numeric id is taken as text", () => {
  expect(parseArticle("---\nid: 42\nurl: /help/42\ntitle: T\n---\nText.", "x.md").id).toBe("42");
});

test("an article is chunked into its intro and one passage per ## or ### section, in order", () => {
  const article = parseArticle(returns, "returns.md");
  const passages = chunkArticle(article);
  expect(passages.map((passage) => passage.heading)).toEqual([null, "How to return", "Outside the US", "Refunds"]);
  expect(new Set(passages.map((passage) => passage.id)).size).toBe(passages.length);
  for (const passage of passages) {
    expect(passage).toMatchObject({ articleId: "returns", articleTitle: "Returns and refunds", articleUrl: "/help/returns" });
  }
});

test("passage text is plain: emphasis, links, code and entities are stripped, list items keep their own lines", () => {
  const [intro, howTo, , refunds] = chunkArticle(parseArticle(returns, "returns.md"));
  expect(intro?.text).toBe("You can return most items within 60 days.");
  expect(howTo?.text).toBe("Print the prepaid label.\nDrop the parcel at any UPS location.");
  expect(refunds?.text).toBe("Refunds take 3–10 days & show on your statement.");
});

describe("sections are found however an editor marks them", () => {
  const article = (body: string): Article => ({ id: "a", title: "Returns", url: "/a", locale: "en", translationOf: null, body });
  const headings = (body: string) => chunkArticle(article(body)).map((passage) => passage.heading);

  test("a page that starts its sections at #### splits there, and keeps a deeper heading in its section's text", () => {
    const passages = chunkArticle(article("Intro.\n\n#### How to return\n\nPrint the label.\n\n###### Tip\n\nKeep the receipt.\n\n#### Refunds\n\nThey take 5 days."));
    expect(passages.map((passage) => passage.heading)).toEqual([null, "How to return", "Refunds"]);
    expect(passages[1]?.text).toBe("Print the label.\n\nTip\n\nKeep the receipt.");
  });

  test("a page that heads its sections with # splits there, and the # heading that repeats the title opens nothing", () => {
    expect(headings("# Returns\n\nIntro.\n\n# How to return\n\nPrint the label.\n\n## By post\n\nUse the form.")).toEqual([null, "How to return", "By post"]);
  });

  test("with ## and ### headings, #### stays in the text, as it always has", () => {
    expect(headings("## How to return\n\nPrint the label.\n\n#### By post\n\nUse the form.")).toEqual(["How to return"]);
  });

  test("in an article without headings, a short paragraph that is only bold heads a section; a bold sentence does not", () => {
    const passages = chunkArticle(article("Intro.\n\n**How to return**\n\nPrint the label.\n\n**Never send cash.**\n\n**Refunds:**\nThey take 5 days."));
    expect(passages.map((passage) => passage.heading)).toEqual([null, "How to return", "Refunds"]);
    expect(passages[1]?.text).toBe("Print the label.\n\nNever send cash.");
    expect(passages[2]?.text).toBe("They take 5 days.");
  });

  test("a bold paragraph of more than twelve words, or bold text with more after it, is text", () => {
    expect(headings("Intro.\n\n**Items bought in a sale can be returned within thirty days of the day they were delivered to you**\n\nMore.")).toEqual([null]);
    expect(headings("Intro.\n\n**Note** that returns are free.")).toEqual([null]);
  });

  test("in an article without headings, an FAQ's question on a line of its own heads its answer", () => {
    const passages = chunkArticle(article("Common questions.\n\nHow long does delivery take?\nStandard delivery takes 3 days.\n\nQ: Do you ship abroad?\n\nA: We ship to 30 countries.\n\nIs it free? Over 50 € it is."));
    expect(passages.map((passage) => [passage.heading, passage.text])).toEqual([
      [null, "Common questions."],
      ["How long does delivery take?", "Standard delivery takes 3 days."],
      ["Do you ship abroad?", "We ship to 30 countries.\n\nIs it free? Over 50 € it is."],
    ]);
    // A question of more than twenty words is text; with headings, a question line stays in its section.
    expect(headings(`Intro.\n\n${"word ".repeat(20)}or not?\n\nMore.`)).toEqual([null]);
    expect(headings("## Delivery\n\nHow long does it take?\n\nThree days.")).toEqual(["Delivery"]);
  });

  test("bold lines inside an article with headings stay in their section", () => {
    expect(headings("## How to return\n\n**In the app**\n\nTap Return.\n\n**On the website**\n\nOpen Orders.")).toEqual(["How to return"]);
  });

  test("a section of more than 150 words is read as windows of its paragraphs, each under the section's heading", () => {
    const paragraph = (topic: string) => `${topic} ${"word ".repeat(34)}end.`; // 36 words: two to a window
    const passages = chunkArticle(article(`## Policy\n\n${["Returns", "Refunds", "Exchanges", "Gifts", "Vouchers"].map(paragraph).join("\n\n")}\n\n## Contact\n\nCall us.`));
    expect(passages.map((passage) => [passage.heading, passage.text.split(" ")[0]])).toEqual([
      ["Policy", "Returns"],
      ["Policy", "Exchanges"],
      ["Policy", "Vouchers"],
      ["Contact", "Call"],
    ]);
    expect(passages[0]?.text).toBe(`${paragraph("Returns")}\n\n${paragraph("Refunds")}`);
  });

  test("a section of 150 words or fewer stays whole, and one long paragraph is never cut", () => {
    expect(chunkArticle(article(`## Policy\n\n${"word ".repeat(70)}\n\n${"word ".repeat(70)}`))).toHaveLength(1);
    expect(chunkArticle(article(`## Policy\n\n${"word ".repeat(300)}`))).toHaveLength(1);
  });

  test("an HTML page whose sections are bold paragraphs, or bold lines over their answers, is split at them", () => {
    const page =
      "---\nid: r\nurl: /r\n---\n<h1>Returns</h1><p>Intro.</p><p><strong>How to return</strong></p><p>Print the label.</p><p><b>Refunds:</b></p><p>They take 5 days.</p>" +
      "<p><strong>Can I exchange an item?</strong><br>Yes, within 30 days.</p>";
    expect(chunkArticle(parseArticle(page, "r.html")).map((passage) => [passage.heading, passage.text])).toEqual([
      [null, "Intro."],
      ["How to return", "Print the label."],
      ["Refunds", "They take 5 days."],
      ["Can I exchange an item?", "Yes, within 30 days."],
    ]);
  });

  test("an HTML FAQ in an accordion (<details><summary>) or a definition list (<dt>, <dd>) is split at its questions", () => {
    const page =
      "---\nid: f\nurl: /f\ntitle: FAQ\n---\n<p>Intro.</p><details><summary>How long does delivery take?</summary><p>Three days.</p></details>" +
      "<details><summary><b>Do you ship abroad?</b></summary><p>To 30 countries.</p></details><dl><dt>Is delivery free?</dt><dd>Over 50 €.</dd></dl>";
    expect(chunkArticle(parseArticle(page, "f.html")).map((passage) => [passage.heading, passage.text])).toEqual([
      [null, "Intro."],
      ["How long does delivery take?", "Three days."],
      ["Do you ship abroad?", "To 30 countries."],
      ["Is delivery free?", "Over 50 €."],
    ]);
  });
});

test("the title heading is not repeated as a passage, and an article with only a title has no passages", () => {
  const onlyTitle: Article = { id: "t", title: "T", url: "/t", locale: "en", translationOf: null, body: "# T\n\n## Nothing here\n" };
  expect(chunkArticle(onlyTitle)).toEqual([]);
});

test("inline HTML tags are dropped without gluing or splitting words", () => {
  const article: Article = { id: "h", title: "H", url: "/h", locale: "en", translationOf: null, body: "Call us at <b>any</b> time.<br>We answer fast." };
  expect(chunkArticle(article)[0]?.text).toBe("Call us at any time. We answer fast.");
});

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

test("a folder loads every good Markdown (.md, .markdown) and HTML file, in subfolders too; a broken file or a duplicate id is reported, never fatal", async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-knowledge-"));
  await writeFile(join(dir, "a-shipping.md"), "---\nid: shipping\nurl: /help/shipping\n---\n# Shipping\n\nWe ship.");
  await writeFile(join(dir, "b-broken.md"), "---\n[unclosed\n---\nText.");
  await writeFile(join(dir, "c-returns.md"), returns);
  await writeFile(join(dir, "d-copy.md"), "---\nid: shipping\nurl: /help/copy\ntitle: Copy\n---\nText.");
  await writeFile(join(dir, "e-gift-cards.html"), "---\nurl: /help/gift-cards\n---\n<h1>Gift cards</h1><p>They never expire.</p>");
  await writeFile(join(dir, "f-warranty.markdown"), "---\nurl: /help/warranty\n---\n# Warranty\n\nTwo years.");
  await writeFile(join(dir, "notes.txt"), "not an article");
  await writeFile(join(dir, "README.md"), "# About this folder\n");
  // A help center kept by category; drafts and hidden folders stay out.
  await mkdir(join(dir, "billing", "cards"), { recursive: true });
  await writeFile(join(dir, "billing", "invoices.md"), "---\nurl: /help/invoices\n---\n# Invoices\n\nEvery month.");
  await writeFile(join(dir, "billing", "README.md"), "# Billing articles\n");
  await writeFile(join(dir, "billing", "cards", "Card payments.md"), "# Card payments\n\nWe take Visa.");
  await mkdir(join(dir, "_drafts"));
  await writeFile(join(dir, "_drafts", "draft.md"), "---\nurl: /help/draft\ntitle: Draft\n---\nText.");
  await mkdir(join(dir, ".git"));
  await writeFile(join(dir, ".git", "notes.md"), "# Not an article\n");

  const { articles, problems, files } = await loadKnowledgeDir(dir);

  expect(articles.map((article) => article.id)).toEqual(["shipping", "card-payments", "invoices", "returns", "e-gift-cards", "f-warranty"]);
  expect([...files].map(([id, file]) => [id, file.name])).toEqual([
    ["shipping", "a-shipping.md"],
    ["card-payments", "billing/cards/Card payments.md"],
    ["invoices", "billing/invoices.md"],
    ["returns", "c-returns.md"],
    ["e-gift-cards", "e-gift-cards.html"],
    ["f-warranty", "f-warranty.markdown"],
  ]);
  // No front matter at all, so no url: customers read it on Parley's own help page.
  expect(articles.find((article) => article.id === "card-payments")).toMatchObject({ title: "Card payments", url: "/help/card-payments" });
  expect(problems).toEqual([
    { file: "b-broken.md", message: expect.stringMatching(/YAML/) },
    { file: "d-copy.md", message: expect.stringMatching(/"shipping" is already used by a-shipping\.md/) },
  ]);
  for (const problem of problems) expect(problem.message.startsWith(problem.file)).toBe(false);
});

test("files that share an article's id in other languages are its translations (one id across translations, folders by locale)", async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-knowledge-"));
  for (const [locale, title] of [["de", "Rücksendungen"], ["en-us", "Returns"], ["fr", "Retours"]] as const) {
    await mkdir(join(dir, locale));
    await writeFile(join(dir, locale, "360001.md"), `---\nid: 360001\nlocale: ${locale}\nurl: /hc/${locale}/articles/360001\n---\n# ${title}\n\nText.`);
  }
  await writeFile(join(dir, "en-us", "360002.md"), "---\nid: 360002\nlocale: en-us\nurl: /hc/en-us/articles/360002\n---\n# Shipping\n\nText.");
  await writeFile(join(dir, "fr", "copy.md"), "---\nid: 360001\nlocale: fr\nurl: /hc/fr/copy\n---\n# Copie\n\nTexte.");

  const { articles, problems, files } = await loadKnowledgeDir(dir);

  // English, the language most articles are in, keeps the id, though de/ sorts first.
  expect(articles.map((article) => [article.id, article.title, article.url])).toEqual([
    ["360001-de", "Rücksendungen", "/hc/de/articles/360001"],
    ["360001", "Returns", "/hc/en-us/articles/360001"],
    ["360002", "Shipping", "/hc/en-us/articles/360002"],
    ["360001-fr", "Retours", "/hc/fr/articles/360001"],
  ]);
  expect(articles.find((article) => article.id === "360001-fr")?.translationOf).toBe("360001");
  expect(new Set(translationGroups(articles).values())).toEqual(new Set(["360001", "360002"]));
  expect(files.get("360001-fr")?.name).toBe("fr/360001.md");
  // The same id twice in one language is a duplicate, as ever.
  expect(problems).toEqual([{ file: "fr/copy.md", message: expect.stringMatching(/"360001-fr" is already used by fr\/360001\.md/) }]);
});

test("an id that is another's plus its language is a translation, whatever its locale's region", () => {
  const article = (id: string, locale: string): Article => ({ id, title: id, url: `/${id}`, locale, translationOf: null, body: "Text." });
  const groups = translationGroups([article("returns", "en"), article("returns-fr", "fr-CA"), article("returns-pt-br", "pt-BR"), article("sizes-de", "fr")]);
  expect(Object.fromEntries(groups)).toEqual({ returns: "returns", "returns-fr": "returns", "returns-pt-br": "returns", "sizes-de": "sizes-de" });
});

test("an empty folder loads no articles and no problems", async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-knowledge-"));
  expect(await loadKnowledgeDir(dir)).toEqual({ articles: [], problems: [], files: new Map() });
});
