import { render, screen, within } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { AdminApi } from "../api";
import { Knowledge } from "./knowledge";

const BASE = "http://parley.test/admin/api";
const summary = (id: string, title: string, source: "folder" | "api", importedFrom: "zendesk-guide" | null = null) => ({
  id,
  title,
  url: `/help/${id}`,
  locale: "en",
  translation_of: null,
  questions: [],
  source,
  imported_from: importedFrom,
  updated_at: "2026-11-30T09:00:00Z",
});

/** The server's articles: the folder's, then what an import added. */
let articles = [summary("returns", "Returns and refunds", "folder")];
let imports = 0;
const server = setupServer(
  http.get(`${BASE}/articles`, () => HttpResponse.json({ articles })),
  http.post(`${BASE}/articles/import/zendesk-guide`, () => {
    imports++;
    articles = [...articles, summary("zendesk-360001", "Dogs in our stores", "api", "zendesk-guide")];
    return HttpResponse.json({
      import: {
        locales: ["en-us", "fr"],
        added: 1,
        updated: 2,
        unchanged: 5,
        removed: 1,
        skipped: [{ zendesk_id: 360002, locale: "en-us", title: "Winter sale", reason: "it is a draft in Zendesk Guide" }],
      },
    });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  articles = [summary("returns", "Returns and refunds", "folder")];
  imports = 0;
});
afterAll(() => server.close());

test("Import from Zendesk Guide shows what changed and what was not imported, and lists the new articles", async () => {
  render(<Knowledge api={new AdminApi("owner-token", BASE)} />);
  await screen.findByRole("button", { name: "Returns and refunds" });

  await userEvent.setup().click(screen.getByRole("button", { name: "Import from Zendesk Guide" }));

  expect(await screen.findByText("Imported from Zendesk Guide: 1 added, 2 updated, 1 removed, 5 unchanged, 1 skipped.")).toBeInTheDocument();
  expect(await screen.findByRole("row", { name: /Dogs in our stores/ })).toHaveTextContent("Zendesk Guide");
  const notImported = screen.getByText("Not imported (1)").closest("details");
  expect(notImported).not.toBeNull();
  expect(within(notImported as HTMLElement).getByText(/“Winter sale” \(en-us\): it is a draft in Zendesk Guide/)).toBeInTheDocument();
  expect(imports).toBe(1);
});

test("when Zendesk refuses, the server's words are shown and the list stays as it was", async () => {
  server.use(
    http.post(`${BASE}/articles/import/zendesk-guide`, () =>
      HttpResponse.json(
        { error: { code: "zendesk_connection_failed", message: "Zendesk refused the credentials of the connected account (401): connect Zendesk again with a working API token. Nothing was changed." } },
        { status: 502 },
      ),
    ),
  );
  render(<Knowledge api={new AdminApi("owner-token", BASE)} />);
  await screen.findByRole("button", { name: "Returns and refunds" });

  await userEvent.setup().click(screen.getByRole("button", { name: "Import from Zendesk Guide" }));

  expect(await screen.findByRole("alert")).toHaveTextContent(/Zendesk refused the credentials .* Nothing was changed\./);
  expect(screen.getByRole("button", { name: "Import from Zendesk Guide" })).toBeEnabled();
  expect(screen.queryByText(/Imported from Zendesk Guide/)).toBeNull();
  expect(screen.getAllByRole("row")).toHaveLength(2);
});
