import { SendMessageRequest } from "@parley/protocol";
import { waitFor } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { expect, test, vi } from "vitest";
import { useApiServer } from "../test/api-server";
import { conversation, message, pingResponse } from "../test/fixtures";
import { messengerRoot, openComposer, startMessenger, ui } from "../test/harness";

const { server, answers, recorded } = useApiServer();

/** Boots with an open conversation whose stream the test drives. */
async function withConversation() {
  answers.ping = () =>
    pingResponse({ conversations: [{ ...conversation({ id: "conv_1" }), last_message: null }] });
  const started = startMessenger({ settings: { app_id: "demo" } });
  await waitFor(() => expect(started.sources.all).toHaveLength(1));
  return { ...started, stream: started.sources.latest() };
}

test("the launcher is a button named Open Messenger that becomes Close Messenger while open", async () => {
  const user = userEvent.setup();
  startMessenger({ settings: { app_id: "demo" } });

  const launcher = ui().getByRole("button", { name: "Open Messenger" });
  expect(launcher).toHaveAttribute("aria-expanded", "false");
  await user.click(launcher);

  expect(ui().getByRole("button", { name: "Close Messenger" })).toHaveAttribute("aria-expanded", "true");
  expect(await ui().findByRole("dialog", { name: "Messenger" })).toBeInTheDocument();
  await user.click(ui().getByRole("button", { name: "Close Messenger" }));
  await waitFor(() => expect(ui().queryByRole("dialog")).toBeNull());
});

test("the panel loads as its own chunk: on open, or earlier when the page is idle", async () => {
  let idle: (() => void) | null = null;
  const { Panel, panelStyles } = await import("./panel/panel");
  const loadPanel = vi.fn(async () => ({ Panel, panelStyles }));
  const { intercom } = startMessenger({
    settings: { app_id: "demo" },
    loadPanel,
    scheduleIdle: (task) => {
      idle = task;
      return () => {};
    },
  });
  expect(loadPanel).not.toHaveBeenCalled();

  (idle as (() => void) | null)?.();
  expect(loadPanel).toHaveBeenCalledTimes(1);
  intercom("show");
  expect(await ui().findByRole("dialog", { name: "Messenger" })).toBeInTheDocument();
  expect(loadPanel).toHaveBeenCalledTimes(1);
});

test("the panel shows the app, the greeting as an AI line, a log and a composer", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  await openComposer(intercom);

  const dialog = ui().getByRole("dialog", { name: "Messenger" });
  expect(dialog).toHaveTextContent("Acme");
  expect(dialog).toHaveTextContent("The team can also help");
  const log = ui().getByRole("log");
  expect(log).toHaveAttribute("aria-live", "polite");
  expect(log).toHaveTextContent("Hi there! Ask me anything.");
  expect(log).toHaveTextContent("AI Agent");
  expect(ui().getByRole("button", { name: "Send" })).toBeInTheDocument();
});

test("focus moves to Home's first action on open, into the composer from there, Escape closes, and focus returns to the launcher", async () => {
  const user = userEvent.setup();
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  await waitFor(() => expect(ui().getByRole("button", { name: "Open Messenger" })).toBeInTheDocument());
  intercom("show");
  const start = await ui().findByRole("button", { name: "Send us a message" });
  await waitFor(() => expect(messengerRoot()?.activeElement).toBe(start));
  await user.keyboard("{Enter}");
  const textbox = await ui().findByRole("textbox", { name: "Message" });

  await waitFor(() => expect(messengerRoot()?.activeElement).toBe(textbox));
  await user.keyboard("{Escape}");

  await waitFor(() => expect(ui().queryByRole("dialog")).toBeNull());
  expect(messengerRoot()?.activeElement).toBe(ui().getByRole("button", { name: "Open Messenger" }));
});

test("AI answers list their sources as links named by the article title, opening in a new tab", async () => {
  const { intercom, stream } = await withConversation();
  await openComposer(intercom);

  stream.emit(
    {
      type: "message",
      message: message({
        text: "You can reset it from the sign-in page.",
        citations: [
          { title: "Reset your password", url: "https://help.example.com/reset" },
          { title: "Suspicious link", url: "javascript:alert(1)" },
        ],
      }),
    },
    "101",
  );

  const link = await ui().findByRole("link", { name: "Reset your password" });
  expect(link).toHaveAttribute("href", "https://help.example.com/reset");
  expect(link).toHaveAttribute("target", "_blank");
  expect(link).toHaveAttribute("rel", "noopener noreferrer");
  expect(ui().getByText("Sources")).toBeInTheDocument();
  expect(ui().queryByRole("link", { name: "Suspicious link" })).toBeNull();
  expect(ui().getByText("Suspicious link")).toBeInTheDocument();
});

