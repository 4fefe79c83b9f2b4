import { findActiveMarkup, XSS_PAYLOADS } from "@parley/protocol/testing/xss";
import { render, screen } from "@testing-library/preact";
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

const retried: number[] = [];
const server = setupServer(
  http.get(`${BASE}/jobs`, ({ request }) =>
    HttpResponse.json({ jobs: new URL(request.url).searchParams.get("status") === "dead" ? [job(7, "dead", XSS_PAYLOADS[0]!)] : [job(8, "done", null)] }),
  ),
  http.post(`${BASE}/jobs/7/retry`, () => {
    retried.push(7);
    return HttpResponse.json({ job: job(7, "pending", null) });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

test("the outbox opens on the jobs that failed for good, shows their error as text, and retries one", async () => {
  const { container } = render(<Jobs api={new AdminApi("owner-token", BASE)} />);
  const retry = await screen.findByRole("button", { name: "Retry job 7" });
  expect(screen.getByRole("row", { name: /Create the Zendesk ticket/ })).toHaveTextContent("Failed for good");
  expect(container.textContent).toContain(XSS_PAYLOADS[0]!.trim());
  // The screen's own filter form aside, the jobs table holds no markup of what Zendesk said.
  expect(findActiveMarkup(screen.getByRole("table"))).toEqual([]);

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
