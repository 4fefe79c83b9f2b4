import { fireEvent, waitFor } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, expect, test, vi } from "vitest";
import { UPDATE_LIMIT } from "../state/session";
import { useApiServer } from "../test/api-server";
import { conversation, message, pingResponse } from "../test/fixtures";
import { messengerRoot, startMessenger, ui } from "../test/harness";

const { server, recorded, answers } = useApiServer();

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.querySelectorAll("[data-test-activator]").forEach((element) => element.remove());
});

function quietWarnings() {
  return vi.spyOn(console, "warn").mockImplementation(() => {});
}

test("showSpace opens home, messages and help; other spaces open Home with a warning", async () => {
  const warn = quietWarnings();
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });

  intercom("showSpace", "help");
  expect(await ui().findByRole("searchbox", { name: "Search for help" })).toBeInTheDocument();
  expect(ui().getByRole("heading", { name: "Help" })).toBeInTheDocument();
  intercom("showSpace", "messages");
  expect(await ui().findByRole("heading", { name: "Messages" })).toBeInTheDocument();
  intercom("showSpace", "home");
  expect(await ui().findByText("How can we help?")).toBeInTheDocument();
  expect(ui().getByRole("button", { name: "Send us a message" })).toBeInTheDocument();
  intercom("showSpace", "news");
  expect(ui().getByRole("button", { name: "Send us a message" })).toBeInTheDocument();
  expect(warn).toHaveBeenCalledWith(expect.stringContaining("Intercom('showSpace', 'news')"));
});

test("showMessages opens the list of this user's conversations", async () => {
  answers.conversations = () => [{ ...conversation({ id: "conv_1" }), last_message: message({ text: "Where is my order?" }) }];
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("showMessages");
  expect(await ui().findByRole("heading", { name: "Messages" })).toBeInTheDocument();
  expect(await ui().findByRole("button", { name: /Where is my order\?/ })).toBeInTheDocument();
});

test("showNewMessage opens the composer pre-filled and sends nothing; without text it opens it empty", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("showNewMessage", "I have a question about pricing");

  const textbox = await ui().findByRole("textbox", { name: "Message" });
  await waitFor(() => expect(textbox).toHaveValue("I have a question about pricing"));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(recorded.sends).toHaveLength(0);

  intercom("hide");
  intercom("showNewMessage");
  expect(await ui().findByRole("textbox", { name: "Message" })).toHaveValue("I have a question about pricing");
});

test("startConversation opens the Messenger and sends the text as the customer", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("startConversation", "Where is my order?");

  await waitFor(() => expect(recorded.sends).toHaveLength(1));
  expect(recorded.sends[0]!.body.text).toBe("Where is my order?");
  const log = await ui().findByRole("log");
  await waitFor(() => expect(log).toHaveTextContent("Where is my order?"));
});

test("showArticle opens the article in the Messenger, by a string or a number id", async () => {
  const asked: string[] = [];
  server.use(
    http.get("*/v1/apps/:app/articles/:id", ({ params }) => {
      asked.push(String(params["id"]));
      return HttpResponse.json({ article: { id: String(params["id"]), title: "Shipping times", url: "https://help.example.com/shipping", locale: "en", body: "We ship in **2 days**." } });
    }),
  );
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("showArticle", 123);

  expect(await ui().findByRole("heading", { name: "Shipping times" })).toBeInTheDocument();
  expect(asked).toEqual(["123"]);
  intercom("showArticle", "returns");
  await waitFor(() => expect(asked).toEqual(["123", "returns"]));
});

