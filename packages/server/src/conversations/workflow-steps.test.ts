import type { ConversationResponse, PingResponse, StartConversationResponse } from "@parley/protocol";
import { createSimulator, type Simulator } from "@parley/zendesk-sim";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test, vi } from "vitest";
import type { AgentReply, Answerer } from "../agent";
import { APP_ID, json, type TestParley, testParley } from "../testing/parley";
import { validateWorkflow, type WorkflowInput } from "../workflow";
import { SIMULATOR_URL, simulatorSupportEnv, supportApi } from "../zendesk/test-support";

// Every step kind of a workflow, run through the HTTP API against the Zendesk simulator: what the
// customer sees, and what the team finds on the ticket. Then the same path with an LLM configured.

vi.setConfig({ testTimeout: 20_000 });

const LLM_URL = "https://llm.test/v1/chat/completions";
const LLM_ENV = { PARLEY_LLM_PROVIDER: "openai", PARLEY_LLM_BASE_URL: "https://llm.test/v1", PARLEY_LLM_API_KEY: "sk-steps-test", PARLEY_LLM_MODEL: "gpt-4.1-mini" };

const llm = setupServer();
beforeAll(() => llm.listen({ onUnhandledRequest: "error" }));
afterAll(() => llm.close());

let server: TestParley | undefined;
afterEach(async () => {
  llm.resetHandlers();
  await server?.close();
  server = undefined;
});

const noAnswer: AgentReply = { kind: "handoff", reason: "no_answer", locale: "en" };
const answerer: Answerer = { answer: async () => noAnswer };

/** Every step kind: the AI, buttons, a form, a reply, a branch, a note, the AI summary, classification, tags, a message, the hand-off. */
function everyStep(fields: { order: number; topic: number; urgent: number }): WorkflowInput {
  return {
    schema_version: 1,
    name: "Every step",
    greeting: { text: "Hi! Ask away.", buttons: [{ label: "Track an order", then: "order" }] },
    start: "answer",
    attributes: [
      { name: "order_number", type: "text", pattern: "[0-9]{4,8}", ticket_field: "order" },
      { name: "email", type: "email", user_field: "contact_email" },
      { name: "details", type: "text" },
    ],
    ticket_fields: [
      { name: "order", id: fields.order },
      { name: "topic", id: fields.topic, options: ["refund", "shipping", "other"], description: "what the customer writes about" },
      { name: "urgent", id: fields.urgent, options: [true, false] },
    ],
    steps: {
      answer: { type: "ai_answer", then: "menu" },
      menu: { type: "buttons", text: "Is it about an order?", buttons: [{ label: "An order", then: "order" }, { label: "Something else", then: "why" }] },
      order: {
        type: "collect_data",
        text: "Your order number and email, please.",
        fields: [{ attribute: "order_number", label: "Order number" }, { attribute: "email", label: "Email" }],
        then: "why",
      },
      why: { type: "collect_reply", text: "What happened?", attribute: "details", then: "route" },
      route: { type: "branch", branches: [{ when: { kind: "attribute", attribute: "order_number", op: "is_set" }, then: "note" }], otherwise: "classify" },
      note: { type: "note", template: "Order {{order_number}}: {{details}}", then: "classify" },
      classify: {
        type: "classify",
        rules: [
          { when: { kind: "attribute", attribute: "details", op: "contains", value: "refund" }, field: "topic", value: "refund" },
          { when: { kind: "attribute", attribute: "details", op: "is_set" }, field: "topic", value: "other" },
        ],
        fields: ["urgent"],
        then: "tag",
      },
      tag: { type: "tag", add: ["orders"], then: "summary" },
      summary: { type: "ai_summary", then: "say" },
      say: { type: "message", text: "Thanks, that's everything the team needs.", then: "team" },
      team: { type: "handoff", mode: "ticket", text: "The team will write back here and by email." },
    },
  };
}

