import type { SendMessageRequest } from "@parley/protocol";
import { waitFor } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, expect, test, vi } from "vitest";
import { useApiServer } from "../test/api-server";
import { userJwt } from "../test/jwt";
import { flakyRoute, hostPages } from "../test/offline-page";
import type { MessengerState } from "./models";

const { server, recorded } = useApiServer();
const KEY = "parley-demo-unsent";

const messages = flakyRoute<SendMessageRequest>(server, "conversations");
const { openPage, leave, closeAll } = hostPages();

function stored(): Array<{ clientId: string; text: string; owner?: string }> {
  return JSON.parse(localStorage.getItem(KEY) ?? "[]") as Array<{ clientId: string; text: string; owner?: string }>;
}

const sent = () => recorded.sends.map((send) => [send.body.text, send.authorization]);
const shown = (page: { state: MessengerState }) => page.state.outbox.pending.value.map((message) => message.text);
/** Long enough for a send that was going to happen to happen. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

afterEach(() => {
  closeAll();
  localStorage.clear();
  messages.reset();
  vi.restoreAllMocks();
});

test("a message typed offline is sent only as the user who typed it: another user's page neither shows nor sends it, and it goes when its user is back", async () => {
  messages.serve();
  messages.down = true;
  const ada = await openPage({ user_id: "u-1" });
  ada.session.send("Where is my order?");
  await waitFor(() => expect(messages.attempts.length).toBeGreaterThan(0));
  expect(stored()).toEqual([{ clientId: messages.attempts[0]?.client_id, text: "Where is my order?", owner: "u-1" }]);
  leave(ada);

  // A reload boots someone else without `shutdown`: Ada's message is not Bo's to see or send.
  messages.down = false;
  const bo = await openPage({ user_id: "u-2" });
  await settle();
  expect(recorded.sends).toEqual([]);
  expect(shown(bo)).toEqual([]);
  bo.session.send("Hello from Bo");
  await waitFor(() => expect(sent()).toEqual([["Hello from Bo", "Bearer token-u-2"]]));
  expect(stored().map((item) => [item.text, item.owner])).toEqual([["Where is my order?", "u-1"]]);
  leave(bo);

  await openPage({ user_id: "u-1" });
  await waitFor(() => expect(recorded.sends).toHaveLength(2));
  expect(sent()[1]).toEqual(["Where is my order?", "Bearer token-u-1"]);
  expect(recorded.sends[1]?.body.client_id).toBe(messages.attempts[0]?.client_id);
  await waitFor(() => expect(localStorage.getItem(KEY)).toBeNull());
});

test("on pages that name the user only with intercom_user_jwt, a message typed offline goes only as the user its token names", async () => {
  messages.serve();
  const ada = { intercom_user_jwt: userJwt({ user_id: "ada-1", exp: 4_102_444_800 }) };
  messages.down = true;
  const first = await openPage(ada);
  first.session.send("Where is my order?");
  await waitFor(() => expect(messages.attempts.length).toBeGreaterThan(0));
  expect(stored().map((item) => [item.text, item.owner])).toEqual([["Where is my order?", "ada-1"]]);
  leave(first);

  // A reload signs Bo in with his token, without `shutdown` (same browser, same visitor id).
  messages.down = false;
  const bo = await openPage({ intercom_user_jwt: userJwt({ user_id: "bo-2", exp: 4_102_444_800 }) });
  await settle();
  expect(recorded.sends).toEqual([]);
  expect(shown(bo)).toEqual([]);
  leave(bo);

  await openPage(ada);
  await waitFor(() => expect(sent()).toEqual([["Where is my order?", "Bearer token-ada-1"]]));
  expect(recorded.sends[0]?.body.client_id).toBe(messages.attempts[0]?.client_id);
  await waitFor(() => expect(localStorage.getItem(KEY)).toBeNull());
});

test("a malformed intercom_user_jwt does not stop a message being kept: it waits under the email, as without a token", async () => {
  // The server refuses the token, as a real one would.
  server.use(
    http.post("*/v1/apps/:app/ping", () =>
      HttpResponse.json({ error: { code: "identity_verification_failed", message: "intercom_user_jwt is not a well-formed JWT." } }, { status: 401 }),
    ),
  );
  vi.spyOn(console, "error").mockImplementation(() => {});
  const page = await openPage({ intercom_user_jwt: "not.a-jwt", email: "ada@example.com" });
  expect(() => page.session.send("Still here?")).not.toThrow();
  await waitFor(() => expect(stored().map((item) => [item.text, item.owner])).toEqual([["Still here?", "ada@example.com"]]));
  expect(recorded.sends).toEqual([]);
});

