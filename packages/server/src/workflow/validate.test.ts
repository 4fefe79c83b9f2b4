import { describe, expect, test } from "vitest";
import { defaultWorkflow } from "./default-template";
import type { WorkflowInput } from "./schema";
import { validateWorkflow } from "./validate";

/** A valid workflow using every step kind; tests break one thing at a time. */
function everyKind(): WorkflowInput {
  return {
    schema_version: 1,
    greeting: { text: "Hi! How can we help?", buttons: [{ label: "Track an order", then: "order" }] },
    start: "answer",
    attributes: [
      { name: "order_number", type: "text", pattern: "[0-9]{4,}", ticket_field: "order" },
      { name: "contact_email", type: "email" },
      { name: "plan", type: "list", options: ["Free", "Pro"] },
      { name: "details", type: "text" },
    ],
    ticket_fields: [{ name: "order", id: 101 }, { name: "topic", id: 102 }],
    office_hours: { time_zone: "Europe/Berlin", weekly: [{ days: ["mon", "fri"], from: "09:00", to: "17:00" }] },
    steps: {
      answer: { type: "ai_answer", follow_ups: 3, then: "menu" },
      menu: { type: "buttons", text: "What next?", buttons: [{ label: "An order", then: "order" }, { label: "Something else", then: "why" }] },
      order: { type: "collect_data", text: "Your order?", fields: [{ attribute: "order_number", label: "Order number" }, { attribute: "contact_email", label: "Email" }], then: "route" },
      why: { type: "collect_reply", text: "Tell us more", attribute: "details", then: "route" },
      route: {
        type: "branch",
        branches: [
          { when: { kind: "office_hours", open: true }, then: "live" },
          { when: { kind: "all", of: [{ kind: "attribute", attribute: "custom.vip", op: "equals", value: true }, { kind: "language", in: ["de"] }] }, then: "live" },
        ],
        otherwise: "note",
      },
      note: { type: "note", template: "Order {{order_number}} from {{email}}", then: "summary" },
      summary: { type: "ai_summary", then: "classify" },
      classify: { type: "classify", rules: [{ when: { kind: "message", contains_any: ["refund"] }, field: "topic", value: "refund" }], then: "tag" },
      tag: { type: "tag", add: ["after-hours"], then: "say" },
      say: { type: "message", text: "Thanks, the team will write back by email.", then: "ticket" },
      ticket: { type: "handoff", mode: "ticket" },
      live: { type: "handoff", mode: "situation" },
    },
  };
}

const issuesOf = (input: unknown) => {
  const check = validateWorkflow(input);
  return check.ok ? [] : check.issues;
};

test("a workflow using every step kind is valid, and so is the default template", () => {
  expect(issuesOf(everyKind())).toEqual([]);
  expect(issuesOf(defaultWorkflow({ greeting: "Hello" }))).toEqual([]);
});

test.each(["ticket", "live", "situation"] as const)("the default template with PARLEY_HANDOFF_MODE=%s is valid and hands off that way", (mode) => {
  const workflow = defaultWorkflow({ greeting: "Hello", handoffMode: mode });
  expect(issuesOf(workflow)).toEqual([]);
  expect(workflow.steps.handoff).toMatchObject({ type: "handoff", mode });
  expect(workflow.office_hours !== undefined).toBe(mode === "situation");
});

test("defaults are filled in: required fields, submit label, holidays", () => {
  const check = validateWorkflow(everyKind());
  if (!check.ok) throw new Error("expected a valid workflow");
  const order = check.workflow.steps.order;
  expect(order?.type === "collect_data" && order.submit_label).toBe("Submit");
  expect(order?.type === "collect_data" && order.fields[0]?.required).toBe(true);
  expect(check.workflow.office_hours?.holidays).toEqual([]);
});

