import { ClientId } from "@parley/protocol";
import { fireEvent, waitFor } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { expect, test, vi } from "vitest";
import { API, useApiServer } from "./test/api-server";
import { message, pingResponse } from "./test/fixtures";
import { messengerRoot, startMessenger, testWindow, ui } from "./test/harness";

const { server, recorded, answers } = useApiServer();

test("boots from window.intercomSettings without a queued boot and pings once", async () => {
  const { intercom } = startMessenger({
    settings: { app_id: "demo", user_id: 42, email: "ada@example.com", plan: "pro" },
  });

  expect(intercom.booted).toBe(true);
  expect(ui().getByRole("button", { name: "Open Messenger" })).toBeInTheDocument();
  await waitFor(() => expect(recorded.pings).toHaveLength(1));
  const ping = recorded.pings[0]!;
  expect(ping.url).toBe(`${API}/v1/apps/demo/ping`);
  expect(ping.body.user).toMatchObject({
    user_id: "42",
    email: "ada@example.com",
    attributes: { plan: "pro" },
  });
  expect(ping.body.visitor_id).toBe(intercom("getVisitorId"));
  expect(ping.body.page?.url).toBe(window.location.href);
});

test("does not boot without app_id, and boots on an update that carries app_id", async () => {
  const { intercom } = startMessenger();
  expect(intercom.booted).toBe(false);
  expect(messengerRoot()).toBeNull();

  intercom("update", { app_id: "demo", name: "Ada" });

  expect(intercom.booted).toBe(true);
  await waitFor(() => expect(recorded.pings).toHaveLength(1));
  expect(recorded.pings[0]!.body.user.name).toBe("Ada");
});

test("calls made before boot wait for it instead of being dropped", async () => {
  const { intercom } = startMessenger();
  intercom("show");
  intercom("boot", { app_id: "demo" });

  expect(await ui().findByRole("dialog", { name: "Messenger" })).toBeInTheDocument();
});

test("update merges settings and pings again with them", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo", name: "Ada" } });
  await waitFor(() => expect(recorded.pings).toHaveLength(1));

  intercom("update", { email: "ada@example.com" });

  await waitFor(() => expect(recorded.pings).toHaveLength(2));
  expect(recorded.pings[1]!.body.user).toMatchObject({ name: "Ada", email: "ada@example.com" });
});

test("getVisitorId answers synchronously with a stable, URL-safe id kept per app", () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });

  const id = intercom("getVisitorId");

  expect(typeof id).toBe("string");
  expect(ClientId.safeParse(id).success).toBe(true);
  expect(intercom("getVisitorId")).toBe(id);
  expect(localStorage.getItem("parley-demo-visitor")).toBe(id);
});

test("onUnreadCountChange fires at once, on each new reply while closed, and on opening", async () => {
  answers.ping = () => pingResponse({ conversations: [{ ...conversationSummary(), last_message: null }] });
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  const counts: number[] = [];
  intercom("onUnreadCountChange", (count: number) => counts.push(count));
  expect(counts).toEqual([0]);

  await waitFor(() => expect(sources.all).toHaveLength(1));
  sources.latest().open();
  sources.latest().emit({ type: "message", message: message({ author: { type: "agent", name: "Sam" } }) }, "101");
  sources.latest().emit({ type: "message", message: message({ author: { type: "ai" } }) }, "102");
  expect(counts).toEqual([0, 1, 2]);
  expect(await ui().findByText("2 unread messages")).toBeInTheDocument();

  intercom("show");
  expect(counts).toEqual([0, 1, 2, 0]);
});

test("onShow and onHide fire for show/hide and for launcher clicks", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  const events: string[] = [];
  intercom("onShow", () => events.push("show"));
  intercom("onHide", () => events.push("hide"));

  intercom("show");
  intercom("hide");
  const user = userEvent.setup();
  await user.click(ui().getByRole("button", { name: "Open Messenger" }));
  await user.click(ui().getByRole("button", { name: "Close Messenger" }));

  expect(events).toEqual(["show", "hide", "show", "hide"]);
});

