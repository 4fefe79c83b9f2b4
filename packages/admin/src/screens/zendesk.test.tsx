import { render, screen, within } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { AdminApi } from "../api";
import { Zendesk } from "./zendesk";

const BASE = "http://parley.test/admin/api";

/** The account's messaging setting, as Zendesk would report it on the next check. */
let multiConversations = false;
let connected = false;
let checks = 0;
/** The setup state answers only once released: the moment after "Connect" that the console is still busy. */
let releaseSetup: () => void = () => {};
let setupAnswered = new Promise<void>((resolve) => (releaseSetup = resolve));

const connection = () => ({
  api: "conversations",
  subdomain: "acme",
  appId: "app_1",
  keyId: "key_1",
  auth: "jwt",
  connected: true,
  app: { id: "app_1", displayName: "Acme" },
  multiConversations,
  liveChat: multiConversations
    ? { available: true }
    : { available: false, reason: "Turn on multiple conversations in Admin Center.", manageUrl: "https://acme.zendesk.com/admin/channels/messaging" },
  checkedAt: "2026-12-07T02:00:00Z",
});

const server = setupServer(
  http.get(`${BASE}/handoff`, () => HttpResponse.json({ error: { message: "Not in this test." } }, { status: 503 })),
  http.get(`${BASE}/zendesk/support`, () => HttpResponse.json({ error: { message: "None made." } }, { status: 404 })),
  http.get(`${BASE}/zendesk/conversations`, () =>
    connected ? HttpResponse.json({ connection: connection() }) : HttpResponse.json({ error: { message: "None made." } }, { status: 404 }),
  ),
  http.put(`${BASE}/zendesk/conversations`, () => {
    connected = true;
    return HttpResponse.json({ connection: connection() });
  }),
  http.post(`${BASE}/zendesk/conversations/check`, () => {
    checks += 1;
    return HttpResponse.json({ connection: connection() });
  }),
  http.get(`${BASE}/setup`, async () => {
    await setupAnswered;
    return HttpResponse.json({ error: { message: "Not in this test." } }, { status: 503 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  multiConversations = false;
  connected = false;
  checks = 0;
  setupAnswered = new Promise<void>((resolve) => (releaseSetup = resolve));
});
afterAll(() => server.close());

test("Refresh is marked unavailable until connecting has finished, and then checks again and shows live chat ready", async () => {
  const user = userEvent.setup();
  render(<Zendesk api={new AdminApi("owner-token", BASE)} />);
  const live = screen.getByRole("form", { name: /Conversations API/ });
  await user.type(within(live).getByLabelText("Subdomain"), "acme");
  await user.type(within(live).getByLabelText("App ID"), "app_1");
  await user.type(within(live).getByLabelText("Key ID"), "key_1");
  await user.type(within(live).getByLabelText("Secret"), "secret");
  await user.click(within(live).getByRole("button", { name: "Connect" }));
  expect(await within(live).findByText("Multiple conversations are off in this Zendesk account.")).toBeTruthy();

  // The owner turns the setting on in Zendesk while the console still refreshes its setup steps.
  multiConversations = true;
  const refresh = within(live).getByRole("button", { name: "Refresh" });
  expect(refresh.getAttribute("aria-disabled")).toBe("true");
  await user.click(refresh);
  expect(checks).toBe(0);

  releaseSetup();
  await expect.poll(() => refresh.getAttribute("aria-disabled")).toBeNull();
  await user.click(refresh);
  expect(await within(live).findByText(/Live chat is ready/)).toBeTruthy();
  expect(checks).toBe(1);
});
