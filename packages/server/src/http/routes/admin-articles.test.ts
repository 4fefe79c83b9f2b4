import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { afterEach, beforeEach, expect, test } from "vitest";
import { APP_ID, json, type TestParley, testParley } from "../../testing/parley";

const TOKEN = "test-admin-token-0123";
const admin = { Authorization: `Bearer ${TOKEN}` };

let server: TestParley;
beforeEach(async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN });
});
afterEach(async () => {
  await server.close();
});

interface ArticleBody {
  id: string;
  title: string;
  url: string;
  locale: string;
  translation_of: string | null;
  questions: string[];
  source: "folder" | "api";
  updated_at: string;
  body: string;
}
interface ErrorResponse {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = admin) =>
  server.request(`/admin/api${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined && { "Content-Type": "application/json" }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

const dogs = {
  id: "dogs-in-stores",
  title: "Dogs in our stores",
  url: "/help/dogs-in-stores",
  body: "# Dogs in our stores\n\nYou can bring your dog to any Acme store. Dogs on a leash are welcome in every Acme store. Water bowls are at the entrance.",
};

async function created(input: unknown): Promise<ArticleBody> {
  const response = await send("POST", "/articles", input);
  expect(response.status).toBe(201);
  return ((await response.json()) as { article: ArticleBody }).article;
}

test("without PARLEY_ADMIN_TOKEN the admin API is off and says how to turn it on", async () => {
  await server.close();
  server = await testParley();
  const response = await send("GET", "/articles");
  expect(response.status).toBe(503);
  const body = (await response.json()) as ErrorResponse;
  expect(body.error.code).toBe("admin_token_not_set");
  expect(body.error.message).toMatch(/set PARLEY_ADMIN_TOKEN/);
});

test.each([
  ["no token", {}],
  ["a wrong token", { Authorization: "Bearer not-the-token" }],
  ["the token in another scheme", { Authorization: `Basic ${TOKEN}` }],
])("a call with %s is refused with 401", async (_name, headers) => {
  for (const [method, path, body] of [
    ["GET", "/articles", undefined],
    ["POST", "/articles", dogs],
    ["DELETE", "/articles/returns-and-refunds", undefined],
  ] as const) {
    const response = await send(method, path, body, headers);
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorResponse).error.code).toBe("unauthorized");
  }
  expect((await send("GET", "/articles/dogs-in-stores")).status).toBe(404);
});

test("the list shows the folder's articles with their source, and an article reads with its body", async () => {
  const list = (await (await send("GET", "/articles")).json()) as { articles: Omit<ArticleBody, "body">[] };
  const returns = list.articles.find((article) => article.id === "returns-and-refunds");
  expect(returns).toEqual({
    id: "returns-and-refunds",
    title: "Returns and refunds",
    url: "/help/returns-and-refunds",
    locale: "en",
    translation_of: null,
    questions: [],
    source: "folder",
    imported_from: null,
    updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
  });
  const one = (await (await send("GET", "/articles/returns-and-refunds")).json()) as { article: ArticleBody };
  expect(one.article.body).toMatch(/^Not happy with something\?/);
});

test("an article sent without a locale is in the language it is written in", async () => {
  const article = await created({
    id: "chiens-en-magasin",
    title: "Les chiens dans nos magasins",
    url: "/help/chiens-en-magasin",
    body: "Les chiens tenus en laisse sont les bienvenus dans tous les magasins Acme. Des gamelles d'eau sont à l'entrée.",
  });
  expect(article.locale).toBe("fr");
});

test("an article is created, read, replaced and deleted", async () => {
  const article = await created(dogs);
  expect(article).toMatchObject({ id: "dogs-in-stores", title: "Dogs in our stores", locale: "en", translation_of: null, source: "api" });
  // The opening heading repeats the title, so it is not kept twice.
  expect(article.body).toBe("You can bring your dog to any Acme store. Dogs on a leash are welcome in every Acme store. Water bowls are at the entrance.");

  const listed = (await (await send("GET", "/articles")).json()) as { articles: { id: string; source: string }[] };
  expect(listed.articles).toContainEqual(expect.objectContaining({ id: "dogs-in-stores", source: "api" }));

  const replaced = await send("PUT", "/articles/dogs-in-stores", { ...dogs, id: undefined, title: "Pets in our stores", locale: "en-GB" });
  expect(replaced.status).toBe(200);
  const read = (await (await send("GET", "/articles/dogs-in-stores")).json()) as { article: ArticleBody };
  expect(read.article).toMatchObject({ title: "Pets in our stores", locale: "en-GB", source: "api" });

  const deleted = await send("DELETE", "/articles/dogs-in-stores");
  expect(deleted.status).toBe(204);
  expect(await deleted.text()).toBe("");
  expect((await send("GET", "/articles/dogs-in-stores")).status).toBe(404);
  const again = await send("DELETE", "/articles/dogs-in-stores");
  expect(again.status).toBe(404);
  expect(((await again.json()) as ErrorResponse).error.code).toBe("article_not_found");
});

test("an article keeps its example questions, and an empty one is refused", async () => {
  const article = await created({ ...dogs, questions: ["Can I bring my puppy?", " Are cats allowed? "] });
  expect(article.questions).toEqual(["Can I bring my puppy?", "Are cats allowed?"]);
  const read = (await (await send("GET", "/articles/dogs-in-stores")).json()) as { article: ArticleBody };
  expect(read.article.questions).toEqual(["Can I bring my puppy?", "Are cats allowed?"]);

  const refused = await send("PUT", "/articles/dogs-in-stores", { ...dogs, questions: ["Puppies?", " "] });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as ErrorResponse).error.issues).toEqual([{ path: "questions.1", message: expect.stringMatching(/cannot be empty/) }]);
});

test("a Markdown file is uploaded with its front matter; without a url it is read on the help pages", async () => {
  const upload = (file_name: string, content: string) => send("POST", "/articles/upload", { file_name, content });
  const response = await upload("gift-wrap.md", "---\nquestions:\n  - Can I send it as a present?\n---\n# Gift wrapping\n\nWrapping costs $5 per item.");
  expect(response.status).toBe(201);
  const { article } = (await response.json()) as { article: ArticleBody };
  expect(article).toMatchObject({ id: "gift-wrap", title: "Gift wrapping", url: "/help/gift-wrap", questions: ["Can I send it as a present?"], source: "api" });
  expect(article.body).toBe("Wrapping costs $5 per item.");

  const again = await upload("gift-wrap.md", "# Gift wrapping\n\nAgain.");
  expect(again.status).toBe(409);
  const untitled = await upload("notes.md", "No heading and no title.");
  expect(untitled.status).toBe(400);
  expect(((await untitled.json()) as ErrorResponse).error.message).toMatch(/^notes\.md: the article has no title/);
  const folder = await upload("../evil.md", "# Evil");
  expect(folder.status).toBe(400);
});

test("an article can be sent as HTML; it is kept as Markdown, without scripts", async () => {
  const article = await created({
    title: "Store hours",
    url: "https://help.example.com/store-hours",
    html: "<h1>Store hours</h1><p>We open at <b>9 am</b>.</p><script>steal()</script>",
  });
  expect(article.id).toBe("store-hours");
  expect(article.body).toBe("We open at **9 am**.");
});

test("without an id, the title becomes one, numbered when it is taken", async () => {
  const first = await created({ title: "Gift wrapping & cards", url: "/help/wrap", body: "We wrap." });
  const second = await created({ title: "Gift wrapping & cards", url: "/help/wrap-2", body: "We wrap again." });
  expect([first.id, second.id]).toEqual(["gift-wrapping-cards", "gift-wrapping-cards-2"]);
  // A folder article's id is taken too.
  expect((await created({ title: "Returns and refunds", url: "/help/r", body: "Text." })).id).toBe("returns-and-refunds-2");
});

test("a folder article cannot be created over, replaced or deleted: edit its file instead", async () => {
  for (const [method, path] of [
    ["POST", "/articles"],
    ["PUT", "/articles/returns-and-refunds"],
    ["DELETE", "/articles/returns-and-refunds"],
  ] as const) {
    const response = await send(method, path, method === "DELETE" ? undefined : { ...dogs, id: "returns-and-refunds" });
    expect(response.status).toBe(409);
    const body = (await response.json()) as ErrorResponse;
    expect(body.error.code).toBe("article_id_taken");
    expect(body.error.message).toMatch(/returns-and-refunds\.md.*edit/);
  }
  expect(((await (await send("GET", "/articles/returns-and-refunds")).json()) as { article: ArticleBody }).article.source).toBe("folder");
});

test("an id the admin API already uses is refused on create, and an unknown one on replace", async () => {
  await created(dogs);
  const duplicate = await send("POST", "/articles", dogs);
  expect(duplicate.status).toBe(409);
  expect(((await duplicate.json()) as ErrorResponse).error.message).toMatch(/PUT \/admin\/api\/articles\/dogs-in-stores/);
  const unknown = await send("PUT", "/articles/nothing-here", { ...dogs, id: undefined });
  expect(unknown.status).toBe(404);
});

test("bad input is refused with 400 naming each problem by its path", async () => {
  const response = await send("POST", "/articles", {
    id: "has spaces",
    title: " ",
    url: "http://[",
    locale: "English please",
    body: "Text.",
    html: "<p>Text.</p>",
    colour: "blue",
  });
  expect(response.status).toBe(400);
  const body = (await response.json()) as ErrorResponse;
  expect(body.error.code).toBe("invalid_request");
  expect(body.error.issues?.map((issue) => issue.path).sort()).toEqual(["(body)", "body", "id", "locale", "title", "url"]);

  const neither = (await (await send("POST", "/articles", { title: "T", url: "/t" })).json()) as ErrorResponse;
  expect(neither.error.issues).toEqual([{ path: "body", message: expect.stringMatching(/body \(Markdown\) or html/) }]);

  const renamed = await send("PUT", "/articles/dogs-in-stores", { ...dogs, id: "cats-in-stores" });
  expect(renamed.status).toBe(400);
  expect(((await renamed.json()) as ErrorResponse).error.issues).toEqual([{ path: "id", message: expect.stringMatching(/dogs-in-stores/) }]);
});

test("a question asked right after an article is created is answered from it, and the help pages list it", async () => {
  const question = "Can I bring my dog to the store?";
  await created(dogs);

  const ping = (await (await server.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-0000001", user: {} }))).json()) as PingResponse;
  const auth = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (await server.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-dogs-1", text: question }, auth))).json()) as StartConversationResponse;
  await server.parley.outbox.idle();
  const history = (await (await server.request(`/v1/apps/${APP_ID}/conversations/${started.conversation.id}`, { headers: auth })).json()) as ConversationResponse;
  const answer = history.messages.at(-1);
  expect(answer?.author.type).toBe("ai");
  expect(answer?.text).toMatch(/leash/);
  expect(answer?.citations).toEqual([{ title: "Dogs in our stores", url: "http://localhost:8787/help/dogs-in-stores" }]);

  expect(await (await server.request("/help")).text()).toContain("Dogs in our stores");
  expect(await (await server.request("/help/dogs-in-stores")).text()).toContain("Water bowls are at the entrance.");
});
