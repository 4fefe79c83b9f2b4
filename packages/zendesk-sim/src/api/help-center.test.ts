import { expect, test } from "vitest";
import { apiClient, BASE, basicAuth, testSimulator } from "../test-client";

async function seed(api: ReturnType<typeof apiClient>, body: unknown) {
  const response = await api("POST", "/__sim/help-center/articles", body);
  if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${response.text}`);
  return response.body.articles as { id: number; html_url: string; translations: { locale: string }[] }[];
}

function titled(count: number, prefix = "Article") {
  return Array.from({ length: count }, (_, n) => ({ title: `${prefix} ${n + 1}`, body: `<p>Text ${n + 1}</p>` }));
}

test("articles are listed 30 a page by offset, following next_page to the end", async () => {
  const { api } = testSimulator();
  await seed(api, { articles: titled(65) });

  const first = await api("GET", "/api/v2/help_center/articles.json");
  expect(first.status).toBe(200);
  expect(first.body.articles).toHaveLength(30);
  expect(first.body.count).toBe(65);
  expect(first.body.next_page).toBe(`${BASE}/api/v2/help_center/articles.json?page=2&per_page=30`);
  const third = await api("GET", "/api/v2/help_center/articles.json?page=3&per_page=30");
  expect(third.body.articles.map((a: { title: string }) => a.title)).toEqual(["Article 61", "Article 62", "Article 63", "Article 64", "Article 65"]);
  expect(third.body.next_page).toBeNull();
  expect(third.body.articles[0]).toMatchObject({
    locale: "en-us",
    source_locale: "en-us",
    draft: false,
    body: "<p>Text 61</p>",
    url: expect.stringMatching(/^http:\/\/sim\.test\/api\/v2\/help_center\/en-us\/articles\/\d+\.json$/),
    html_url: expect.stringMatching(/^http:\/\/sim\.test\/hc\/en-us\/articles\/\d+-Article-61$/),
    label_names: [],
  });
});

test("with page[size] the list pages by cursor: meta.has_more and links.next", async () => {
  const { api } = testSimulator();
  await seed(api, { articles: titled(5) });

  const first = await api("GET", "/api/v2/help_center/en-us/articles.json?page[size]=2");
  expect(first.body.articles.map((a: { title: string }) => a.title)).toEqual(["Article 1", "Article 2"]);
  expect(first.body.meta).toMatchObject({ has_more: true });
  expect(first.body).not.toHaveProperty("next_page");
  const seen: string[] = [];
  let next: string | null = `/api/v2/help_center/en-us/articles.json?page[size]=2`;
  while (next) {
    const page = await api("GET", next.replace(BASE, ""));
    seen.push(...page.body.articles.map((a: { title: string }) => a.title));
    next = page.body.meta.has_more ? page.body.links.next : null;
  }
  expect(seen).toEqual(["Article 1", "Article 2", "Article 3", "Article 4", "Article 5"]);
});

test("each locale lists its own translations; the locales endpoint names them, the default first", async () => {
  const { api } = testSimulator();
  const [article] = await seed(api, {
    articles: [
      {
        title: "Returns",
        body: "<p>Return within 30 days.</p>",
        translations: [
          { locale: "fr", title: "Retours", body: "<p>Retour sous 30 jours.</p>" },
          { locale: "de", title: "Rücksendungen", body: "<p>Entwurf</p>", draft: true },
        ],
      },
      { title: "Only English", body: "<p>x</p>" },
    ],
  });

  expect((await api("GET", "/api/v2/help_center/locales.json")).body).toEqual({ locales: ["en-us", "de", "fr"], default_locale: "en-us" });
  const french = await api("GET", "/api/v2/help_center/fr/articles.json");
  expect(french.body.articles).toEqual([
    expect.objectContaining({ id: article?.id, locale: "fr", source_locale: "en-us", title: "Retours", html_url: `${BASE}/hc/fr/articles/${article?.id}-Retours` }),
  ]);
  // Agents see drafts, marked as such.
  const german = await api("GET", "/api/v2/help_center/de/articles.json");
  expect(german.body.articles).toEqual([expect.objectContaining({ title: "Rücksendungen", draft: true })]);
  expect((await api("GET", "/api/v2/help_center/en-us/articles.json")).body.count).toBe(2);
});

test("a seeded id replaces that article; a deleted one is gone from every locale", async () => {
  const { api } = testSimulator();
  const [article] = await seed(api, { articles: [{ title: "Shipping", body: "<p>3 days</p>", translations: [{ locale: "fr", title: "Livraison", body: "<p>3 jours</p>" }] }] });
  await seed(api, { articles: [{ id: article?.id, title: "Shipping", body: "<p>2 days</p>", updated_at: "2026-03-03T09:00:00Z" }] });

  const listed = await api("GET", "/api/v2/help_center/articles.json");
  expect(listed.body.articles).toEqual([expect.objectContaining({ id: article?.id, body: "<p>2 days</p>", updated_at: "2026-03-03T09:00:00Z" })]);
  expect((await api("GET", "/api/v2/help_center/fr/articles.json")).body.articles).toEqual([]);

  expect((await api("DELETE", `/__sim/help-center/articles/${article?.id}`)).status).toBe(204);
  expect((await api("GET", "/api/v2/help_center/articles.json")).body).toMatchObject({ articles: [], count: 0, next_page: null });
  expect((await api("DELETE", `/__sim/help-center/articles/${article?.id}`)).status).toBe(404);
});

test("without .json, for a locale the help center lacks, or without credentials, Zendesk's errors", async () => {
  const { sim, api } = testSimulator();
  await seed(api, { articles: titled(1) });

  expect(await api("GET", "/api/v2/help_center/articles")).toMatchObject({ status: 404, body: { error: "InvalidEndpoint" } });
  expect(await api("GET", "/api/v2/help_center/ja/articles.json")).toMatchObject({ status: 404, body: { error: "RecordNotFound" } });
  const stranger = apiClient(sim, basicAuth(sim.credentials.email, "wrong-token"));
  const refused = await stranger("GET", "/api/v2/help_center/articles.json");
  expect(refused).toMatchObject({ status: 401, body: { error: "Couldn't authenticate you" } });
  expect(refused.headers.get("x-rate-limit-remaining")).not.toBeNull();
});

test("the Help Center API counts against the account's per-minute rate limit", async () => {
  const { api } = testSimulator({ rateLimitPerMinute: 2 });
  expect((await api("GET", "/api/v2/help_center/articles.json")).status).toBe(200);
  expect((await api("GET", "/api/v2/users/me.json")).status).toBe(200);
  const limited = await api("GET", "/api/v2/help_center/articles.json");
  expect(limited).toMatchObject({ status: 429, body: { error: "APIRateLimitExceeded" } });
  expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
});

test("a seed with a bad locale or no title is refused and changes nothing", async () => {
  const { api } = testSimulator();
  const bad = await api("POST", "/__sim/help-center/articles", { articles: [{ title: "", body: "x" }, { title: "Ok", body: "x", locale: "not a locale" }] });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toMatch(/articles\.0\.title/);
  expect((await api("GET", "/api/v2/help_center/articles.json")).body.count).toBe(0);
});

test("an article's translations are listed with the source locale's, drafts included; an unknown article is a 404", async () => {
  const { api } = testSimulator();
  const [article] = await seed(api, {
    articles: [{ title: "Returns", body: "<p>30 days.</p>", translations: [{ locale: "fr", title: "Retours", body: "<p>30 jours.</p>", draft: true }] }],
  });

  const listed = await api("GET", `/api/v2/help_center/articles/${article?.id}/translations.json`);
  expect(listed.status).toBe(200);
  expect(listed.body.translations).toEqual([
    expect.objectContaining({ source_id: article?.id, source_type: "Article", locale: "en-us", title: "Returns", draft: false }),
    expect.objectContaining({ source_id: article?.id, locale: "fr", title: "Retours", body: "<p>30 jours.</p>", draft: true }),
  ]);
  expect(listed.body.translations[0].id).not.toBe(listed.body.translations[1].id);
  expect(listed.body).toMatchObject({ count: 2, next_page: null });
  expect(await api("GET", "/api/v2/help_center/articles/42/translations.json")).toMatchObject({ status: 404, body: { error: "RecordNotFound" } });
});
