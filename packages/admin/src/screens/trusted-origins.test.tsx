import { render, screen, within } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { AdminApi, AdminApiError } from "../api";
import { refusal, TrustedOriginsEditor } from "./trusted-origins";

const BASE = "http://parley.test/admin/api";
const SHAPE = "an origin such as https://shop.example.com or https://*.example.com (no path)";

// A stand-in for the server's route: it refuses an origin with a path, or an empty list, as the real one does.
let stored: string[] | null = null;
let environment: string[] | null = null;
const sent: unknown[] = [];
const answer = () =>
  HttpResponse.json({ trusted_origins: { allowed_origins: environment ?? stored, setting: stored, held_by_environment: environment !== null } });
const server = setupServer(
  http.get(`${BASE}/identity/origins`, answer),
  http.put(`${BASE}/identity/origins`, async ({ request }) => {
    const body = (await request.json()) as { allowed_origins: string[] | null };
    sent.push(body.allowed_origins);
    const bad = body.allowed_origins?.findIndex((origin) => !/^https?:\/\/[^/]+$/.test(origin)) ?? -1;
    if (bad >= 0) {
      const path = `allowed_origins.${bad}`;
      return HttpResponse.json({ error: { code: "invalid_request", message: `${path}: ${SHAPE}`, issues: [{ path, message: SHAPE }] } }, { status: 400 });
    }
    stored = body.allowed_origins?.map((origin) => origin.toLowerCase()) ?? null;
    return answer();
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  stored = null;
  environment = null;
  sent.length = 0;
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const renderEditor = () => render(<TrustedOriginsEditor api={new AdminApi("owner-token", BASE)} />);

test("from any site, the owner lists two sites, sees a refused one named with the server's reason, removes one and allows any site again", async () => {
  renderEditor();
  expect(await screen.findByText(/can run the Messenger now/)).toHaveTextContent("Any site can run the Messenger now.");
  expect(screen.getByRole("textbox", { name: "Site to trust" })).toHaveAccessibleDescription(/The first site you add shuts every other site out/);
  const user = userEvent.setup();
  const field = screen.getByRole("textbox", { name: "Site to trust" });

  await user.type(field, "https://shop.example.com/cart{Enter}");
  expect(await screen.findByRole("alert")).toHaveTextContent(`“https://shop.example.com/cart” was refused: ${SHAPE}.`);
  expect(field).toHaveAttribute("aria-invalid", "true");
  expect(field).toHaveAccessibleDescription(/was refused/);
  // Nothing the owner typed is lost: they fix it in place.
  expect(field).toHaveValue("https://shop.example.com/cart");
  expect(stored).toBeNull();

  await user.clear(field);
  await user.type(field, "https://Shop.example.com{Enter}");
  const list = await screen.findByRole("list", { name: "Trusted sites" });
  expect(within(list).getByText("https://shop.example.com")).toBeInTheDocument();
  expect(screen.getByRole("status")).toHaveTextContent("Only https://shop.example.com can run the Messenger now: every other site is refused.");
  expect(field).toHaveValue("");
  expect(field).toHaveAttribute("aria-invalid", "false");
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();

  await user.type(field, "https://*.example.com");
  await user.click(screen.getByRole("button", { name: "Add site" }));
  await expect.poll(() => within(list).queryAllByRole("listitem").map((item) => item.querySelector("code")?.textContent)).toEqual([
    "https://shop.example.com",
    "https://*.example.com",
  ]);

  await user.click(screen.getByRole("button", { name: "Remove https://shop.example.com" }));
  await expect.poll(() => stored).toEqual(["https://*.example.com"]);
  expect(screen.getByRole("status")).toHaveTextContent("https://shop.example.com was removed");
  // The removed button is gone; the keyboard stays in the editor.
  expect(field).toHaveFocus();

  await user.click(screen.getByRole("button", { name: "Allow any site" }));
  expect(await screen.findByText(/can run the Messenger now/, { selector: "p:not([role])" })).toHaveTextContent("Any site can run the Messenger now.");
  expect(stored).toBeNull();
  expect(sent).toEqual([["https://shop.example.com/cart"], ["https://Shop.example.com"], ["https://shop.example.com", "https://*.example.com"], ["https://*.example.com"], null]);
});

test("the last site cannot be removed (that would lock every site out): the owner is told what to do instead", async () => {
  stored = ["https://shop.example.com"];
  renderEditor();
  await userEvent.setup().click(await screen.findByRole("button", { name: "Remove https://shop.example.com" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Add another site first, or allow any site.");
  expect(sent).toEqual([]);
  expect(screen.getByRole("list", { name: "Trusted sites" })).toHaveTextContent("https://shop.example.com");
});

test("a list the environment holds is shown without controls, naming the variable", async () => {
  environment = ["https://shop.example.com"];
  renderEditor();
  expect(await screen.findByRole("list", { name: "Trusted sites" })).toHaveTextContent("https://shop.example.com");
  expect(screen.getByText(/Held by PARLEY_ALLOWED_ORIGINS/)).toBeInTheDocument();
  expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
  expect(screen.queryByRole("button")).not.toBeInTheDocument();
});

test("a refusal without an origin to name (the environment took over meanwhile) is shown in the server's words", () => {
  const conflict = new AdminApiError(409, "forbidden", "PARLEY_ALLOWED_ORIGINS sets the trusted origins: change it there, or unset it to manage them here.");
  expect(refusal(conflict, ["https://shop.example.com"])).toBe(conflict.message);
  const bad = new AdminApiError(400, "invalid_request", "allowed_origins.1: x", [{ path: "allowed_origins.1", message: "x" }]);
  expect(refusal(bad, ["https://a.example", "ftp://b.example"])).toBe("“ftp://b.example” was refused: x.");
});