test("shutdown clears the visitor, the messages and the UI; the next boot starts clean, with the page's callbacks kept", async () => {
  answers.ping = () => pingResponse({ conversations: [{ ...conversationSummary(), last_message: null }] });
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  const firstVisitor = intercom("getVisitorId");
  await waitFor(() => expect(sources.all).toHaveLength(1));
  sources.latest().emit({ type: "message", message: message({ text: "Secret answer" }) }, "101");
  const listener = vi.fn();
  intercom("onShow", listener);

  intercom("shutdown");

  expect(intercom.booted).toBe(false);
  expect(typeof testWindow.Intercom).toBe("function");
  expect(messengerRoot()).toBeNull();
  expect(sources.latest().closed).toBe(true);
  expect(localStorage.getItem("parley-demo-visitor")).toBeNull();

  answers.ping = () => pingResponse();
  intercom("boot", { app_id: "demo" });
  intercom("show");
  await ui().findByRole("dialog", { name: "Messenger" });
  expect(ui().queryByText("Secret answer")).toBeNull();
  // Pages register callbacks once and then log in and out: they outlive a shutdown.
  expect(listener).toHaveBeenCalledTimes(1);
  expect(intercom("getVisitorId")).not.toBe(firstVisitor);
  await waitFor(() => expect(recorded.pings.at(-1)?.body.visitor_id).toBe(intercom("getVisitorId")));
});

test("a page that registers its callbacks again after shutdown (react-use-intercom does on every boot) has them called once, not once per boot", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  const shownBefore = vi.fn();
  const hiddenBefore = vi.fn();
  const unreadBefore = vi.fn();
  intercom("onShow", shownBefore);
  intercom("onHide", hiddenBefore);
  intercom("onUnreadCountChange", unreadBefore);

  intercom("shutdown");
  const shown = vi.fn();
  const alsoShown = vi.fn();
  const unread = vi.fn();
  intercom("onShow", shown);
  intercom("onShow", alsoShown);
  intercom("onUnreadCountChange", unread);
  intercom("boot", { app_id: "demo" });
  intercom("show");
  await ui().findByRole("dialog", { name: "Messenger" });
  intercom("hide");

  expect(shownBefore).not.toHaveBeenCalled();
  expect(shown).toHaveBeenCalledTimes(1);
  expect(alsoShown).toHaveBeenCalledTimes(1);
  expect(unreadBefore).toHaveBeenCalledTimes(1); // at its own registration only
  expect(unread).toHaveBeenCalledTimes(1);
  // A kind the page did not register again is kept.
  expect(hiddenBefore).toHaveBeenCalledTimes(1);
});

test("unknown commands warn and return nothing instead of throwing", () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });

  expect(() => intercom("doTheImpossible", 1, 2)).not.toThrow();
  expect(intercom("doTheImpossible")).toBeUndefined();
  expect(warn).toHaveBeenCalledWith(expect.stringContaining("[Parley] Unknown command Intercom('doTheImpossible')"));
  warn.mockRestore();
});

test("a host callback that throws neither reaches the page nor breaks the widget", async () => {
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("onShow", () => {
    throw new Error("host bug");
  });
  const later = vi.fn();
  intercom("onShow", later);

  expect(() => intercom("show")).not.toThrow();

  expect(await ui().findByRole("dialog", { name: "Messenger" })).toBeInTheDocument();
  expect(later).toHaveBeenCalledTimes(1);
  expect(error).toHaveBeenCalledWith(expect.stringContaining("[Parley]"), expect.any(Error));
  error.mockRestore();
});

test("a 401 ping keeps the launcher, shows a friendly message and logs the reason once", async () => {
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  answers.ping = () =>
    HttpResponse.json(
      { error: { code: "identity_verification_failed", message: "bad user_hash" } },
      { status: 401 },
    );
  const { intercom } = startMessenger({
    settings: { app_id: "demo", user_id: "u1", user_hash: "0".repeat(64) },
  });
  await waitFor(() => expect(error).toHaveBeenCalledTimes(1));

  intercom("update", { name: "Ada" });
  intercom("show");

  const dialog = await ui().findByRole("dialog", { name: "Messenger" });
  expect(dialog).toHaveTextContent(
    "We couldn't start the chat. Please refresh the page or try again later.",
  );
  fireEvent.click(ui().getByRole("button", { name: "Send us a message" }));
  expect(await ui().findByRole("alert")).toHaveTextContent("We couldn't start the chat.");
  expect(ui().getByRole("textbox", { name: "Message" })).toBeDisabled();
  expect(ui().getByRole("button", { name: "Close Messenger" })).toBeInTheDocument();
  await waitFor(() => expect(recorded.pings).toHaveLength(2));
  expect(error).toHaveBeenCalledTimes(1);
  expect(error.mock.calls[0]![0]).toMatch(/\[Parley\].*identity verification failed/);
  error.mockRestore();
});

