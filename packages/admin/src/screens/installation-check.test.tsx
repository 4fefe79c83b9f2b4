import { render, screen, within } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { AdminApi } from "../api";
import { InstallationCheck } from "./installation-check";

const BASE = "http://parley.test/admin/api";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const row = (origin: string, verification: string, counts: [number, number, number, number]) => ({
  origin,
  first_seen_at: "2026-11-29T10:00:00Z",
  last_seen_at: "2026-11-30T10:00:00Z",
  verification,
  counts: { verified: counts[0], failing: counts[1], not_sent: counts[2], anonymous: counts[3] },
});

test("each site the Messenger was seen on shows its verification with a tick or a warning, and its counts", async () => {
  server.use(
    http.get(`${BASE}/installation`, ({ request }) =>
      request.headers.get("Authorization") === "Bearer owner-token"
        ? HttpResponse.json({
            enforced: false,
            origins: [row("https://shop.example.com", "verified", [12, 0, 0, 40]), row("https://staging.example.com", "failing", [0, 3, 0, 0]), row("https://blog.example.com", "not_sent", [0, 0, 5, 1])],
          })
        : HttpResponse.json({ error: { code: "unauthorized", message: "no" } }, { status: 401 }),
    ),
  );
  render(<InstallationCheck api={new AdminApi("owner-token", BASE)} />);
  const table = await screen.findByRole("table");
  const rows = within(table).getAllByRole("row").slice(1).map((tr) => tr.textContent);
  expect(rows).toEqual([
    expect.stringMatching(/shop\.example\.com✓ Verified12 \/ 0 \/ 0 \/ 40/),
    expect.stringMatching(/staging\.example\.com⚠ Failing: user_hash or JWT does not match0 \/ 3 \/ 0 \/ 0/),
    expect.stringMatching(/blog\.example\.com⚠ Not sent: users are identified without user_hash0 \/ 0 \/ 5 \/ 1/),
  ]);
  expect(screen.getByText(/not enforced yet/)).toBeInTheDocument();
});

test("before any site pinged, it says so; a refusal is shown in the server's words", async () => {
  server.use(http.get(`${BASE}/installation`, () => HttpResponse.json({ enforced: true, origins: [] })));
  const first = render(<InstallationCheck api={new AdminApi("owner-token", BASE)} />);
  expect(await screen.findByText(/has not been seen on any site yet/)).toBeInTheDocument();
  expect(screen.getByText(/is enforced/)).toBeInTheDocument();
  first.unmount();

  server.use(http.get(`${BASE}/installation`, () => HttpResponse.json({ error: { code: "unauthorized", message: "The admin token is not valid." } }, { status: 401 })));
  render(<InstallationCheck api={new AdminApi("owner-token", BASE)} />);
  expect(await screen.findByRole("alert")).toHaveTextContent("The admin token is not valid.");
});

test("the owner switches enforcement on from the check, and sees it on", async () => {
  let enforced = false;
  const sent: unknown[] = [];
  server.use(
    http.get(`${BASE}/installation`, () => HttpResponse.json({ enforced, held_on_by_environment: false, origins: [] })),
    http.put(`${BASE}/identity/enforcement`, async ({ request }) => {
      const body = (await request.json()) as { enforce: boolean };
      sent.push(body);
      enforced = body.enforce;
      return HttpResponse.json({ identity: { enforced, setting: enforced, held_on_by_environment: false, secret_rotation: false } });
    }),
  );
  render(<InstallationCheck api={new AdminApi("owner-token", BASE)} />);
  await userEvent.setup().click(await screen.findByRole("button", { name: "Enforce identity verification" }));
  expect(await screen.findByText(/is enforced/)).toBeInTheDocument();
  expect(sent).toEqual([{ enforce: true }]);
  expect(screen.getByRole("button", { name: "Stop enforcing identity verification" })).toBeInTheDocument();
});