async function setup(env: Record<string, string> = {}) {
  const sim = createSimulator();
  const field = async (type: string, title: string, options?: string[]) =>
    (
      await supportApi(sim, "POST", "ticket_fields.json", {
        ticket_field: { type, title, ...(options && { custom_field_options: options.map((value) => ({ name: value, value })) }) },
      })
    ).ticket_field.id as number;
  const fields = { order: await field("text", "Order number"), topic: await field("tagger", "Topic", ["refund", "shipping", "other"]), urgent: await field("checkbox", "Urgent") };
  server = await testParley(
    { ...simulatorSupportEnv(), ...env },
    {
      answerer,
      // Zendesk calls go to the simulator; anything else (the LLM) through fetch, where msw answers.
      fetch: async (input, init) => (String(input instanceof Request ? input.url : input).startsWith(SIMULATOR_URL) ? sim.fetch(new Request(input, init)) : fetch(input, init)),
    },
  );
  const check = validateWorkflow(everyStep(fields));
  if (!check.ok) throw new Error(JSON.stringify(check.issues));
  await server.parley.workflows.setLive(check.workflow);
  return { sim, fields, server };
}

/** Ada goes down every step: the AI cannot help, she presses "An order", fills the form, says what happened. */
async function walkEveryStep(target: TestParley) {
  const ping = (await (
    await target.request(`/v1/apps/${APP_ID}/ping`, json({ visitor_id: "visitor-steps-01", user: { user_id: "ada-steps", name: "Ada" } }))
  ).json()) as PingResponse;
  expect(ping.app.greeting).toBe("Hi! Ask away.");
  const headers = { Authorization: `Bearer ${ping.session.token}` };
  let sent = 0;
  const clientId = () => `client-steps-${String(++sent).padStart(4, "0")}`;
  const started = (await (
    await target.request(`/v1/apps/${APP_ID}/conversations`, json({ client_id: clientId(), text: "My jacket's zip broke after two days" }, headers))
  ).json()) as StartConversationResponse;
  const id = started.conversation.id;
  await target.parley.outbox.idle();
  const send = async (body: Record<string, unknown>) => {
    const response = await target.request(`/v1/apps/${APP_ID}/conversations/${id}/messages`, json({ client_id: clientId(), ...body }, headers));
    expect(response.status).toBe(201);
    await target.parley.outbox.idle();
  };
  const thread = async () => (await (await target.request(`/v1/apps/${APP_ID}/conversations/${id}`, { headers })).json()) as ConversationResponse;

  expect((await thread()).messages.at(-1)?.buttons.map((button) => button.label)).toEqual(["An order", "Something else"]);
  await send({ text: "An order", action: "choose_option" });
  expect((await thread()).messages.at(-1)?.form?.fields.map((field) => field.label)).toEqual(["Order number", "Email"]);
  await send({ text: "Order number: 10452\nEmail: ada@example.com", form: { order_number: "10452", email: "ada@example.com" } });
  expect((await thread()).messages.at(-1)?.text).toBe("What happened?");
  await send({ text: "The zip broke, I'd like a refund please" });
  return { id, said: (await thread()).messages.map((message) => message.text) };
}

async function ticketOf(sim: Simulator) {
  const [ticket] = (await supportApi(sim, "GET", "tickets.json")).tickets;
  const comments: { body: string; public: boolean }[] = (await supportApi(sim, "GET", `tickets/${ticket.id}/comments.json`)).comments;
  const requester = (await supportApi(sim, "GET", `users/${ticket.requester_id}.json`)).user;
  return { ticket, notes: comments.filter((comment) => !comment.public).map((comment) => comment.body), requester };
}

const fieldValue = (ticket: { custom_fields: { id: number; value: unknown }[] }, id: number) => ticket.custom_fields.find((field) => field.id === id)?.value;

test("every step kind, built in: the customer is taken through each, and the ticket carries the note, the summary, the fields, the tags and the hand-off", async () => {
  const { sim, fields, server: target } = await setup();
  const { said } = await walkEveryStep(target);
  expect(said.slice(-2)).toEqual(["Thanks, that's everything the team needs.", "The team will write back here and by email."]);

  const { ticket, notes, requester } = await ticketOf(sim);
  expect(ticket.status).toBe("open");
  expect(ticket.assignee_id).toBeNull();
  expect(ticket.tags).toEqual(expect.arrayContaining(["intercom-messenger", "fin-involved", "orders", "fin-routed-to-team"]));
  expect(fieldValue(ticket, fields.order)).toBe("10452");
  expect(fieldValue(ticket, fields.topic)).toBe("refund");
  // No rule decides "urgent", and no LLM is configured: it stays unset.
  expect(fieldValue(ticket, fields.urgent) ?? null).toBeNull();
  expect(requester.user_fields).toMatchObject({ contact_email: "ada@example.com" });
  expect(notes).toContain("Order 10452: The zip broke, I'd like a refund please");
  const summary = notes.find((note) => note.startsWith("AI summary of the conversation:"));
  expect(summary).toMatch(/- The customer asked: "My jacket's zip broke after two days"\n- The AI agent gave no answer\./);
  expect(summary).toContain("- Order number: 10452");
  expect(notes.at(-1)).toMatch(/^The AI agent found no answer in the help center[\s\S]*Collected data:\n- Order number: 10452\n- Email: ada@example.com/);
});

