import { expect, test } from "vitest";
import { WorkflowDraftResponse } from "./workflow";

test("a workflow read for its outline keeps every field the outline does not name, so the console saves it back whole", () => {
  const workflow = {
    schema_version: 1,
    name: "Spring",
    greeting: { text: "Hi!", buttons: [{ label: "Orders", then: "ask" }] },
    start: "ask",
    attributes: [{ name: "order_number", type: "text", pattern: "^A-\\d+$" }],
    office_hours: { time_zone: "Europe/Berlin", weekly: [{ days: ["mon"], from: "09:00", to: "17:00" }], holidays: [] },
    steps: {
      ask: { type: "collect_data", text: "Your order number?", attributes: ["order_number"], then: "answer" },
      answer: { type: "ai_answer", follow_ups: 2 },
    },
  };
  expect(WorkflowDraftResponse.parse({ workflow })).toEqual({ workflow });
});