test("reply buttons show under the latest message only and send their label with their action", async () => {
  const user = userEvent.setup();
  const sent: SendMessageRequest[] = [];
  server.use(
    http.post("*/v1/apps/:app/conversations/:id/messages", async ({ request }) => {
      const body = SendMessageRequest.parse(await request.json());
      sent.push(body);
      return HttpResponse.json(
        { message: message({ client_id: body.client_id, text: body.text, author: { type: "customer" } }) },
        { status: 201 },
      );
    }),
  );
  const { intercom, stream } = await withConversation();
  const textbox = await openComposer(intercom);
  const buttons = [
    { label: "That helped", action: "resolved" as const },
    { label: "Talk to a person", action: "handoff" as const },
  ];

  stream.emit({ type: "message", message: message({ text: "First answer", buttons }) }, "101");
  stream.emit({ type: "message", message: message({ text: "Second answer" }) }, "102");
  await ui().findByText("Second answer");
  expect(ui().queryByRole("button", { name: "That helped" })).toBeNull();

  stream.emit({ type: "message", message: message({ text: "Third answer", buttons }) }, "103");
  await user.click(await ui().findByRole("button", { name: "Talk to a person" }));

  await waitFor(() => expect(sent).toHaveLength(1));
  expect(sent[0]).toMatchObject({ text: "Talk to a person", action: "handoff" });
  await waitFor(() => expect(ui().queryByRole("button", { name: "That helped" })).toBeNull());
  // The pressed button is gone; the keyboard stays in the Messenger.
  expect(messengerRoot()?.activeElement).toBe(textbox);
});

test("a clarifying question shows a button per offered article and Talk to a person; an article's button sends its article id", async () => {
  const user = userEvent.setup();
  const sent: SendMessageRequest[] = [];
  server.use(
    http.post("*/v1/apps/:app/conversations/:id/messages", async ({ request }) => {
      const body = SendMessageRequest.parse(await request.json());
      sent.push(body);
      return HttpResponse.json(
        { message: message({ client_id: body.client_id, text: body.text, author: { type: "customer" } }) },
        { status: 201 },
      );
    }),
  );
  const { intercom, stream } = await withConversation();
  await openComposer(intercom);

  stream.emit(
    {
      type: "message",
      message: message({
        text: "Which one do you mean?",
        buttons: [
          { label: "Change or cancel an order", action: "choose_article", article_id: "change-or-cancel-an-order" },
          { label: "Resetting your password", action: "choose_article", article_id: "reset-password" },
          { label: "Talk to a person", action: "handoff" },
        ],
      }),
    },
    "101",
  );

  await ui().findByText("Which one do you mean?");
  expect(ui().getByRole("button", { name: "Change or cancel an order" })).toBeEnabled();
  expect(ui().getByRole("button", { name: "Talk to a person" })).toBeEnabled();
  await user.click(ui().getByRole("button", { name: "Resetting your password" }));

  await waitFor(() => expect(sent).toHaveLength(1));
  expect(sent[0]).toMatchObject({ text: "Resetting your password", action: "choose_article", article_id: "reset-password" });
  await waitFor(() => expect(ui().queryByRole("button", { name: "Change or cancel an order" })).toBeNull());
});

test("a typed message carries no button's action or article", async () => {
  const user = userEvent.setup();
  const { intercom, stream } = await withConversation();
  const textbox = await openComposer(intercom);
  stream.emit(
    { type: "message", message: message({ text: "Which one?", buttons: [{ label: "Returns", action: "choose_article", article_id: "returns" }] }) },
    "101",
  );
  await ui().findByRole("button", { name: "Returns" });
  await user.type(textbox, "the returns one{Enter}");

  await waitFor(() => expect(recorded.sends).toHaveLength(1));
  // (Every send says which page it came from, for workflow conditions, and the Messenger's language, for the AI's replies.)
  expect(recorded.sends[0]?.body).toEqual({ client_id: expect.any(String), text: "the returns one", page_url: window.location.href, locale: window.navigator.language });
});