test("with an LLM configured, the summary and the classification come from the model, grounded in the conversation", async () => {
  const asked: { system: string; user: string }[] = [];
  llm.use(
    http.post(LLM_URL, async ({ request }) => {
      const body = (await request.json()) as { messages: { role: string; content: string }[] };
      const [system, user] = body.messages.map((message) => message.content);
      asked.push({ system: system ?? "", user: user ?? "" });
      const content = /classify/i.test(system ?? "")
        ? JSON.stringify({ fields: { topic: "shipping", urgent: true } })
        : JSON.stringify({ summary: "- Ada's jacket zip broke after two days (order 10452); she wants a refund.\n- The help center had no answer." });
      return HttpResponse.json({
        id: "chatcmpl-1",
        object: "chat.completion",
        created: 1741569952,
        model: "gpt-4.1-mini-2025-04-14",
        choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
        usage: { prompt_tokens: 300, completion_tokens: 40, total_tokens: 340 },
      });
    }),
  );
  const { sim, fields, server: target } = await setup(LLM_ENV);
  await walkEveryStep(target);

  const { ticket, notes } = await ticketOf(sim);
  expect(asked).toHaveLength(2);
  for (const { user } of asked) {
    expect(user).toContain("[customer] My jacket's zip broke after two days");
    expect(user).toContain("[customer] The zip broke, I'd like a refund please");
    expect(user).toContain("- Order number: 10452");
  }
  // The model's choice wins over the rules' "refund", and it decides the field no rule covers.
  expect(fieldValue(ticket, fields.topic)).toBe("shipping");
  expect(fieldValue(ticket, fields.urgent)).toBe(true);
  expect(fieldValue(ticket, fields.order)).toBe("10452");
  expect(notes).toContain(
    [
      "AI summary of the conversation:",
      "- Ada's jacket zip broke after two days (order 10452); she wants a refund.",
      "- The help center had no answer.",
      "Collected:",
      "- Order number: 10452",
      "- Email: ada@example.com",
      "- details: The zip broke, I'd like a refund please",
    ].join("\n"),
  );
  expect(ticket.status).toBe("open");
});

test("when the LLM fails, the built-in summary and the rules' fields go on the ticket, and nothing is lost", async () => {
  llm.use(http.post(LLM_URL, () => HttpResponse.json({ error: { message: "boom", type: "server_error", param: null, code: null } }, { status: 500 })));
  const { sim, fields, server: target } = await setup(LLM_ENV);
  await walkEveryStep(target);
  const { ticket, notes } = await ticketOf(sim);
  expect(notes.some((note) => /^AI summary of the conversation:\n- The customer asked:/.test(note))).toBe(true);
  expect(fieldValue(ticket, fields.topic)).toBe("refund");
  expect(fieldValue(ticket, fields.urgent) ?? null).toBeNull();
  expect(ticket.tags).toContain("fin-routed-to-team");
});

test("PARLEY_TAG_NAMES renames the tags Parley sets, for the account's own triggers", async () => {
  const { sim, server: target } = await setup({ PARLEY_TAG_NAMES: "routed_to_team=escalated,messenger=web-chat" });
  await walkEveryStep(target);
  const { ticket } = await ticketOf(sim);
  expect(ticket.tags).toEqual(expect.arrayContaining(["web-chat", "fin-involved", "orders", "escalated"]));
  expect(ticket.tags).not.toContain("fin-routed-to-team");
  expect(ticket.tags).not.toContain("intercom-messenger");
});
