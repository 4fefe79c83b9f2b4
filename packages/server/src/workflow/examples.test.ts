import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { DEFAULT_ENGINE_CONFIG, type Effect, type EngineEvent, initialState, step } from "../engine";
import { validateWorkflow, type Workflow } from "./index";

const DIR = fileURLToPath(new URL("../../../../examples/workflows/", import.meta.url));

function load(name: string): Workflow {
  const check = validateWorkflow(JSON.parse(readFileSync(join(DIR, name), "utf8")));
  if (!check.ok) throw new Error(`${name}: ${JSON.stringify(check.issues)}`);
  return check.workflow;
}

test.each(readdirSync(DIR).filter((file) => file.endsWith(".json")))("%s is a valid workflow", (file) => {
  expect(validateWorkflow(JSON.parse(readFileSync(join(DIR, file), "utf8"))).ok).toBe(true);
});

/** The customer asks something the AI cannot answer, at `at`. */
function unanswered(workflow: Workflow, at: Date) {
  const config = { ...DEFAULT_ENGINE_CONFIG, workflow };
  const events: EngineEvent[] = [
    { type: "customer.message", messageId: "m1", text: "Can I pick up my order at your Berlin warehouse?" },
    { type: "ai.replied", questionMessageId: "m1", reply: { kind: "handoff", reason: "no_answer", locale: "en" } },
  ];
  let state = initialState(1);
  let effects: Effect[] = [];
  for (const event of events) ({ state, effects } = step(state, event, at, config));
  const notes = effects.flatMap((effect) =>
    effect.type === "zendesk.ai_summary" ? [effect.builtIn] : effect.type === "zendesk.ticket.update" && effect.comment?.public === false ? [effect.comment.body] : [],
  );
  const said = effects.flatMap((effect) => (effect.type === "message.send" ? [effect.message.text] : []));
  return { state, notes, said };
}

test("Berlin office hours: a Tuesday afternoon in Berlin hands off to live chat", () => {
  const { state, said, notes } = unanswered(load("live-chat-office-hours-berlin.json"), new Date("2026-12-01T16:30:00Z")); // 17:30 CET
  expect(state.workflow.handoffMode).toBe("live");
  expect(said).toEqual([expect.stringMatching(/connecting you with the team now/)]);
  expect(notes).toHaveLength(1);
  expect(notes[0]).toContain("Hand-off mode: live chat.");
});

test("Berlin office hours: after 18:00, on weekends and on holidays it is a ticket with the AI summary as an internal note", () => {
  for (const at of ["2026-12-01T17:30:00Z", "2026-12-05T10:00:00Z", "2026-12-24T10:00:00Z"]) {
    const { state, said, notes } = unanswered(load("live-chat-office-hours-berlin.json"), new Date(at));
    expect(state.workflow.handoffMode, at).toBe("ticket");
    expect(said[0]).toMatch(/offline right now/);
    expect(notes[0]).toMatch(/^AI summary of the conversation:\n- The customer asked: "Can I pick up my order at your Berlin warehouse\?"/);
    expect(state.tags).toContain("fin-routed-to-team");
  }
});

test("collect order number: the hand-off waits for the form", () => {
  const { state, said, notes } = unanswered(load("collect-order-number.json"), new Date("2026-12-01T10:00:00Z"));
  expect(state.phase).toBe("ai");
  expect(state.workflow.at).toBe("order");
  expect(said).toEqual([expect.stringMatching(/what's your order number/)]);
  expect(notes).toEqual([]);
});