test("messages show their author: AI Agent badge for the AI, the agent's name, the customer's on the right", async () => {
  const { intercom, stream } = await withConversation();
  await openComposer(intercom);

  stream.emit({ type: "message", message: message({ text: "AI here", author: { type: "ai", name: "Parley" } }) }, "101");
  stream.emit({ type: "message", message: message({ text: "Sam here", author: { type: "agent", name: "Sam" } }) }, "102");
  stream.emit({ type: "message", message: message({ text: "Me here", author: { type: "customer" } }) }, "103");

  const ai = (await ui().findByText("AI here")).closest(".parley-message");
  expect(ai).toHaveTextContent("Parley");
  expect(ai).toHaveTextContent("AI Agent");
  expect(ui().getByText("Sam here").closest(".parley-message")).toHaveTextContent("Sam");
  expect(ui().getByText("Me here").closest(".parley-message")).toHaveClass("parley-message--customer");
});

test("message text is plain text with its line breaks, never HTML", async () => {
  const { intercom, stream } = await withConversation();
  await openComposer(intercom);

  stream.emit({ type: "message", message: message({ text: "<img src=x onerror=alert(1)>\nsecond line" }) }, "101");

  const text = await ui().findByText((_, element) => element?.tagName === "P" && element.textContent === "<img src=x onerror=alert(1)>\nsecond line");
  expect(text.querySelector("img")).toBeNull();
});

test("after a hand-off the panel says the team will reply here", async () => {
  const { intercom, stream } = await withConversation();
  await openComposer(intercom);
  await ui().findByRole("dialog", { name: "Messenger" });
  expect(ui().queryByText(/reply here as soon as they can/)).toBeNull();

  stream.emit({ type: "conversation", conversation: conversation({ id: "conv_1", status: "team" }) }, "101");

  expect(await ui().findByText(/reply here as soon as they can/)).toBeInTheDocument();
  expect(ui().getByRole("dialog")).toHaveTextContent("The team will reply here");
});

test("after the AI is done, New conversation leaves the old thread and the next message starts a new one", async () => {
  const user = userEvent.setup();
  const started: string[] = [];
  server.use(
    http.post("*/v1/apps/:app/conversations", async ({ request }) => {
      const body = SendMessageRequest.parse(await request.json());
      started.push(body.text);
      return HttpResponse.json(
        {
          conversation: conversation({ id: "conv_2" }),
          message: message({ conversation_id: "conv_2", client_id: body.client_id, text: body.text, author: { type: "customer" } }),
        },
        { status: 201 },
      );
    }),
  );
  const { intercom, stream } = await withConversation();
  const textbox = await openComposer(intercom);
  stream.emit({ type: "message", message: message({ text: "Old answer" }) }, "101");
  await ui().findByText("Old answer");
  expect(ui().queryByRole("button", { name: "New conversation" })).toBeNull(); // the AI is still on it

  stream.emit({ type: "conversation", conversation: conversation({ id: "conv_1", status: "team" }) }, "102");
  await user.click(await ui().findByRole("button", { name: "New conversation" }));

  await waitFor(() => expect(ui().queryByText("Old answer")).toBeNull());
  expect(ui().queryByRole("button", { name: "New conversation" })).toBeNull();
  await user.type(textbox, "A new question{Enter}");
  await waitFor(() => expect(started).toEqual(["A new question"]));
});

test("hide_default_launcher hides the launcher; show still opens the Messenger", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo", hide_default_launcher: true } });

  expect(ui().queryByRole("button", { name: "Open Messenger" })).toBeNull();
  intercom("show");
  expect(await ui().findByRole("dialog", { name: "Messenger" })).toBeInTheDocument();
});

test("alignment, action_color and z_index place and colour the Messenger", () => {
  startMessenger({
    settings: { app_id: "demo", alignment: "left", action_color: "#ff6600", z_index: 99 },
  });

  const frame = messengerRoot()?.querySelector<HTMLElement>(".parley");
  expect(frame).toHaveClass("parley--left");
  expect(frame?.style.getPropertyValue("--parley-color")).toBe("#ff6600");
  expect(frame?.style.getPropertyValue("--parley-z")).toBe("99");
});

test("update can change the colour and alignment of a running Messenger", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  const frame = () => messengerRoot()?.querySelector<HTMLElement>(".parley");
  expect(frame()).toHaveClass("parley--right");

  intercom("update", { alignment: "left", action_color: "rebeccapurple" });

  await waitFor(() => expect(frame()).toHaveClass("parley--left"));
  expect(frame()?.style.getPropertyValue("--parley-color")).toBe("rebeccapurple");
});

test("the launcher is drawn (and marked for profiling) before the session chunk has loaded", () => {
  performance.clearMarks("parley:launcher");
  startMessenger({ settings: { app_id: "demo" }, loadSession: () => new Promise(() => {}) });

  expect(ui().getByRole("button", { name: "Open Messenger" })).toBeInTheDocument();
  expect(performance.getEntriesByName("parley:launcher")).toHaveLength(1);
});