test("a refused identity reaches the page's onError callback with the server's reason", async () => {
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  answers.ping = () =>
    HttpResponse.json(
      { error: { code: "identity_verification_required", message: "Identity verification is on: send user_hash." } },
      { status: 401 },
    );
  const { intercom } = startMessenger({ settings: { app_id: "demo", user_id: "u1" } });
  const onError = vi.fn();
  intercom("onError", onError);

  await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
  expect(onError).toHaveBeenCalledWith({
    status: 401,
    code: "identity_verification_required",
    message: "Identity verification is on: send user_hash.",
  });
  expect(error.mock.calls[0]![0]).toMatch(/\[Parley\].*identity verification is required/);
  error.mockRestore();
});

test("a ping answered with a notice (an unproven claim on a verified user) is logged once", async () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  answers.ping = () =>
    pingResponse({ notice: { code: "identity_separated", message: "This ping names user_id \"u1\" without user_hash." } });
  const { intercom } = startMessenger({ settings: { app_id: "demo", user_id: "u1" } });
  await waitFor(() => expect(recorded.pings).toHaveLength(1));
  intercom("update", { name: "Ada" });
  await waitFor(() => expect(recorded.pings).toHaveLength(2));
  const notices = warn.mock.calls.filter((call) => String(call[0]).includes("without user_hash"));
  expect(notices).toHaveLength(1);
  expect(notices[0]![0]).toMatch(/^\[Parley\]/);
  warn.mockRestore();
});

test("a ping that cannot reach the server shows the same friendly message", async () => {
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  server.use(http.post("*/v1/apps/:app/ping", () => HttpResponse.error()));
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });

  intercom("show");

  expect(await ui().findByRole("alert")).toHaveTextContent("We couldn't start the chat.");
  expect(error).toHaveBeenCalledWith(expect.stringMatching(/could not be reached/));
  error.mockRestore();
});

test("an Intercom api_base is replaced by the baked address; any other api_base is honoured", async () => {
  const first = startMessenger({
    settings: { app_id: "demo", api_base: "https://api-iam.eu.intercom.io" },
  });
  await waitFor(() => expect(recorded.pings).toHaveLength(1));
  expect(recorded.pings[0]!.url).toBe(`${API}/v1/apps/demo/ping`);
  first.intercom("shutdown");

  startMessenger({ settings: { app_id: "demo", api_base: "https://chat.example.com/" } });
  await waitFor(() => expect(recorded.pings).toHaveLength(2));
  expect(recorded.pings[1]!.url).toBe("https://chat.example.com/v1/apps/demo/ping");
});

test("history of the open conversation from the ping is loaded and shown", async () => {
  const answer = message({ text: "Earlier answer" });
  answers.ping = () =>
    pingResponse({ conversations: [{ ...conversationSummary(), last_message: answer }] });
  server.use(
    http.get("*/v1/apps/:app/conversations/:id", () =>
      HttpResponse.json({
        conversation: { ...conversationSummary(), status: "team" },
        messages: [
          message({ text: "Earlier question", author: { type: "customer" } }),
          answer,
        ],
      }),
    ),
  );
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("show");

  // Home shows the latest message; the card opens the whole conversation.
  const recent = await ui().findByRole("button", { name: "Continue the conversation" });
  expect(recent.closest(".parley-card")).toHaveTextContent("Earlier answer");
  fireEvent.click(recent);
  expect(await ui().findByText("Earlier question")).toBeInTheDocument();
  expect(ui().getAllByText("Earlier answer")).toHaveLength(1);
  expect(ui().getByText(/The team will reply here/)).toBeInTheDocument();
});

function conversationSummary() {
  return {
    id: "conv_1",
    status: "ai" as const,
    version: 1,
    created_at: "2025-06-01T09:00:00.000Z",
    updated_at: "2025-06-01T09:00:00.000Z",
  };
}
