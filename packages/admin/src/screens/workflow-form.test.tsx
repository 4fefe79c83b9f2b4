import { fireEvent, render, screen, within } from "@testing-library/preact";
import { expect, test, vi } from "vitest";
import { WorkflowForm } from "./workflow-form";
import type { Json } from "./workflow-outline";

const draft: Json = {
  schema_version: 1,
  name: "Orders",
  greeting: { text: "Hi!", buttons: [] },
  start: "answer",
  attributes: [{ name: "order_number", type: "text" }],
  ticket_fields: [{ name: "topic", id: 502, options: ["refund", "order"] }],
  office_hours: { time_zone: "Europe/Berlin", weekly: [{ days: ["mon"], from: "09:00", to: "17:00" }] },
  steps: {
    answer: { type: "ai_answer", then: "route" },
    route: { type: "branch", branches: [{ when: { kind: "attribute", attribute: "plan", op: "equals", value: "pro" }, then: "order" }], otherwise: "handoff" },
    order: { type: "collect_data", text: "Your order number?", fields: [{ attribute: "order_number", label: "Order number", required: true }], then: "classify" },
    classify: { type: "classify", rules: [], fields: [], then: "handoff" },
    handoff: { type: "handoff", mode: "ticket" },
  },
};

function edit() {
  const onChange = vi.fn<(next: Json) => void>();
  render(<WorkflowForm draft={draft} issues={[{ step: "route", field: "branches.0.when.value", message: '"equals" needs a value to compare with' }]} onChange={onChange} />);
  return { onChange, last: () => onChange.mock.lastCall?.[0] as Json };
}

test("a branch's condition is edited as fields, read back in words, and the server's problem shows at it", () => {
  const { last } = edit();
  const condition = screen.getByRole("group", { name: "route: Branch 1 condition" });
  expect(condition).toHaveTextContent("Reads: plan is “pro”");
  expect(condition).toHaveTextContent('"equals" needs a value to compare with');
  fireEvent.change(within(condition).getByLabelText("route: Branch 1 condition: kind"), { target: { value: "page_url" } });
  expect(last()).toMatchObject({ steps: { route: { branches: [{ when: { kind: "page_url", contains: "/pricing" }, then: "order" }] } } });
  // What the form does not edit is kept as it was.
  expect(last()["office_hours"]).toEqual(draft["office_hours"]);
});

test("a classify rule sets a declared ticket field; the LLM's fields are a list", () => {
  const { last } = edit();
  fireEvent.click(screen.getByRole("button", { name: "Add a rule to classify" }));
  expect(last()).toMatchObject({ steps: { classify: { rules: [{ when: { kind: "message", contains_any: ["refund"] }, field: "topic", value: "" }] } } });
  fireEvent.change(screen.getByLabelText("classify: Fields the LLM decides (comma-separated)"), { target: { value: "topic, priority" } });
  expect(last()).toMatchObject({ steps: { classify: { fields: ["topic", "priority"] } } });
});

test("the final hand-off can be replaced or removed: the AI step may lead nowhere, and a step can be added with a valid id only", () => {
  const { last } = edit();
  fireEvent.change(screen.getByLabelText("handoff: Hand-off"), { target: { value: "situation" } });
  expect(last()).toMatchObject({ steps: { handoff: { type: "handoff", mode: "situation" } } });
  fireEvent.change(screen.getByLabelText("answer: When the AI cannot help or the customer asks for a person"), { target: { value: "" } });
  expect((last()["steps"] as Record<string, Json>)["answer"]).toEqual({ type: "ai_answer" });
  fireEvent.click(screen.getByRole("button", { name: "Remove step handoff" }));
  expect(Object.keys(last()["steps"] as Json)).not.toContain("handoff");

  fireEvent.change(screen.getByLabelText("New step id"), { target: { value: "9lives" } });
  fireEvent.click(screen.getByRole("button", { name: "Add step" }));
  expect(screen.getByRole("alert")).toHaveTextContent("starting with a letter");
  fireEvent.change(screen.getByLabelText("New step id"), { target: { value: "thanks" } });
  fireEvent.click(screen.getByRole("button", { name: "Add step" }));
  expect((last()["steps"] as Record<string, Json>)["thanks"]).toEqual({ type: "message", text: "Thanks! One moment.", then: "handoff" });
});

test("a collect-data field names a declared attribute", () => {
  const { last } = edit();
  fireEvent.change(screen.getByLabelText("order: Field 1 label"), { target: { value: "Order #" } });
  expect(last()).toMatchObject({ steps: { order: { fields: [{ attribute: "order_number", label: "Order #", required: true }] } } });
  fireEvent.click(screen.getByLabelText("order: Field 1 required"));
  expect(last()).toMatchObject({ steps: { order: { fields: [{ required: false }] } } });
});
