import { findActiveMarkup, XSS_PAYLOADS } from "@parley/protocol/testing/xss";
import { fireEvent, waitFor } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import type { ConversationSummary } from "@parley/protocol";
import { http, HttpResponse } from "msw";
import { expect, test } from "vitest";
import { useApiServer } from "../../test/api-server";
import { conversation, message, pingResponse } from "../../test/fixtures";
import { messengerRoot, startMessenger, ui } from "../../test/harness";

const { server, recorded, answers } = useApiServer();

/** Two conversations of this user: a recent one with the AI agent, and an older one a person answered. */
function twoConversations(): ConversationSummary[] {
  const older = conversation({ id: "conv_old", status: "resolved" });
  const recent = conversation({ id: "conv_new", status: "ai" });
  return [
    { ...recent, last_message: message({ conversation_id: "conv_new", text: "Your parcel left our warehouse today.", author: { type: "ai", name: "Acme" } }) },
    { ...older, last_message: message({ conversation_id: "conv_old", text: "The refund is on its way.", author: { type: "agent", name: "Sam Rivera" } }) },
  ];
}

/** History by conversation: each conversation's own messages. */
function histories(list: ConversationSummary[]) {
  server.use(
    http.get("*/v1/apps/:app/conversations/:id", ({ params }) => {
      const found = list.find((item) => item.id === params["id"]);
      if (!found) return HttpResponse.json({ error: { code: "conversation_not_found", message: "No such conversation." } }, { status: 404 });
      const { last_message: last, ...summary } = found;
      return HttpResponse.json({ conversation: summary, messages: last ? [last] : [] });
    }),
  );
}

test("Home leads to every conversation of the user; one opens with its own history, and Back returns to the list, then Home", async () => {
  const list = twoConversations();
  answers.ping = () => pingResponse({ conversations: list });
  answers.conversations = () => list;
  histories(list);
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("show");

  fireEvent.click(await ui().findByRole("button", { name: "See all your conversations" }));
  expect(await ui().findByRole("heading", { name: "Messages" })).toBeInTheDocument();
  const items = await ui().findAllByRole("listitem");
  expect(items.map((item) => item.textContent)).toEqual([
    expect.stringContaining("Your parcel left our warehouse today."),
    expect.stringContaining("The refund is on its way."),
  ]);
  // A person's reply reads as that person's.
  expect(items[1]).toHaveTextContent("Sam Rivera");

  fireEvent.click(ui().getByRole("button", { name: /The refund is on its way/ }));
  const log = await ui().findByRole("log");
  await waitFor(() => expect(log).toHaveTextContent("The refund is on its way."));
  expect(log).not.toHaveTextContent("Your parcel left our warehouse today.");

  // Back where the customer came from: the list, then Home.
  fireEvent.click(ui().getByRole("button", { name: "Back" }));
  expect(await ui().findByRole("heading", { name: "Messages" })).toBeInTheDocument();
  fireEvent.click(ui().getByRole("button", { name: "Back" }));
  expect(await ui().findByText("How can we help?")).toBeInTheDocument();
});

test("Send us a message in the messages space starts a new conversation, leaving the open one as it was", async () => {
  const list = twoConversations();
  answers.ping = () => pingResponse({ conversations: list });
  answers.conversations = () => list;
  histories(list);
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("showMessages");
  await ui().findAllByRole("listitem");

  fireEvent.click(ui().getByRole("button", { name: "Send us a message" }));
  const textbox = await ui().findByRole("textbox", { name: "Message" });
  await waitFor(() => expect(textbox).toBeEnabled());
  expect(ui().getByRole("log")).not.toHaveTextContent("Your parcel left our warehouse today.");
  (messengerRoot()?.activeElement as HTMLElement | null)?.blur();
  textbox.focus();
  await userEvent.type(textbox, "A new question{Enter}");
  await waitFor(() => expect(recorded.sends).toHaveLength(1));
  // POST /conversations: a conversation of its own, not a message in conv_new.
  expect(new URL(recorded.sends[0]!.url).pathname).toBe("/v1/apps/demo/conversations");
});

test("the messages space says so when there is nothing yet, or when the list cannot be loaded", async () => {
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("showSpace", "messages");
  expect(await ui().findByText(/No conversations yet/)).toBeInTheDocument();
  expect(ui().getByRole("button", { name: "Send us a message" })).toBeEnabled();

  intercom("showSpace", "home");
  await ui().findByText("How can we help?");
  server.use(http.get("*/v1/apps/:app/conversations", () => HttpResponse.json({ error: { code: "internal_error", message: "down" } }, { status: 500 })));
  intercom("showSpace", "messages");
  expect(await ui().findByText("Your conversations could not be loaded.")).toBeInTheDocument();
});

test("a team reply to an earlier conversation, while the customer has started another, is announced and opens that conversation", async () => {
  const list = twoConversations();
  answers.ping = () => pingResponse({ conversations: list });
  histories(list);
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  await waitFor(() => expect(sources.all).toHaveLength(1));
  // Opened once (the panel's chunk is in), then closed: the customer is on the page.
  intercom("show");
  await ui().findByRole("dialog", { name: "Messenger" });
  intercom("hide");
  const stream = sources.latest();

  const reply = message({ conversation_id: "conv_old", text: "Sam again: your refund has landed.", author: { type: "agent", name: "Sam Rivera" } });
  list[1] = { ...list[1]!, last_message: reply };
  stream.emit({ type: "message", message: reply }, "201");

  expect(await ui().findByText("1 unread message")).toBeInTheDocument();
  const preview = await ui().findByRole("button", { name: /your refund has landed/ });
  fireEvent.click(preview);
  const log = await ui().findByRole("log");
  await waitFor(() => expect(log).toHaveTextContent("Sam again: your refund has landed."));
  expect(log).not.toHaveTextContent("Your parcel left our warehouse today.");
});

test("while the customer reads a conversation, a reply to another one does not take it away", async () => {
  const list = twoConversations();
  answers.ping = () => pingResponse({ conversations: list });
  histories(list);
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  intercom("showConversation", "conv_new");
  const log = await ui().findByRole("log");
  await waitFor(() => expect(log).toHaveTextContent("Your parcel left our warehouse today."));
  const stream = sources.latest();
  stream.emit({ type: "message", message: message({ conversation_id: "conv_old", text: "Elsewhere", author: { type: "agent", name: "Sam Rivera" } }) }, "201");
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(log).toHaveTextContent("Your parcel left our warehouse today.");
  expect(log).not.toHaveTextContent("Elsewhere");
});

test("hostile text in the list (a message, an agent's name) shows as text; nothing in it runs", async () => {
  answers.conversations = () =>
    XSS_PAYLOADS.map((payload, index) => ({
      ...conversation({ id: `conv_${index}` }),
      last_message: message({ conversation_id: `conv_${index}`, text: payload, author: { type: "agent", name: payload } }),
    }));
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("showMessages");
  await waitFor(() => expect(ui().getAllByRole("listitem")).toHaveLength(XSS_PAYLOADS.length));
  const root = messengerRoot()!;
  const own = (element: { tagName: string; getAttribute(name: string): string | null }) =>
    ["style", "svg"].includes(element.tagName.toLowerCase()) || (element.tagName.toLowerCase() === "form" && element.getAttribute("action") === null);
  expect(findActiveMarkup(root, own)).toEqual([]);
  const shown = root.textContent ?? "";
  for (const payload of XSS_PAYLOADS) expect(shown).toContain(payload.replace(/[\u2028\u2029]/g, "").trim());
});
