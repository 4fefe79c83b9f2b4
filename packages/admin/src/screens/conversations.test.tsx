import { render, screen, within } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import type { ConversationOverview, Message } from "@parley/protocol";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { AdminApi } from "../api";
import { Conversations } from "./conversations";

const BASE = "http://parley.test/admin/api";
const overview: ConversationOverview = {
  id: "conv_1",
  status: "team",
  contact: { id: "ct_1", name: "Ada", email: null, user_id: null, verified: false },
  tags: ["fin-routed-to-team"],
  ticket_id: 42,
  ticket_url: "https://acme.zendesk.com/agent/tickets/42",
  created_at: "2026-11-30T09:00:00Z",
  updated_at: "2026-11-30T09:05:00Z",
  message_count: 4,
};
const message = (id: string, type: Message["author"]["type"], text: string, extra: Partial<Message> = {}): Message => ({
  id,
  conversation_id: overview.id,
  client_id: type === "customer" ? `client-${id}` : null,
  author: { type, name: null },
  text,
  created_at: "2026-11-30T09:00:00Z",
  citations: [],
  buttons: [],
  ...extra,
});
const server = setupServer(
  http.get(`${BASE}/conversations`, () => HttpResponse.json({ conversations: [overview] })),
  http.get(`${BASE}/conversations/conv_1`, () =>
    HttpResponse.json({
      conversation: overview,
      messages: [
        message("m1", "customer", "How can I pay?"),
        message("m2", "ai", "We accept cards.", { citations: [{ title: "Payment methods", url: "https://help.example/pay" }] }),
        message("m3", "customer", "Talk to a person"),
        message("m4", "ai", "I'm passing you to the team."),
        message("m5", "customer", "how long does it take?"),
        message("m6", "ai", "Could you tell me a little more?"),
      ],
      decisions: [
        { id: 1, after_message_id: "m2", created_at: "2026-11-30T09:00:00Z", decision: { kind: "answered", confidence: 0.82, citations: [{ title: "Payment methods", url: "https://help.example/pay" }] } },
        { id: 2, after_message_id: "m4", created_at: "2026-11-30T09:01:00Z", decision: { kind: "classified", fields: [{ name: "topic", value: "billing" }], by_llm: [] } },
        { id: 3, after_message_id: "m4", created_at: "2026-11-30T09:01:00Z", decision: { kind: "summary", body: "AI summary of the conversation:\n- The customer asked: \"How can I pay?\"" } },
        { id: 4, after_message_id: "m4", created_at: "2026-11-30T09:01:00Z", decision: { kind: "handed_off", reason: "asked_for_person", mode: "live", note: "The customer asked for a person." } },
        { id: 6, after_message_id: "m4", created_at: "2026-11-30T09:01:02Z", decision: { kind: "live_unavailable", reason: "multiple conversations are off in this Zendesk account's messaging settings" } },
        // A kind a newer server knows and this console does not: skipped, the rest still shows.
        { id: 5, after_message_id: "m4", created_at: "2026-11-30T09:01:00Z", decision: { kind: "teleported" } },
        { id: 7, after_message_id: "m6", created_at: "2026-11-30T09:02:00Z", decision: { kind: "clarified", confidence: 0.4, options: [] } },
      ],
      customer_events: {
        summary: [{ event_name: "viewed-pricing", count: 3, first_at: "2026-11-29T09:00:00Z", last_at: "2026-11-30T08:59:00Z" }],
        recent: [{ id: "evt_1", event_name: "viewed-pricing", created_at: "2026-11-30T08:59:00Z", metadata: { plan: "pro" } }],
      },
    }),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

test("a transcript shows, under each AI turn, what was decided, and what the customer did on the site", async () => {
  render(<Conversations api={new AdminApi("owner-token", BASE)} />);
  await userEvent.click(await screen.findByRole("button", { name: "Ada" }));
  await screen.findByRole("heading", { name: "Ada" });

  const turns = screen.getAllByRole("listitem").filter((item) => item.classList.contains("transcript__message"));
  const answer = within(turns[1]!).getByRole("list", { name: "What was decided" });
  expect(answer).toHaveTextContent("Answered from the help center · confidence 82% · cited: Payment methods");
  expect(within(turns[1]!).getByRole("link", { name: "Payment methods" })).toHaveAttribute("href", "https://help.example/pay");
  expect(within(turns[0]!).queryByRole("list", { name: "What was decided" })).toBeNull();

  const handOff = within(turns[3]!).getByRole("list", { name: "What was decided" });
  expect(handOff).toHaveTextContent("Classified the ticket · topic = billing");
  expect(handOff).toHaveTextContent("Added the AI summary (internal note)");
  expect(handOff).toHaveTextContent("Handed off to the team · the customer asked for a person · as a live chat");
  expect(handOff).toHaveTextContent("The customer asked for a person.");
  expect(within(handOff).getByRole("link", { name: "Open ticket #42 in Zendesk" })).toHaveAttribute("href", overview.ticket_url);
  // The live chat could not be opened: the owner reads why, and where the conversation went instead.
  expect(handOff).toHaveTextContent(
    "Live chat was not possible · multiple conversations are off in this Zendesk account's messaging settings; the team got the conversation as a Zendesk ticket instead",
  );
  expect(within(handOff).getAllByRole("listitem")).toHaveLength(4);
  // Nothing to look up in the message: the AI agent asked for more, with no article to offer.
  expect(within(turns[5]!).getByRole("list", { name: "What was decided" })).toHaveTextContent(
    "Asked the customer to clarify · confidence 40% · no article to offer: asked for a few words more",
  );

  const activity = screen.getByRole("region", { name: "What the customer did on your site" });
  expect(within(activity).getByRole("rowheader", { name: "viewed-pricing" }).closest("tr")).toHaveTextContent("viewed-pricing3");
  expect(activity).toHaveTextContent("plan: pro");
});
