import { fireEvent, waitFor, within } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { expect, test } from "vitest";
import { useApiServer } from "../../test/api-server";
import { conversation, message, pingResponse } from "../../test/fixtures";
import { messengerRoot, openComposer, startMessenger, ui } from "../../test/harness";

const { server, answers } = useApiServer();

function helpCenter() {
  const searches: URL[] = [];
  server.use(
    http.get("*/v1/apps/:app/articles/search", ({ request }) => {
      const url = new URL(request.url);
      searches.push(url);
      return HttpResponse.json({
        articles: [{ id: "reset-password", title: "Resetting your password", url: "https://help.example.com/reset", locale: "en", snippet: "Use the link on the sign-in page." }],
      });
    }),
    http.get("*/v1/apps/:app/articles/:id", () =>
      HttpResponse.json({
        article: {
          id: "reset-password",
          title: "Resetting your password",
          url: "https://help.example.com/reset",
          locale: "en",
          body: "# Resetting your password\n\nOpen **Sign in** and choose [Forgot password](https://shop.example.com/forgot).\n\n- one\n- two\n\n<img src=x onerror=alert(1)> [bad](javascript:alert(1))",
        },
      }),
    ),
  );
  return searches;
}

test("opening shows Home: a greeting by name, who answers and how fast, and Send us a message", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo", name: "Ada Lovelace" } });
  intercom("show");

  const dialog = await ui().findByRole("dialog", { name: "Messenger" });
  expect(dialog).toHaveTextContent("Hi Ada");
  expect(dialog).toHaveTextContent("How can we help?");
  const start = await ui().findByRole("button", { name: "Send us a message" });
  expect(start).toHaveAccessibleDescription(/The team typically replies within a few hours/);
  expect(ui().queryByRole("textbox", { name: "Message" })).toBeNull();
  await waitFor(() => expect(dialog).toHaveTextContent("Acme"));
  expect(ui().getByRole("button", { name: "Close" })).toBeInTheDocument();
});

test("help search on Home finds articles and opens one in the Messenger, rendered safely", async () => {
  const user = userEvent.setup();
  const searches = helpCenter();
  const { intercom } = startMessenger({ settings: { app_id: "demo", language_override: "de" } });
  intercom("show");
  await waitFor(() => expect(ui().getByRole("dialog")).toHaveTextContent("Acme"));

  const box = ui().getByRole("searchbox", { name: "Search for help" });
  box.focus();
  await user.type(box, "password");
  const result = await ui().findByRole("button", { name: /Resetting your password/ });
  expect(searches).toHaveLength(1); // one request after typing pauses, not one per letter
  expect(searches[0]!.searchParams.get("q")).toBe("password");
  expect(searches[0]!.searchParams.get("locale")).toBe("de");

  await user.click(result);
  const article = await ui().findByRole("article");
  expect(within(article).getByRole("heading", { name: "Resetting your password" })).toBeInTheDocument();
  expect(within(article).getByText("Sign in").tagName).toBe("STRONG");
  expect(within(article).getByRole("link", { name: "Forgot password" })).toHaveAttribute("href", "https://shop.example.com/forgot");
  expect(within(article).getAllByRole("listitem")).toHaveLength(2);
  expect(article.querySelector("img")).toBeNull();
  expect(within(article).queryByRole("link", { name: "bad" })).toBeNull();
  expect(article).toHaveTextContent("<img src=x onerror=alert(1)>");

  await user.click(ui().getByRole("button", { name: "Back" }));
  expect(await ui().findByRole("searchbox", { name: "Search for help" })).toBeInTheDocument();
});