test("showConversation opens the conversation it names (a number or a string), not the latest; a missing id warns", async () => {
  const warn = quietWarnings();
  answers.ping = () => pingResponse({ conversations: [{ ...conversation({ id: "conv_1" }), last_message: message({ text: "The latest" }) }] });
  server.use(
    http.get("*/v1/apps/:app/conversations/:id", ({ params }) =>
      HttpResponse.json({
        conversation: conversation({ id: String(params["id"]) }),
        messages: [message({ conversation_id: String(params["id"]), text: `Earlier, in ${String(params["id"])}` })],
      }),
    ),
  );
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("showConversation", 42);
  const log = await ui().findByRole("log");
  await waitFor(() => expect(log).toHaveTextContent("Earlier, in 42"));
  expect(log).not.toHaveTextContent("The latest");
  intercom("showConversation");
  expect(warn).toHaveBeenCalledWith(expect.stringContaining("Intercom('showConversation', id) needs an id"));
});

test("ready runs once the session is live, registered before or after boot", async () => {
  const order: string[] = [];
  const { intercom } = startMessenger();
  intercom("ready", () => order.push("before boot"));
  intercom("boot", { app_id: "demo" });
  expect(order).toEqual([]);
  await waitFor(() => expect(order).toEqual(["before boot"]));
  intercom("ready", () => order.push("after"));
  expect(order).toEqual(["before boot", "after"]);
  intercom("update", { name: "Ada" });
  await waitFor(() => expect(recorded.pings).toHaveLength(2));
  expect(order).toEqual(["before boot", "after"]);
});

test("onUserEmailSupplied fires when the customer gives an email the page did not", async () => {
  const emails: string[] = [];
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("onUserEmailSupplied", (email: string) => emails.push(email));
  await waitFor(() => expect(recorded.pings).toHaveLength(1));

  answers.ping = () => pingResponse({ user: { ...pingResponse().user, email: "ada@example.com", anonymous: false } });
  intercom("update", {});
  await waitFor(() => expect(emails).toEqual(["ada@example.com"]));
});

test("custom_launcher_selector: clicks on matching elements open the Messenger, also on elements added later", async () => {
  startMessenger({ settings: { app_id: "demo", custom_launcher_selector: ".help-button", hide_default_launcher: true } });
  const later = document.createElement("button");
  later.className = "help-button";
  later.setAttribute("data-test-activator", "");
  later.innerHTML = "<span>Help</span>";
  document.body.append(later);

  fireEvent.click(later.querySelector("span")!);
  expect(await ui().findByRole("dialog", { name: "Messenger" })).toBeInTheDocument();
  expect(ui().queryByRole("button", { name: "Open Messenger" })).toBeNull();
});

test("a broken custom_launcher_selector is reported, not thrown", () => {
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  startMessenger({ settings: { app_id: "demo", custom_launcher_selector: "[[nope" } });
  expect(() => fireEvent.click(document.body)).not.toThrow();
  expect(error).toHaveBeenCalledWith(expect.stringContaining("custom_launcher_selector"), expect.anything());
});

test("update is throttled to 20 pings in 30 minutes; later attributes are kept and sent when the window reopens", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  // Once the session is live (updates before that go with its first ping, not counted).
  await new Promise((resolve) => intercom("ready", resolve));
  const booted = recorded.pings.length;
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });

  for (let index = 1; index <= UPDATE_LIMIT.pings + 5; index++) {
    intercom("update", { plan: `plan-${index}` });
    await vi.advanceTimersByTimeAsync(10);
  }
  expect(recorded.pings).toHaveLength(booted + UPDATE_LIMIT.pings);

  await vi.advanceTimersByTimeAsync(UPDATE_LIMIT.windowMs);
  await vi.waitFor(() => expect(recorded.pings).toHaveLength(booted + 1 + UPDATE_LIMIT.pings));
  expect(recorded.pings.at(-1)!.body.user.attributes).toMatchObject({ plan: `plan-${UPDATE_LIMIT.pings + 5}` });
});

test("hideNotifications, setAuthTokens and whoami are accepted; whoami tells who the Messenger talks for", async () => {
  const warn = quietWarnings();
  const { intercom } = startMessenger();
  expect(intercom("whoami")).toBeNull();
  intercom("boot", { app_id: "demo" });
  intercom("hideNotifications", true);
  intercom("setAuthTokens", { security_token: "abc" });
  await waitFor(() => expect((intercom("whoami") as { email: unknown } | null)?.email).toBeDefined());
  expect(intercom("whoami")).toMatchObject({ app_id: "demo", visitor_id: intercom("getVisitorId"), anonymous: true });
  expect(warn).not.toHaveBeenCalled();
  expect(messengerRoot()).not.toBeNull();
});