test("an anonymous visitor's offline message is not sent as the user the next page signs in", async () => {
  messages.serve();
  messages.down = true;
  const visitor = await openPage({});
  visitor.session.send("Do you ship abroad?");
  await waitFor(() => expect(messages.attempts.length).toBeGreaterThan(0));
  expect(stored()[0]?.owner).toBe("visitor-0001");
  leave(visitor);

  messages.down = false;
  const ada = await openPage({ email: "ada@example.com" });
  await settle();
  expect(recorded.sends).toEqual([]);
  leave(ada);

  await openPage({});
  await waitFor(() => expect(sent()).toEqual([["Do you ship abroad?", "Bearer token-visitor-0001"]]));
});

test("unsent messages stored without an owner (by an earlier version) are never sent, under any identity, and are dropped", async () => {
  messages.serve();
  localStorage.setItem(KEY, JSON.stringify([{ clientId: "11111111-1111-4111-8111-111111111111", text: "whose is this?" }]));
  const page = await openPage({ user_id: "u-2" });
  await settle();
  expect(recorded.sends).toEqual([]);
  expect(shown(page)).toEqual([]);
  expect(localStorage.getItem(KEY)).toBeNull();
  leave(page);

  localStorage.setItem(KEY, JSON.stringify([{ clientId: "22222222-2222-4222-8222-222222222222", text: "and this?" }]));
  await openPage({});
  await settle();
  expect(recorded.sends).toEqual([]);
});

test("after `update` names another user on the same page, the first user's waiting message leaves the line, is not sent as the new user, and goes when the first is back", async () => {
  messages.serve();
  messages.down = true;
  const page = await openPage({ user_id: "u-1" });
  page.session.send("Cancel my order");
  await waitFor(() => expect(messages.attempts.length).toBeGreaterThan(0));

  messages.down = false;
  page.state.settings.merge({ user_id: "u-2" });
  await page.session.ping();
  await settle();
  expect(recorded.sends).toEqual([]);
  expect(shown(page)).toEqual([]);
  expect(stored().map((item) => [item.text, item.owner])).toEqual([["Cancel my order", "u-1"]]);

  page.state.settings.merge({ user_id: "u-1" });
  await page.session.ping();
  await waitFor(() => expect(sent()).toEqual([["Cancel my order", "Bearer token-u-1"]]));
});

test("a message queued before the session chunk loaded (startConversation) is the booting user's, kept and sent as theirs", async () => {
  messages.serve();
  messages.down = true;
  const page = await openPage({ user_id: "u-1" }, (state) => state.outbox.enqueue({ clientId: "33333333-3333-4333-8333-333333333333", text: "Hi, early" }));
  await waitFor(() => expect(messages.attempts.length).toBeGreaterThan(0));
  expect(stored()).toEqual([{ clientId: "33333333-3333-4333-8333-333333333333", text: "Hi, early", owner: "u-1" }]);
  leave(page);

  messages.down = false;
  await openPage({ user_id: "u-1" });
  await waitFor(() => expect(sent()).toEqual([["Hi, early", "Bearer token-u-1"]]));
});
