import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { createSimulator, type Simulator } from "@parley/zendesk-sim";
import { afterEach, expect, test, vi } from "vitest";
import { adminCaller, APP_ID, json, type TestParley, testParley } from "../../testing/parley";
import { SIMULATOR_URL, simulatorZendeskEnv } from "../../zendesk/test-support";

// A whole Parley and a simulated Zendesk per test: a few seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000 });

const TOKEN = "admin-token-for-guide-import";
const call = adminCaller(TOKEN);

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface ImportBody {
  import: {
    locales: string[];
    added: number;
    updated: number;
    unchanged: number;
    removed: number;
    skipped: { zendesk_id: number; locale: string; title: string; reason: string }[];
  };
}
interface ArticleBody {
  id: string;
  imported_from: string | null;
  title: string;
  url: string;
  locale: string;
  translation_of: string | null;
  source: string;
  body: string;
}
interface SeededArticle {
  id: number;
  html_url: string;
  translations: { locale: string; html_url: string }[];
}

/** Parley connected (from the environment) to a simulated Zendesk whose help center a test fills. */
async function withZendesk(env: Record<string, string> = {}): Promise<{ target: TestParley; sim: Simulator }> {
  const sim = createSimulator();
  server = await testParley(
    { PARLEY_ADMIN_TOKEN: TOKEN, ...simulatorZendeskEnv(), ...env },
    {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (!request.url.startsWith(SIMULATOR_URL)) throw new TypeError("fetch failed");
        return sim.fetch(request);
      },
    },
  );
  return { target: server, sim };
}

async function seed(sim: Simulator, articles: unknown[]): Promise<SeededArticle[]> {
  const response = await sim.fetch(
    new Request(`${SIMULATOR_URL}/__sim/help-center/articles`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ articles }) }),
  );
  if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { articles: SeededArticle[] }).articles;
}

async function runImport(target: TestParley): Promise<Response> {
  return call(target, "POST", "/admin/api/articles/import/zendesk-guide");
}

async function imported(target: TestParley): Promise<ImportBody["import"]> {
  const response = await runImport(target);
  expect(response.status).toBe(200);
  return ((await response.json()) as ImportBody).import;
}

async function article(target: TestParley, id: string): Promise<ArticleBody | null> {
  const response = await call(target, "GET", `/admin/api/articles/${id}`);
  return response.status === 200 ? ((await response.json()) as { article: ArticleBody }).article : null;
}

async function articleIds(target: TestParley): Promise<string[]> {
  const response = await call(target, "GET", "/admin/api/articles");
  return ((await response.json()) as { articles: { id: string }[] }).articles.map((entry) => entry.id).sort();
}

const filler = (count: number) =>
  Array.from({ length: count }, (_, n) => ({ title: `Catalogue note ${n + 1}`, body: `<p>Catalogue note number ${n + 1} lists item ${n + 1}.</p>` }));

test("every published article of every locale is imported, across pages; drafts are skipped; the agent answers from them at once", async () => {
  const { target, sim } = await withZendesk();
  const [dogs, draft, halfDraft] = await seed(sim, [
    {
      title: "Dogs in our stores",
      body: "<h1>Dogs in our stores</h1><p>Dogs on a <strong>leash</strong> are welcome in every Acme store.</p><p>Water bowls are at the entrance.</p>",
      translations: [{ locale: "fr", title: "Les chiens dans nos magasins", body: "<p>Les chiens en laisse sont les bienvenus dans tous les magasins Acme.</p>" }],
    },
    { title: "Winter sale (not yet announced)", body: "<p>Everything half price.</p>", draft: true },
    { title: "Bike fitting", body: "<p>Book a fitting in store.</p>", translations: [{ locale: "fr", title: "Réglage du vélo", body: "<p>Brouillon</p>", draft: true }] },
    // More than one page of 100: the import follows every page.
    ...filler(101),
  ]);

  const result = await imported(target);

  expect(result).toMatchObject({ locales: ["en-us", "fr"], added: 104, updated: 0, unchanged: 0, removed: 0 });
  expect(result.skipped).toEqual([
    { zendesk_id: draft?.id, locale: "en-us", title: "Winter sale (not yet announced)", reason: "it is a draft in Zendesk Guide" },
    { zendesk_id: halfDraft?.id, locale: "fr", title: "Réglage du vélo", reason: "it is a draft in Zendesk Guide" },
  ]);
  expect(await article(target, `zendesk-${dogs?.id}`)).toMatchObject({
    title: "Dogs in our stores",
    url: dogs?.html_url,
    locale: "en-us",
    translation_of: null,
    source: "api",
    imported_from: "zendesk-guide",
    body: "Dogs on a **leash** are welcome in every Acme store.\n\nWater bowls are at the entrance.",
  });
  expect(await article(target, `zendesk-${dogs?.id}-fr`)).toMatchObject({
    title: "Les chiens dans nos magasins",
    url: dogs?.translations.find((translation) => translation.locale === "fr")?.html_url,
    locale: "fr",
    translation_of: `zendesk-${dogs?.id}`,
  });
  expect(await article(target, `zendesk-${draft?.id}`)).toBeNull();
  expect(await article(target, `zendesk-${halfDraft?.id}-fr`)).toBeNull();
  expect(await article(target, `zendesk-${halfDraft?.id}`)).toMatchObject({ title: "Bike fitting" });
  // The knowledge folder's articles are still there.
  expect(await article(target, "returns-and-refunds")).toMatchObject({ source: "folder" });

  const ping = (await (await target.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-guide-001", user: {} }))).json()) as PingResponse;
  const auth = { Authorization: `Bearer ${ping.session.token}` };
  const started = (await (
    await target.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: "client-guide-1", text: "Can I bring my dog to the store?" }, auth))
  ).json()) as StartConversationResponse;
  await target.parley.outbox.idle();
  const history = (await (await target.request(`/v1/apps/${APP_ID}/conversations/${started.conversation.id}`, { headers: auth })).json()) as ConversationResponse;
  const answer = history.messages.find((message) => message.author.type === "ai" && message.citations.length > 0);
  expect(answer?.text).toMatch(/leash/);
  expect(answer?.citations).toEqual([{ title: "Dogs in our stores", url: dogs?.html_url }]);
});

