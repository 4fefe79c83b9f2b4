import { findActiveMarkup, XSS_PAYLOADS } from "@parley/protocol/testing/xss";
import { render, screen, within } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { AdminApi } from "../api";
import { Jobs } from "./jobs";

const BASE = "http://parley.test/admin/api";
const job = (id: number, status: "pending" | "done" | "dead", lastError: string | null) => ({
  id,
  conversation_id: `conv_${id}`,
  lane: "zendesk",
  type: "zendesk.ticket.create",
  status,
  running: false,
  attempts: status === "dead" ? 10 : 1,
  next_attempt_at: "2026-11-30T00:00:00Z",
  last_error: lastError,
  created_at: "2026-11-30T00:00:00Z",
  updated_at: "2026-11-30T00:00:00Z",
});

const timer = (id: number, status: "pending" | "fired" | "cancelled" | "dead", lastError: string | null) => ({
  id,
  conversation_id: `conv_t${id}`,
  kind: "clarify",
  status,
  running: false,
  attempts: status === "dead" ? 10 : 0,
  due_at: "2026-11-30T09:03:00Z",
  next_attempt_at: null,
  last_error: lastError,
  created_at: "2026-11-30T09:00:00Z",
  updated_at: "2026-11-30T09:30:00Z",
});

const retried: number[] = [];
const retriedTimers: number[] = [];
/** The timers the server has: one dead until it is run again, when it becomes pending (and fires). */
let timers = [timer(3, "dead", "Error: database is locked")];
const server = setupServer(
  http.get(`${BASE}/jobs`, ({ request }) =>
    HttpResponse.json({ jobs: new URL(request.url).searchParams.get("status") === "dead" ? [job(7, "dead", XSS_PAYLOADS[0]!)] : [job(8, "done", null)] }),
  ),
  http.post(`${BASE}/jobs/7/retry`, () => {
    retried.push(7);
    return HttpResponse.json({ job: job(7, "pending", null) });
  }),
  http.get(`${BASE}/timers`, ({ request }) => {
    const status = new URL(request.url).searchParams.get("status");
    return HttpResponse.json({ timers: timers.filter((item) => status === null || item.status === status) });
  }),
  http.post(`${BASE}/timers/3/retry`, () => {
    retriedTimers.push(3);
    timers = [timer(3, "fired", null)];
    return HttpResponse.json({ timer: timer(3, "pending", null) });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  timers = [timer(3, "dead", "Error: database is locked")];
  retriedTimers.length = 0;
});
afterAll(() => server.close());

test("the outbox opens on the jobs that failed for good, shows their error as text, and retries one", async () => {
  const { container } = render(<Jobs api={new AdminApi("owner-token", BASE)} />);
  const retry = await screen.findByRole("button", { name: "Retry job 7" });
  expect(screen.getByRole("row", { name: /Create the Zendesk ticket/ })).toHaveTextContent("Failed for good");
  expect(container.textContent).toContain(XSS_PAYLOADS[0]!.trim());
  // The screen's own filter form aside, the jobs table holds no markup of what Zendesk said.
  expect(findActiveMarkup(screen.getByRole("table", { name: "Jobs" }))).toEqual([]);

  await userEvent.setup().click(retry);
  expect(await screen.findByText("Job 7 will run again now.")).toBeInTheDocument();
  expect(retried).toEqual([7]);
});

test("a job the server will not run again says why", async () => {
  server.use(
    http.post(`${BASE}/jobs/7/retry`, () =>
      HttpResponse.json({ error: { code: "job_not_retryable", message: "Only a dead job, or one waiting for its next attempt, can be run again." } }, { status: 409 }),
    ),
  );
  render(<Jobs api={new AdminApi("owner-token", BASE)} />);
  await userEvent.setup().click(await screen.findByRole("button", { name: "Retry job 7" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Only a dead job");
});

test("a timer that failed for good is listed under Timers with its error; retried, its row leaves the failed ones", async () => {
  render(<Jobs api={new AdminApi("owner-token", BASE)} />);
  const table = await screen.findByRole("table", { name: "Timers" });
  const row = within(table).getByRole("row", { name: /Hand off after no reply/ });
  expect(row).toHaveTextContent("Failed for good");
  expect(row).toHaveTextContent("Error: database is locked");
  expect(row).toHaveTextContent("conv_t3");

  await userEvent.setup().click(within(row).getByRole("button", { name: "Retry timer 3" }));
  expect(await screen.findByText("Timer 3 will run again now.")).toBeInTheDocument();
  expect(retriedTimers).toEqual([3]);
  // Reloaded: it fired, so nothing is left under "Failed for good"; "Done" shows it fired.
  expect(await screen.findByText("No timer here: none has failed for good.")).toBeInTheDocument();
  expect(screen.queryByRole("table", { name: "Timers" })).not.toBeInTheDocument();
  const user = userEvent.setup();
  await user.selectOptions(screen.getByLabelText("Show"), "Done");
  await user.click(screen.getByRole("button", { name: "Refresh" }));
  const done = await screen.findByRole("table", { name: "Timers" });
  expect(within(done).getByRole("row", { name: /#3/ })).toHaveTextContent("Done");
  expect(within(done).queryByRole("button", { name: "Retry timer 3" })).not.toBeInTheDocument();
});

test("a timer the server will not run again says why", async () => {
  server.use(
    http.post(`${BASE}/timers/3/retry`, () =>
      HttpResponse.json(
        { error: { code: "timer_not_retryable", message: "Only a dead timer, or one waiting for its next attempt after a failure, can be run again." } },
        { status: 409 },
      ),
    ),
  );
  render(<Jobs api={new AdminApi("owner-token", BASE)} />);
  await userEvent.setup().click(await screen.findByRole("button", { name: "Retry timer 3" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Only a dead timer");
});
