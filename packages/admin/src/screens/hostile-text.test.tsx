import type { ConversationOverview, Message, Transcript } from "@parley/protocol";
import { findActiveMarkup, XSS_PAYLOADS } from "@parley/protocol/testing/xss";
import { render, screen } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { AdminApi } from "../api";
import { Conversations } from "./conversations";

// What customers, agents, the AI and articles wrote, shown to the owner: text, never markup.

const BASE = "http://parley.test/admin/api";
const conversation: ConversationOverview = {
  id: "conv_1",
  status: "team",
  contact: { id: "contact_1", name: XSS_PAYLOADS[1]!, email: null, user_id: XSS_PAYLOADS[2]!, verified: false },
  tags: [XSS_PAYLOADS[0]!],
  ticket_id: 7,
  ticket_url: "https://sim.zendesk.test/agent/tickets/7",
  created_at: "2026-11-30T00:00:00Z",
  updated_at: "2026-11-30T00:00:00Z",
  message_count: XSS_PAYLOADS.length,
};
const messages = XSS_PAYLOADS.map((payload, i): Message => ({
  id: `msg_${i}`,
  conversation_id: conversation.id,
  client_id: null,
  author: { type: (["customer", "ai", "agent"] as const)[i % 3]!, name: payload },
  text: payload,
  created_at: "2026-11-30T00:00:00Z",
  citations: [{ title: payload, url: i % 2 === 0 ? "javascript:alert(1)" : "https://help.example.com/a" }],
  buttons: [{ label: payload, action: "choose_option" }],
}));
const transcript: Transcript = { conversation, messages, decisions: [], customer_events: { summary: [], recent: [] } };

const server = setupServer(
  http.get(`${BASE}/conversations`, () => HttpResponse.json({ conversations: [conversation] })),
  http.get(`${BASE}/conversations/conv_1`, () => HttpResponse.json(transcript)),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

test("a transcript full of hostile text shows it as text, and links only to web addresses", async () => {
  const { container } = render(<Conversations api={new AdminApi("owner-token", BASE)} />);
  await userEvent.setup().click(await screen.findByRole("button", { name: XSS_PAYLOADS[1]! }));
  await screen.findByRole("heading", { name: XSS_PAYLOADS[1]! });

  expect(findActiveMarkup(container)).toEqual([]);
  const shown = container.textContent ?? "";
  for (const payload of XSS_PAYLOADS) expect(shown).toContain(payload.replace(/[\u2028\u2029]/g, "").trim());
  const links = [...container.querySelectorAll("a")].map((link) => link.getAttribute("href"));
  expect(links).toContain("https://help.example.com/a");
  expect(links.every((href) => href !== null && /^https:\/\//.test(href))).toBe(true);
});