test("importing again updates what changed, adds what is new, removes what is gone or became a draft, and touches nothing else", async () => {
  const { target, sim } = await withZendesk();
  const [changing, going, drafting, steady] = await seed(sim, [
    { title: "Store hours", body: "<p>Open 9 to 5.</p>" },
    { title: "Old promotion", body: "<p>Ended.</p>", translations: [{ locale: "de", title: "Alte Aktion", body: "<p>Beendet.</p>" }] },
    { title: "Rentals", body: "<p>Rent a tent.</p>" },
    { title: "Gift wrap", body: "<p>Free gift wrap.</p>" },
  ]);
  expect(await imported(target)).toMatchObject({ added: 5, skipped: [] });
  // The owner's own article, and one that happens to hold the id a new Zendesk article would take.
  for (const own of [
    { id: "dogs-in-stores", title: "Dogs in our stores", url: "/help/dogs-in-stores", body: "Dogs welcome." },
    { id: "zendesk-424242", title: "Written by hand", url: "/help/zendesk-424242", body: "Mine." },
  ]) {
    expect((await call(target, "POST", "/admin/api/articles", own)).status).toBe(201);
  }
  const examples = ["how late are you open"];
  expect((await call(target, "PUT", `/admin/api/articles/zendesk-${changing?.id}`, { title: "Store hours", url: changing?.html_url, html: "<p>Open 9 to 5.</p>", questions: examples })).status).toBe(200);

  await seed(sim, [
    { id: changing?.id, title: "Store hours", body: "<p>Open 8 to 8, every day.</p>" },
    { id: drafting?.id, title: "Rentals", body: "<p>Rent a tent.</p>", draft: true },
    { title: "Repairs", body: "<p>We fix zips.</p>" },
    { id: 424242, title: "Collides", body: "<p>Same id as the hand-written one.</p>" },
  ]);
  expect((await sim.fetch(new Request(`${SIMULATOR_URL}/__sim/help-center/articles/${going?.id}`, { method: "DELETE" }))).status).toBe(204);

  const again = await imported(target);

  expect(again).toMatchObject({ added: 1, updated: 1, unchanged: 1, removed: 3 });
  expect(again.skipped).toEqual([
    { zendesk_id: drafting?.id, locale: "en-us", title: "Rentals", reason: "it is a draft in Zendesk Guide" },
    { zendesk_id: 424242, locale: "en-us", title: "Collides", reason: 'its id "zendesk-424242" is already used by an article not imported from Zendesk Guide' },
  ]);
  // Updated in place, keeping the owner's example questions.
  expect(await article(target, `zendesk-${changing?.id}`)).toMatchObject({ body: "Open 8 to 8, every day.", questions: examples });
  expect(await article(target, `zendesk-${steady?.id}`)).toMatchObject({ title: "Gift wrap" });
  for (const gone of [`zendesk-${going?.id}`, `zendesk-${going?.id}-de`, `zendesk-${drafting?.id}`]) expect(await article(target, gone)).toBeNull();
  expect(await article(target, "dogs-in-stores")).toMatchObject({ body: "Dogs welcome.", imported_from: null });
  expect(await article(target, "zendesk-424242")).toMatchObject({ title: "Written by hand" });
  expect((await articleIds(target)).filter((id) => id.startsWith("zendesk-"))).toHaveLength(4);

  // Nothing changed in Zendesk: nothing changes here.
  expect(await imported(target)).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 3 });

  // An imported article the owner deleted, then wrote again by hand, is the owner's from then on.
  expect((await call(target, "DELETE", `/admin/api/articles/zendesk-${steady?.id}`)).status).toBe(204);
  const own = { id: `zendesk-${steady?.id}`, title: "Gift wrap, our way", url: "/help/gift-wrap", body: "Ask at the till." };
  expect((await call(target, "POST", "/admin/api/articles", own)).status).toBe(201);
  expect(await imported(target)).toMatchObject({ added: 0, removed: 0, skipped: expect.arrayContaining([expect.objectContaining({ zendesk_id: steady?.id })]) });
  expect(await article(target, `zendesk-${steady?.id}`)).toMatchObject({ title: "Gift wrap, our way", imported_from: null });
});

test("when Zendesk refuses the credentials, the import says so and changes nothing", async () => {
  const { target, sim } = await withZendesk({ ZENDESK_API_TOKEN: "not-the-sim-token" });
  await seed(sim, [{ title: "Store hours", body: "<p>Open 9 to 5.</p>" }]);
  const before = await articleIds(target);

  const response = await runImport(target);

  expect(response.status).toBe(502);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("zendesk_connection_failed");
  expect(body.error.message).toMatch(/Zendesk refused the credentials/);
  expect(body.error.message).toMatch(/Nothing was changed/);
  expect(await articleIds(target)).toEqual(before);
});

test("without a Zendesk connection the import says to connect one; without the admin token it is refused", async () => {
  server = await testParley({ PARLEY_ADMIN_TOKEN: TOKEN });
  const response = await runImport(server);
  expect(response.status).toBe(409);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/Zendesk is not connected/);
  expect((await call(server, "POST", "/admin/api/articles/import/zendesk-guide", undefined, null)).status).toBe(401);
});
