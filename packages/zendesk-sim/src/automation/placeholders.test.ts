import { expect, test } from "vitest";
import { AccountStore } from "../account/store";
import { createTicket } from "../account/tickets";
import { createUser, ensureAgent } from "../account/users";
import { renderTemplate, type PlaceholderScope } from "./placeholders";

function scope(comment: string): PlaceholderScope {
  const store = new AccountStore();
  const now = "2026-03-02T10:00:00Z";
  const agent = ensureAgent(store, "agent@sim.zendesk.test", "Alex Agent", now);
  const requester = createUser(store, { name: "Zoë \"Z\" O'Neil", email: "zoe@example.com", external_id: "ext-1" }, now);
  const { ticket } = createTicket(
    store,
    { requester_id: requester.id, subject: "A <b>bold</b> question", comment: { body: comment }, tags: ["b", "a"], status: "hold" },
    { actor: agent, channel: "api", now },
  );
  return { store, ticket, currentUser: agent, base: "http://127.0.0.1:8788", accountName: "sim" };
}

test("values are escaped for JSON, so the rendered body stays valid JSON", () => {
  const text = 'He said "hi"\\ and left.\nNew line\r\n\ttab \u2028 end';
  const rendered = renderTemplate('{"text":"{{ticket.latest_public_comment}}","name":"{{ticket.requester.name}}"}', scope(text), "json");
  expect(JSON.parse(rendered)).toEqual({ text: text.replace(/\r\n?/g, "\n").trim(), name: "Zoë \"Z\" O'Neil" });
});

test("statuses render as Zendesk shows them, tags space-separated, unknown placeholders empty", () => {
  const rendered = renderTemplate(
    "{{ticket.status}}|{{ ticket.status | downcase }}|{{ticket.tags}}|{{ticket.title}}|{{ticket.nope}}|{{current_user.email}}|{{ticket.link}}",
    scope("Body"),
    "json",
  );
  const ticketId = rendered.split("/").at(-1);
  expect(rendered).toBe(`On-hold|on-hold|b a|A <b>bold</b> question||agent@sim.zendesk.test|http://127.0.0.1:8788/agent/tickets/${ticketId}`);
});

test("xml and form-encoded bodies get their own escaping", () => {
  expect(renderTemplate("<t>{{ticket.requester.name}}</t>", scope("x"), "xml")).toBe("<t>Zoë &quot;Z&quot; O&apos;Neil</t>");
  expect(renderTemplate("name={{ticket.requester.name}}", scope("x"), "form_encoded")).toBe(`name=${encodeURIComponent("Zoë \"Z\" O'Neil")}`);
});