test("the author and time show once per run of messages; a person of the team is marked Team, never AI Agent", async () => {
  answers.ping = () => pingResponse({ conversations: [{ ...conversation({ id: "conv_1" }), last_message: null }] });
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  await waitFor(() => expect(sources.all).toHaveLength(1));
  await openComposer(intercom);
  const stream = sources.latest();

  stream.emit({ type: "message", message: message({ text: "First part", created_at: "2025-06-01T10:00:00.000Z" }) }, "101");
  stream.emit({ type: "message", message: message({ text: "Second part", created_at: "2025-06-01T10:00:05.000Z" }) }, "102");
  stream.emit({ type: "message", message: message({ text: "Alex here", author: { type: "agent", name: "Alex Kim" }, created_at: "2025-06-01T10:05:00.000Z" }) }, "103");

  const aiRun = (await ui().findByText("Second part")).closest(".parley-message") as HTMLElement;
  expect(within(aiRun).getByText("First part")).toBeInTheDocument();
  expect(within(aiRun).getAllByText("AI Agent")).toHaveLength(1);
  expect(aiRun.querySelectorAll("time")).toHaveLength(1);
  expect(aiRun.querySelector("time")).toHaveAttribute("datetime", "2025-06-01T10:00:05.000Z");

  const agentRun = (await ui().findByText("Alex here")).closest(".parley-message") as HTMLElement;
  expect(agentRun).toHaveTextContent("Alex Kim");
  expect(agentRun).toHaveTextContent("Team");
  expect(agentRun).not.toHaveTextContent("AI Agent");
  expect(agentRun.querySelector(".parley-face")).toHaveTextContent("AK");
});

test("after a hand-off a note waits inline at the end of the log, and goes once the team replies", async () => {
  answers.ping = () => pingResponse({ conversations: [{ ...conversation({ id: "conv_1" }), last_message: null }] });
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  await waitFor(() => expect(sources.all).toHaveLength(1));
  await openComposer(intercom);
  const stream = sources.latest();

  stream.emit({ type: "message", message: message({ text: "I've passed this to the team." }) }, "101");
  stream.emit({ type: "conversation", conversation: conversation({ id: "conv_1", status: "team" }) }, "102");
  const note = await ui().findByText(/reply here as soon as they can/);
  expect(ui().getByRole("log")).toContainElement(note);
  expect(note.previousElementSibling).toHaveTextContent("I've passed this to the team.");

  stream.emit({ type: "message", message: message({ text: "Hi, Sam here", author: { type: "agent", name: "Sam" } }) }, "103");
  await ui().findByText("Hi, Sam here");
  expect(ui().queryByText(/reply here as soon as they can/)).toBeNull();
});

test("Home's recent card shows the latest message and leads into the conversation", async () => {
  answers.ping = () =>
    pingResponse({ conversations: [{ ...conversation({ id: "conv_1" }), last_message: message({ text: "Here is how returns work." }) }] });
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("show");

  const recent = await ui().findByRole("button", { name: "Continue the conversation" });
  expect(recent.closest(".parley-card")).toHaveTextContent("Here is how returns work.");
  fireEvent.click(recent);
  expect(await ui().findByRole("log")).toHaveTextContent("Here is how returns work.");
  fireEvent.click(ui().getByRole("button", { name: "Back" }));
  expect(await ui().findByRole("button", { name: "Send us a message" })).toBeInTheDocument();
});

test("background_color paints the launcher and the header; action_color the customer's side", () => {
  startMessenger({ settings: { app_id: "demo", action_color: "#2f6b4f", background_color: "#f5d90a" } });
  const frame = messengerRoot()?.querySelector<HTMLElement>(".parley");
  expect(frame?.style.getPropertyValue("--parley-bg")).toBe("#f5d90a");
  expect(frame?.style.getPropertyValue("--parley-color")).toBe("#2f6b4f");
});

test("while the AI agent works on the customer's message it shows it is writing; its answer replaces the dots", async () => {
  const user = userEvent.setup();
  server.use(
    http.post("*/v1/apps/:app/conversations", async ({ request }) => {
      const body = (await request.json()) as { client_id: string; text: string };
      const now = new Date().toISOString();
      return HttpResponse.json(
        { conversation: conversation({ id: "conv_1" }), message: message({ client_id: body.client_id, text: body.text, author: { type: "customer" }, created_at: now }) },
        { status: 201 },
      );
    }),
  );
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  const textbox = await openComposer(intercom);
  await user.type(textbox, "Where is my parcel?{Enter}");

  expect(await ui().findByText("The AI Agent is writing…")).toBeInTheDocument();
  await waitFor(() => expect(sources.all.length).toBeGreaterThan(0));
  sources.latest().emit({ type: "message", message: message({ text: "It left our warehouse today.", created_at: new Date().toISOString() }) }, "101");
  await ui().findByText("It left our warehouse today.");
  expect(ui().queryByText("The AI Agent is writing…")).toBeNull();
});

