import { CONTACT_FIELDS, templateAttributes } from "./conditions";
import { type Condition, type Step, Workflow } from "./schema";

/** One thing wrong with a workflow: which step (null: the workflow itself), which field, and why. */
export interface WorkflowIssue {
  step: string | null;
  field: string;
  message: string;
}

export type WorkflowCheck = { ok: true; workflow: Workflow } | { ok: false; issues: WorkflowIssue[] };

/** Steps that wait for the customer before going on. */
const WAITS: ReadonlySet<Step["type"]> = new Set(["ai_answer", "buttons", "collect_data", "collect_reply"]);

/**
 * Parses and checks a workflow: its shape, then the graph (no unreachable steps, no branch to a
 * step that does not exist, every path ends in a hand-off or the AI's answers, no loop that never
 * waits for the customer) and the names it uses (declared attributes, known ticket fields, office
 * hours). A path that ends in the AI's answers still reaches the team when the customer asks: the
 * engine's own hand-off (a ticket) takes over there.
 */
export function validateWorkflow(input: unknown): WorkflowCheck {
  const parsed = Workflow.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => {
        const [top, id, ...rest] = issue.path.map(String);
        return top === "steps" && id !== undefined
          ? { step: id, field: rest.join(".") || "type", message: issue.message }
          : { step: null, field: issue.path.join("."), message: issue.message };
      }),
    };
  }
  const workflow = parsed.data;
  const issues: WorkflowIssue[] = [];
  const ids = new Set(Object.keys(workflow.steps));
  const declared = new Map(workflow.attributes.map((attribute) => [attribute.name, attribute]));
  const ticketFields = new Map(workflow.ticket_fields.map((field) => [field.name, field]));
  const fields = new Set(ticketFields.keys());

  const target = (step: string | null, field: string, id: string) => {
    if (!ids.has(id)) issues.push({ step, field, message: `leads to step "${id}", which does not exist` });
  };
  target(null, "start", workflow.start);
  workflow.greeting.buttons.forEach((button, i) => target(null, `greeting.buttons.${i}.then`, button.then));
  // A button is known by its label (pressed or typed): two alike could not be told apart.
  const twice = (step: string | null, field: string, names: string[], what: string) =>
    names.forEach((name, i) => {
      if (names.findIndex((other) => other.trim().toLowerCase() === name.trim().toLowerCase()) !== i) {
        issues.push({ step, field: `${field}.${i}`, message: `${what} "${name}" appears twice` });
      }
    });
  twice(null, "greeting.buttons", workflow.greeting.buttons.map((button) => button.label), "the button");

  const seenAttributes = new Set<string>();
  workflow.attributes.forEach((attribute, i) => {
    const at = `attributes.${i}`;
    if (seenAttributes.has(attribute.name)) issues.push({ step: null, field: `${at}.name`, message: `"${attribute.name}" is declared twice` });
    seenAttributes.add(attribute.name);
    if (attribute.type === "list" && !attribute.options) issues.push({ step: null, field: `${at}.options`, message: "a list attribute needs its options" });
    if (attribute.ticket_field && !fields.has(attribute.ticket_field)) {
      issues.push({ step: null, field: `${at}.ticket_field`, message: `unknown ticket field "${attribute.ticket_field}": declare it in ticket_fields` });
    }
    if (attribute.pattern !== undefined && !isRegExp(attribute.pattern)) {
      issues.push({ step: null, field: `${at}.pattern`, message: "not a valid regular expression" });
    }
  });

  const knownAttribute = (name: string) =>
    declared.has(name) || (CONTACT_FIELDS as readonly string[]).includes(name) || /^(custom|company)\.[^.$]+$/.test(name);
  const checkAttribute = (step: string, field: string, name: string) => {
    if (!knownAttribute(name)) {
      issues.push({ step, field, message: `unknown attribute "${name}": declare it in attributes (or use email, name, user_id, custom.<name>, company.<name>)` });
    }
  };
  const checkCondition = (step: string, field: string, condition: Condition) => {
    switch (condition.kind) {
      case "attribute":
        checkAttribute(step, `${field}.attribute`, condition.attribute);
        if (!["is_set", "not_set"].includes(condition.op) && condition.value === undefined) {
          issues.push({ step, field: `${field}.value`, message: `"${condition.op}" needs a value to compare with` });
        }
        return;
      case "office_hours":
        if (!workflow.office_hours) issues.push({ step, field, message: "office hours are not set: add office_hours to the workflow" });
        return;
      case "all":
      case "any":
        condition.of.forEach((inner, i) => checkCondition(step, `${field}.of.${i}`, inner));
        return;
      case "not":
        checkCondition(step, `${field}.condition`, condition.condition);
        return;
      default:
        return;
    }
  };

  for (const [id, step] of Object.entries(workflow.steps)) {
    for (const [field, next] of successors(step)) target(id, field, next);
    switch (step.type) {
      case "buttons":
        twice(id, "buttons", step.buttons.map((button) => button.label), "the button");
        break;
      case "collect_data":
        twice(id, "fields", step.fields.map((field) => field.attribute), "the attribute");
        step.fields.forEach((field, i) => {
          if (!declared.has(field.attribute)) {
            issues.push({ step: id, field: `fields.${i}.attribute`, message: `unknown attribute "${field.attribute}": declare it in attributes` });
          }
        });
        break;
      case "collect_reply":
        if (!declared.has(step.attribute)) issues.push({ step: id, field: "attribute", message: `unknown attribute "${step.attribute}": declare it in attributes` });
        break;
      case "branch":
        step.branches.forEach((branch, i) => checkCondition(id, `branches.${i}.when`, branch.when));
        break;
      case "note":
        for (const name of templateAttributes(step.template)) checkAttribute(id, "template", name);
        break;
      case "classify":
        if (step.rules.length === 0 && step.fields.length === 0) issues.push({ step: id, field: "rules", message: "give at least one rule (or a field for the LLM to classify)" });
        step.rules.forEach((rule, i) => {
          checkCondition(id, `rules.${i}.when`, rule.when);
          const field = ticketFields.get(rule.field);
          if (!field) issues.push({ step: id, field: `rules.${i}.field`, message: `unknown ticket field "${rule.field}": declare it in ticket_fields` });
          else if (field.options && !field.options.includes(rule.value)) {
            issues.push({ step: id, field: `rules.${i}.value`, message: `${JSON.stringify(rule.value)} is not one of the options of the ticket field "${rule.field}"` });
          }
        });
        step.fields.forEach((name, i) => {
          const field = ticketFields.get(name);
          if (!field) issues.push({ step: id, field: `fields.${i}`, message: `unknown ticket field "${name}": declare it in ticket_fields` });
          else if (!field.options && !step.rules.some((rule) => rule.field === name)) {
            issues.push({ step: id, field: `fields.${i}`, message: `the ticket field "${name}" has no values to choose from: give it options` });
          }
        });
        break;
      case "handoff":
        if (step.mode === "situation" && !workflow.office_hours) {
          issues.push({ step: id, field: "mode", message: "situation decides by office hours, which are not set: add office_hours to the workflow" });
        }
        break;
      default:
        break;
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  // The graph, now that every edge leads somewhere.
  const reached = new Set<string>();
  const queue = [workflow.start, ...workflow.greeting.buttons.map((button) => button.then)];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...successors(workflow.steps[id] as Step).map(([, next]) => next));
  }
  for (const id of ids) {
    if (!reached.has(id)) issues.push({ step: id, field: "type", message: "unreachable: no path from the start leads here" });
  }

  // A path ends in a hand-off, or in an AI step with nothing after it (see the ai_answer step).
  const ends = new Set([...ids].filter((id) => workflow.steps[id]?.type === "handoff" || (workflow.steps[id]?.type === "ai_answer" && workflow.steps[id]?.then === undefined)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of ids) {
      if (ends.has(id)) continue;
      if (successors(workflow.steps[id] as Step).some(([, next]) => ends.has(next))) {
        ends.add(id);
        grew = true;
      }
    }
  }
  for (const id of reached) {
    if (!ends.has(id)) {
      issues.push({
        step: id,
        field: "then",
        message: "no path from here ends with a hand-off (the AI unassigning itself and tagging the ticket for the team) or with the AI's answers",
      });
    }
  }

  for (const id of loopsWithoutWaiting(workflow)) {
    issues.push({ step: id, field: "then", message: "loops back without waiting for the customer: the conversation would never move on" });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, workflow };
}

/** Each step a step can lead to, with the field that says so. */
export function successors(step: Step): [field: string, next: string][] {
  switch (step.type) {
    case "buttons":
      return step.buttons.map((button, i) => [`buttons.${i}.then`, button.then]);
    case "branch":
      return [...step.branches.map((branch, i): [string, string] => [`branches.${i}.then`, branch.then]), ["otherwise", step.otherwise]];
    case "handoff":
      return [];
    case "ai_answer":
      return step.then === undefined ? [] : [["then", step.then]];
    default:
      return [["then", step.then]];
  }
}

/** Steps on a cycle made only of steps that do not wait for the customer. */
function loopsWithoutWaiting(workflow: Workflow): string[] {
  const looping = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const visit = (id: string, path: string[]) => {
    const step = workflow.steps[id];
    if (!step || WAITS.has(step.type)) return;
    if (state.get(id) === "open") {
      path.slice(path.indexOf(id)).forEach((member) => looping.add(member));
      return;
    }
    if (state.get(id) === "done") return;
    state.set(id, "open");
    for (const [, next] of successors(step)) visit(next, [...path, id]);
    state.set(id, "done");
  };
  for (const id of Object.keys(workflow.steps)) visit(id, []);
  return [...looping];
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
