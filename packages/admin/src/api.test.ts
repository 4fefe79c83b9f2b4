import type { ArticleSummary } from "@parley/protocol";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { AdminApi, AdminApiError } from "./api";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api = new AdminApi("owner-token", "http://parley.test/admin/api");

const article: ArticleSummary = {
  id: "a",
  title: "A",
  url: "/help/a",
  locale: "en",
  translation_of: null,
  questions: ["How do I pay?"],
  source: "api",
  imported_from: null,
  updated_at: "2026-11-30T00:00:00Z",
};

test("every call carries the owner's token, and answers are read as the console expects them", async () => {
  server.use(
    http.get("http://parley.test/admin/api/articles", ({ request }) =>
      request.headers.get("Authorization") === "Bearer owner-token"
        ? HttpResponse.json({ articles: [article] })
        : HttpResponse.json({ error: { code: "unauthorized", message: "no" } }, { status: 401 }),
    ),
  );
  expect(await api.articles()).toEqual([article]);
});

test("a refusal keeps the server's words and each problem by field", async () => {
  server.use(
    http.post("http://parley.test/admin/api/articles", () =>
      HttpResponse.json(
        { error: { code: "invalid_request", message: "url: say where customers read the article", issues: [{ path: "url", message: "say where customers read the article" }] } },
        { status: 400 },
      ),
    ),
  );
  const refusal = await api.createArticle({ title: "T", url: "", body: "B" }).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(AdminApiError);
  expect(refusal).toMatchObject({ status: 400, code: "invalid_request", issues: [{ path: "url" }] });
});

test("an unreachable server and an unexpected answer are each said plainly", async () => {
  server.use(http.get("http://parley.test/admin/api/install", () => HttpResponse.error()));
  await expect(api.install()).rejects.toThrow(/cannot be reached/);
  server.use(http.get("http://parley.test/admin/api/install", () => HttpResponse.json({ app_id: 42 })));
  await expect(api.install()).rejects.toThrow(/not what this console expects/);
});

test("the hand-off choice and the outbox's retry send what the server reads, and a refusal keeps its reason", async () => {
  const sent: unknown[] = [];
  server.use(
    http.put("http://parley.test/admin/api/handoff", async ({ request }) => {
      const body = (await request.json()) as { mode: string };
      sent.push(body);
      return body.mode === "live"
        ? HttpResponse.json({ error: { code: "zendesk_connection_failed", message: "A live hand-off needs live chat: turn on multiple conversations.", issues: [{ path: "mode", message: "live_chat_unavailable" }] } }, { status: 409 })
        : HttpResponse.json({ mode: body.mode, office_hours: null, version: 3 });
    }),
    http.get("http://parley.test/admin/api/jobs", ({ request }) => HttpResponse.json({ jobs: [], status: new URL(request.url).searchParams.get("status") })),
  );
  expect(await api.setHandoff("ticket", null)).toEqual({ mode: "ticket", office_hours: null, version: 3 });
  await expect(api.setHandoff("live", null)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("multiple conversations") });
  expect(sent).toEqual([{ mode: "ticket" }, { mode: "live" }]);
  expect(await api.jobs("dead")).toEqual([]);
});

test("a Zendesk check's answer is read while waiting and once done", async () => {
  const expected = { external_id: "42", email: null };
  server.use(
    http.get("http://parley.test/admin/api/setup/validation/conv_1", () => HttpResponse.json({ status: "waiting", expected })),
    http.get("http://parley.test/admin/api/setup/validation/conv_2", () =>
      HttpResponse.json({
        status: "done",
        expected,
        requester: { id: 9, name: "Ada", email: null, external_id: "legacy-7" },
        ticket: { id: 5, url: null },
        matches: false,
        mismatches: ["external_id"],
        sent: { name: "Ada" },
      }),
    ),
  );
  expect(await api.validation("conv_1")).toEqual({ status: "waiting", expected });
  expect(await api.validation("conv_2")).toMatchObject({ status: "done", matches: false, mismatches: ["external_id"] });
});
