import * as z from "zod";
import type { AttributeValue } from "./conditions";
import type { AttributeDefinition, StepOf } from "./schema";

/** A field the customer got wrong, named by the label they saw. */
export interface FieldProblem {
  attribute: string;
  label: string;
  message: string;
}

export type CollectResult = { ok: true; values: Record<string, AttributeValue> } | { ok: false; problems: FieldProblem[] };

const Email = z.email();

/**
 * Checks what the customer typed into a collect-data form against the attributes' types. Values
 * come in as text (they were typed into textboxes) and leave typed: numbers as numbers, yes/no as
 * booleans, a list value as the option's own spelling.
 */
export function collectFormData(
  step: StepOf<"collect_data">,
  attributes: readonly AttributeDefinition[],
  data: Readonly<Record<string, string>>,
): CollectResult {
  const values: Record<string, AttributeValue> = {};
  const problems: FieldProblem[] = [];
  for (const field of step.fields) {
    const definition = attributes.find((attribute) => attribute.name === field.attribute);
    const raw = (Object.hasOwn(data, field.attribute) ? data[field.attribute] : undefined)?.trim() ?? "";
    const problem = (message: string) => problems.push({ attribute: field.attribute, label: field.label, message });
    if (raw === "") {
      if (field.required) problem(`Please fill in ${field.label}.`);
      continue;
    }
    if (!definition) {
      problem(`${field.label} cannot be collected here.`);
      continue;
    }
    const value = typed(definition, raw);
    if (typeof value === "object") problem(value.problem.replace("{label}", field.label));
    else values[field.attribute] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

function typed(definition: AttributeDefinition, raw: string): AttributeValue | { problem: string } {
  switch (definition.type) {
    case "email":
      return Email.safeParse(raw).success ? raw : { problem: "{label} must be an email address, like name@example.com." };
    case "number": {
      const number = Number(raw.replace(",", "."));
      return Number.isFinite(number) ? number : { problem: "{label} must be a number." };
    }
    case "boolean": {
      const answer = raw.toLowerCase();
      if (["yes", "y", "true", "1"].includes(answer)) return true;
      if (["no", "n", "false", "0"].includes(answer)) return false;
      return { problem: "{label}: please answer yes or no." };
    }
    case "list": {
      const option = definition.options?.find((choice) => choice.toLowerCase() === raw.toLowerCase());
      return option ?? { problem: `{label} must be one of: ${(definition.options ?? []).join(", ")}.` };
    }
    case "name":
    case "text": {
      if (raw.length > 500) return { problem: "{label} is too long (at most 500 characters)." };
      if (definition.pattern && !new RegExp(`^(?:${definition.pattern})$`).test(raw)) {
        return { problem: definition.pattern_message ?? "{label} is not in the expected format." };
      }
      return raw;
    }
  }
}