describe("each problem names the step and the field", () => {
  const cases: [string, (w: WorkflowInput) => void, { step: string | null; field: string; message: RegExp }][] = [
    ["an unreachable step", (w) => (w.steps.orphan = { type: "handoff", mode: "ticket" }), { step: "orphan", field: "type", message: /unreachable/ }],
    ["a dangling branch", (w) => ((w.steps.route as { otherwise: string }).otherwise = "nowhere"), { step: "route", field: "otherwise", message: /"nowhere", which does not exist/ }],
    ["a dangling button", (w) => ((w.steps.menu as { buttons: { then: string }[] }).buttons[1]!.then = "gone"), { step: "menu", field: "buttons.1.then", message: /does not exist/ }],
    ["a start that does not exist", (w) => (w.start = "begin"), { step: null, field: "start", message: /does not exist/ }],
    [
      "a path that never ends in a hand-off",
      (w) => {
        w.steps.menu = { type: "buttons", text: "Pick", buttons: [{ label: "Again", then: "menu" }] };
        w.steps.answer = { type: "ai_answer", then: "menu" };
        w.start = "answer";
        w.greeting.buttons = [];
      },
      { step: "menu", field: "then", message: /no path from here ends with a hand-off/ },
    ],
    ["an unknown attribute in a form", (w) => ((w.steps.order as { fields: { attribute: string }[] }).fields[0]!.attribute = "shoe_size"), { step: "order", field: "fields.0.attribute", message: /unknown attribute "shoe_size"/ }],
    ["an unknown attribute in a note", (w) => ((w.steps.note as { template: string }).template = "Size {{shoe_size}}"), { step: "note", field: "template", message: /unknown attribute "shoe_size"/ }],
    ["an unknown attribute in a condition", (w) => ((w.steps.route as { branches: { when: unknown }[] }).branches[0]!.when = { kind: "attribute", attribute: "tier", op: "is_set" }), { step: "route", field: "branches.0.when.attribute", message: /unknown attribute "tier"/ }],
    ["two buttons with one label", (w) => ((w.steps.menu as { buttons: { label: string }[] }).buttons[1]!.label = "an order"), { step: "menu", field: "buttons.1", message: /the button "an order" appears twice/ }],
    ["a form asking for one attribute twice", (w) => ((w.steps.order as { fields: { attribute: string }[] }).fields[1]!.attribute = "order_number"), { step: "order", field: "fields.1", message: /the attribute "order_number" appears twice/ }],
    ["an unknown ticket field", (w) => ((w.steps.classify as { rules: { field: string }[] }).rules[0]!.field = "priority_x"), { step: "classify", field: "rules.0.field", message: /unknown ticket field "priority_x"/ }],
    ["a classify step with neither rules nor fields", (w) => (w.steps.classify = { type: "classify", then: "tag" }), { step: "classify", field: "rules", message: /at least one rule/ }],
    [
      "a rule value that is not among the field's options",
      (w) => (w.ticket_fields = [{ name: "order", id: 101 }, { name: "topic", id: 102, options: ["billing", "shipping"] }]),
      { step: "classify", field: "rules.0.value", message: /"refund" is not one of the options of the ticket field "topic"/ },
    ],
    [
      "a field for the LLM with no values to choose from",
      (w) => ((w.steps.classify as { fields?: string[] }).fields = ["order"]),
      { step: "classify", field: "fields.0", message: /"order" has no values to choose from/ },
    ],
    ["an unknown field for the LLM", (w) => ((w.steps.classify as { fields?: string[] }).fields = ["mood"]), { step: "classify", field: "fields.0", message: /unknown ticket field "mood"/ }],
    ["office hours used but not set", (w) => delete w.office_hours, { step: "route", field: "branches.0.when", message: /office hours are not set/ }],
    ["a bad step shape", (w) => (w.steps.say = { type: "message", text: "", then: "ticket" }), { step: "say", field: "text", message: /cannot be empty/ }],
    ["an unknown step kind", (w) => (w.steps.say = { type: "teleport", then: "ticket" } as never), { step: "say", field: "type", message: /./ }],
    [
      "a loop that never waits for the customer",
      (w) => {
        w.steps.tag = { type: "tag", add: ["x"], then: "note" };
      },
      { step: "note", field: "then", message: /loops back without waiting/ },
    ],
  ];
  test.each(cases)("%s", (_, breakIt, expected) => {
    const workflow = everyKind();
    breakIt(workflow);
    expect(issuesOf(workflow)).toContainEqual({ step: expected.step, field: expected.field, message: expect.stringMatching(expected.message) });
  });
});

test("a field with options may be left to the LLM alone", () => {
  const workflow = everyKind();
  workflow.ticket_fields = [{ name: "order", id: 101 }, { name: "topic", id: 102, options: ["refund", "shipping"], description: "what the customer writes about" }];
  workflow.steps.classify = { type: "classify", fields: ["topic"], then: "tag" };
  expect(issuesOf(workflow)).toEqual([]);
});

test("a workflow of another schema version is refused", () => {
  expect(issuesOf({ ...everyKind(), schema_version: 2 })).toContainEqual(expect.objectContaining({ step: null, field: "schema_version" }));
});

test("the final hand-off may be removed: a path may end with the AI's answers, but a message still needs a way on", () => {
  const aiOnly = { schema_version: 1, greeting: { text: "Hi" }, start: "answer", steps: { answer: { type: "ai_answer" } } };
  expect(validateWorkflow(aiOnly).ok).toBe(true);
  const dangling = { ...aiOnly, start: "hello", steps: { hello: { type: "message", text: "Hello", then: "hello2" }, hello2: { type: "buttons", text: "Pick", buttons: [{ label: "Again", then: "hello2" }] } } };
  expect(issuesOf(dangling)).toContainEqual({ step: "hello2", field: "then", message: expect.stringMatching(/ends with a hand-off .* or with the AI's answers/) });
});