test("theme_mode dark (or system) gives the Messenger its dark colours; update switches it back", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo", theme_mode: "dark" } });
  intercom("show");
  const dialog = await ui().findByRole("dialog", { name: "Messenger" });
  expect(dialog).toHaveClass("parley-panel--dark");
  intercom("update", { theme_mode: "system" });
  await waitFor(() => expect(dialog).toHaveClass("parley-panel--system"));
  intercom("update", { theme_mode: "light" });
  await waitFor(() => expect(dialog).not.toHaveClass("parley-panel--system"));
  expect(dialog).not.toHaveClass("parley-panel--dark");
});

test("language_override picks the Messenger's language: French, or Arabic written right to left; unknown ones stay English", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo", language_override: "fr" } });
  intercom("show");
  const dialog = await ui().findByRole("dialog", { name: "Messagerie" });
  expect(await ui().findByRole("button", { name: "Envoyez-nous un message" })).toBeInTheDocument();
  expect(dialog).toHaveAttribute("lang", "fr");
  expect(dialog).toHaveAttribute("dir", "ltr");

  intercom("update", { language_override: "ar" });
  expect(await ui().findByRole("button", { name: "أرسل لنا رسالة" })).toBeInTheDocument();
  expect(dialog).toHaveAttribute("dir", "rtl");

  intercom("update", { language_override: "xx" });
  expect(await ui().findByRole("button", { name: "Send us a message" })).toBeInTheDocument();
  expect(dialog).toHaveAttribute("dir", "ltr");
});

test("a reply that arrives while the Messenger is closed shows above the launcher and opens the conversation; hide_notifications keeps it to the badge", async () => {
  answers.ping = () => pingResponse({ conversations: [{ ...conversation({ id: "conv_1" }), last_message: null }] });
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  await waitFor(() => expect(sources.all).toHaveLength(1));
  intercom("show");
  await ui().findByRole("dialog", { name: "Messenger" });
  intercom("hide");

  sources.latest().emit({ type: "message", message: message({ text: "Your parcel is on its way.", author: { type: "agent", name: "Alex Kim" } }) }, "101");
  const preview = await ui().findByRole("button", { name: /Alex Kim.*Your parcel is on its way/ });
  fireEvent.click(preview);
  expect(await ui().findByRole("log")).toHaveTextContent("Your parcel is on its way.");
  expect(ui().queryByRole("button", { name: /Your parcel is on its way/ })).toBeNull();

  intercom("hide");
  intercom("hideNotifications", true);
  sources.latest().emit({ type: "message", message: message({ text: "Anything else?", author: { type: "agent", name: "Alex Kim" } }) }, "102");
  await ui().findByText("1 unread message");
  expect(ui().queryByRole("button", { name: /Anything else/ })).toBeNull();
});

test("AI and agent messages render their Markdown (lists, bold, links) as elements; nothing in them can run", async () => {
  answers.ping = () => pingResponse({ conversations: [{ ...conversation({ id: "conv_1" }), last_message: null }] });
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  await waitFor(() => expect(sources.all).toHaveLength(1));
  await openComposer(intercom);
  const text = "To reset it:\n1. Open **Settings**\n2. Press [Reset](https://shop.example.com/reset)\n\n[click me](javascript:alert(1)) <script>alert(1)</script><img src=x onerror=alert(1)>";
  sources.latest().emit({ type: "message", message: message({ text }) }, "101");

  const log = await ui().findByRole("log");
  await waitFor(() => expect(within(log).getAllByRole("listitem")).toHaveLength(2));
  expect(within(log).getByText("Settings").tagName).toBe("STRONG");
  expect(within(log).getByRole("link", { name: "Reset" })).toHaveAttribute("href", "https://shop.example.com/reset");
  expect(within(log).queryByRole("link", { name: "click me" })).toBeNull();
  expect(log.querySelector("script, img")).toBeNull();
  expect(log).toHaveTextContent("<script>alert(1)</script>");
});
