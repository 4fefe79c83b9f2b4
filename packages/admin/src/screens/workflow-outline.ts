/**
 * A workflow read in words, for the outline of the live workflow and of the draft: each step with
 * what it does (branch conditions and ticket attributes named) and where it leads. It reads the
 * JSON loosely: the server validates; a draft being edited may be half-written.
 */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (typeof value === "string" ? value : value === undefined || value === null ? "" : String(value));
const quoted = (value: unknown) => `“${text(value)}”`;
const valueText = (value: unknown) => (typeof value === "string" ? `“${value}”` : text(value));

const OPS: Record<string, string> = { equals: "is", not_equals: "is not", contains: "contains", is_set: "is set", not_set: "is not set" };

/** A branch or classify condition in words: "order_number is set", "the page address contains “/pricing”". */
export function describeCondition(condition: unknown): string {
  if (!isObject(condition)) return "(no condition)";
  switch (condition["kind"]) {
    case "attribute": {
      const op = text(condition["op"]);
      const needsValue = op !== "is_set" && op !== "not_set";
      return `${text(condition["attribute"])} ${OPS[op] ?? op}${needsValue ? ` ${valueText(condition["value"])}` : ""}`;
    }
    case "page_url":
      return `the page address contains ${quoted(condition["contains"])}`;
    case "language":
      return `the language is ${list(condition["in"]).map(text).join(" or ")}`;
    case "channel":
      return `the channel is ${list(condition["in"]).map(text).join(" or ")}`;
    case "office_hours":
      return condition["open"] === false ? "outside office hours" : "within office hours";
    case "message":
      return `the message mentions ${list(condition["contains_any"]).map(quoted).join(" or ")}`;
    case "all":
      return list(condition["of"]).map((inner) => `(${describeCondition(inner)})`).join(" and ");
    case "any":
      return list(condition["of"]).map((inner) => `(${describeCondition(inner)})`).join(" or ");
    case "not":
      return `not (${describeCondition(condition["condition"])})`;
    default:
      return `(${text(condition["kind"]) || "unknown"} condition)`;
  }
}

const tagList = (step: Json) =>
  [...list(step["add"]).map((tag) => `+${text(tag)}`), ...list(step["remove"]).map((tag) => `−${text(tag)}`)].join(" ");

const HANDOFF_MODES: Record<string, string> = {
  ticket: "as a Zendesk ticket",
  live: "as a live chat with a Zendesk agent",
  situation: "live within office hours, as a ticket outside them",
};

/** What a step does, in words. */
export function describeStep(step: unknown): string {
  if (!isObject(step)) return "(not a step)";
  const said = typeof step["text"] === "string" ? ` ${quoted(step["text"])}` : "";
  switch (step["type"]) {
    case "ai_answer": {
      const limit = typeof step["follow_ups"] === "number" ? ` (up to ${step["follow_ups"]} follow-ups)` : "";
      return step["then"] === undefined
        ? `the AI agent answers${limit}; nothing after it: a customer who asks for a person gets a Zendesk ticket`
        : `the AI agent answers${limit}`;
    }
    case "message":
      return `says${said}`;
    case "buttons":
      return `asks${said} with buttons ${list(step["buttons"]).map((button) => quoted(isObject(button) ? button["label"] : "")).join(", ")}`;
    case "collect_data":
      return `asks${said} for ${list(step["fields"]).map((field) => (isObject(field) ? text(field["label"]) : "")).join(", ")} in a form`;
    case "collect_reply":
      return `asks${said} and keeps the reply as ${text(step["attribute"])}`;
    case "branch":
      return `branches: ${list(step["branches"])
        .map((branch) => (isObject(branch) ? `if ${describeCondition(branch["when"])} → ${text(branch["then"])}` : ""))
        .join("; ")}; otherwise → ${text(step["otherwise"])}`;
    case "note":
      return `adds an internal note ${quoted(step["template"])}`;
    case "ai_summary":
      return "adds the AI summary as an internal note";
    case "classify": {
      const rules = list(step["rules"]).map((rule) =>
        isObject(rule) ? `${text(rule["field"])} = ${valueText(rule["value"])} if ${describeCondition(rule["when"])}` : "",
      );
      const byLlm = list(step["fields"]).map(text);
      return `sets ticket attributes: ${[...rules, ...(byLlm.length > 0 ? [`${byLlm.join(", ")} decided by the LLM`] : [])].join("; ") || "none"}`;
    }
    case "tag":
      return `tags the ticket ${tagList(step)}`.trimEnd();
    case "handoff":
      return `hands off to the team ${HANDOFF_MODES[text(step["mode"])] ?? `(${text(step["mode"])})`}${said ? `, saying${said}` : ""}`;
    default:
      return text(step["type"]) || "(no type)";
  }
}

/** The steps a step leads to. */
export function nextSteps(step: unknown): string[] {
  if (!isObject(step)) return [];
  const targets: unknown[] = [step["then"]];
  for (const button of list(step["buttons"])) if (isObject(button)) targets.push(button["then"]);
  for (const branch of list(step["branches"])) if (isObject(branch)) targets.push(branch["then"]);
  targets.push(step["otherwise"]);
  return [...new Set(targets.filter((target): target is string => typeof target === "string" && target !== ""))];
}

/** Step ids in reading order: from the greeting's buttons and the start along each path, then any the paths never reach. */
export function stepOrder(workflow: Json): string[] {
  const steps = isObject(workflow["steps"]) ? workflow["steps"] : {};
  const order: string[] = [];
  const visit = (id: unknown) => {
    if (typeof id !== "string" || order.includes(id) || steps[id] === undefined) return;
    order.push(id);
    for (const next of nextSteps(steps[id])) visit(next);
  };
  visit(workflow["start"]);
  const greeting = isObject(workflow["greeting"]) ? workflow["greeting"] : {};
  for (const button of list(greeting["buttons"])) if (isObject(button)) visit(button["then"]);
  return [...order, ...Object.keys(steps).filter((id) => !order.includes(id))];
}