test("trackEvent records the event on the server for this user, with its metadata and when it happened", async () => {
  const before = Math.floor(Date.now() / 1000);
  // Tracked before boot: it waits for the boot, as Intercom's queue does.
  const { intercom } = startMessenger();
  intercom("trackEvent", "viewed-pricing");
  intercom("boot", { app_id: "demo", user_id: "u-1" });
  const order = { items: 2, gift: false, note: "for Bo", receipt: { url: "https://shop.example/o/7", value: "Order 7" }, total: { amount: 3499, currency: "eur" } };
  intercom("trackEvent", "ordered", order);
  await waitFor(() => expect(recorded.events).toHaveLength(2));
  expect(recorded.events.map((event) => event.body.event_name)).toEqual(["viewed-pricing", "ordered"]);
  expect(recorded.events[1]?.body.metadata).toEqual(order);
  expect(recorded.events[0]?.body.created_at).toBeGreaterThanOrEqual(before);
  expect(recorded.events[0]?.authorization).toMatch(/^Bearer /);
});

test("trackEvent with a bad name or metadata warns, naming what is wrong, and sends nothing; it never throws", async () => {
  const warn = quietWarnings();
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  expect(() => intercom("trackEvent", "ordered", { nested: { a: { b: 1 } } })).not.toThrow();
  intercom("trackEvent", "");
  intercom("trackEvent", "x", Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`k${index}`, index])));
  intercom("trackEvent", "fine");
  await waitFor(() => expect(recorded.events).toHaveLength(1));
  expect(recorded.events[0]?.body.event_name).toBe("fine");
  const warnings = warn.mock.calls.map((call) => call.join(" "));
  expect(warnings.some((text) => text.includes("metadata.nested"))).toBe(true);
  expect(warnings.some((text) => text.includes("at most 10 metadata values"))).toBe(true);
  expect(warnings.some((text) => text.includes("an event needs a name"))).toBe(true);
});

test("an event tracked while the server cannot be reached is sent, in order, once it can", async () => {
  let down = true;
  server.use(http.post("*/v1/apps/:app/events", () => (down ? HttpResponse.json({ error: { code: "internal_error", message: "down" } }, { status: 503 }) : undefined)));
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("trackEvent", "first");
  intercom("trackEvent", "second");
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(recorded.events).toEqual([]);
  down = false;
  window.dispatchEvent(new Event("online"));
  await waitFor(() => expect(recorded.events.map((event) => event.body.event_name)).toEqual(["first", "second"]));
});

test("every command of Intercom's web API is accepted without an unknown-command warning", () => {
  const warn = quietWarnings();
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  const commands: unknown[][] = [
    ["boot", { app_id: "demo" }], ["update", {}], ["show"], ["hide"], ["showMessages"], ["showNewMessage", "hi"],
    ["showSpace", "home"], ["showArticle", 1], ["showConversation", 1], ["startConversation", "hello"], ["onShow", () => {}],
    ["onHide", () => {}], ["onUnreadCountChange", () => {}], ["onUserEmailSupplied", () => {}], ["ready", () => {}],
    ["trackEvent", "x"], ["getVisitorId"], ["whoami"], ["hideNotifications", true], ["reattach_activator"], ["setAuthTokens", {}],
    ["startTour", 1], ["showNews", 1], ["startSurvey", 1], ["startChecklist", 1], ["showTicket", 1], ["shutdown"],
  ];
  for (const [command, ...args] of commands) expect(() => intercom(command as string, ...args)).not.toThrow();
  expect(warn).not.toHaveBeenCalledWith(expect.stringContaining("Unknown command"));
});
