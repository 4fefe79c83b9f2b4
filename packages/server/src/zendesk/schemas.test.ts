import { expect, expectTypeOf, test } from "vitest";
import { TicketCreate, type TicketUpdate, ZendeskComment, ZendeskTicket, type ZendeskUser, ZendeskUserInput } from "./schemas";

test("types say what the executor relies on", () => {
  expectTypeOf<ZendeskTicket["assignee_id"]>().toEqualTypeOf<number | null>();
  expectTypeOf<ZendeskTicket["external_id"]>().toEqualTypeOf<string | null>();
  expectTypeOf<ZendeskUser["email"]>().toEqualTypeOf<string | null>();
  expectTypeOf<ZendeskComment["via"]>().toExtend<{ channel: string } | undefined>();
  // Tags replace the whole list: only in a safe update (checked at runtime).
  expectTypeOf<TicketUpdate["tags"]>().toEqualTypeOf<string[] | undefined>();
  expectTypeOf<TicketUpdate["assignee_id"]>().toEqualTypeOf<number | null | undefined>();
});

test("a Zendesk comment keeps every documented field, modelled or not", () => {
  const raw = {
    id: 1274,
    type: "Comment",
    author_id: 123123,
    body: "Thanks for your help!",
    html_body: "<p>Thanks for your help!</p>",
    plain_body: "Thanks for your help!",
    public: true,
    attachments: [],
    audit_id: 432432,
    via: { channel: "web", source: { from: {}, to: {}, rel: "follow_up" } },
    created_at: "2009-07-20T22:55:29Z",
    metadata: { system: { client: "Mozilla/5.0" } },
  };
  expect(ZendeskComment.parse(raw)).toEqual(raw);
});

test("a ticket answer without tags or nullable fields reads them as empty and null", () => {
  expect(ZendeskTicket.parse({ id: 1, status: "new", requester_id: 2, updated_at: "2024-05-01T12:00:00Z" })).toEqual({
    id: 1,
    status: "new",
    requester_id: 2,
    updated_at: "2024-05-01T12:00:00Z",
    assignee_id: null,
    tags: [],
    external_id: null,
    subject: null,
  });
});

test("inputs refuse misspelt fields instead of letting Zendesk ignore them", () => {
  expect(TicketCreate.safeParse({ comment: { body: "Hi" }, requestor_id: 5 }).success).toBe(false);
  expect(TicketCreate.safeParse({ comment: { Body: "Hi" } }).success).toBe(false);
  expect(TicketCreate.safeParse({ comment: {} }).success).toBe(false);
  expect(TicketCreate.safeParse({ comment: { body: "Hi" }, tags: ["two words"] }).success).toBe(false);
  expect(TicketCreate.safeParse({ comment: { html_body: "<p>Hi</p>", public: false }, tags: ["intercom-messenger"] }).success).toBe(true);
});

test("a user to create or update must be findable by external_id or email", () => {
  expect(ZendeskUserInput.safeParse({ name: "Visitor" }).success).toBe(false);
  expect(ZendeskUserInput.safeParse({ name: "Visitor", external_id: "parley-visitor-abc" }).success).toBe(true);
  expect(ZendeskUserInput.safeParse({ name: "Roger", email: "roge@example.org", role: "end-user", skip_verify_email: true }).success).toBe(true);
});
