import { z } from "zod";
import { RecordErrors } from "./errors";
import { LooseBoolean } from "./input";
import type { TicketFieldRecord } from "./state";
import type { AccountStore } from "./store";

/** Fields every Zendesk account has; they can't be removed. */
const SYSTEM_FIELDS: readonly { type: string; title: string; description: string; required?: boolean }[] = [
  { type: "subject", title: "Subject", description: "", required: true },
  { type: "description", title: "Description", description: "Please enter the details of your request.", required: true },
  { type: "status", title: "Status", description: "Request status" },
  { type: "tickettype", title: "Type", description: "Request type" },
  { type: "priority", title: "Priority", description: "Request priority" },
  { type: "group", title: "Group", description: "Request group" },
  { type: "assignee", title: "Assignee", description: "Agent assigned to your request" },
];
const SYSTEM_TYPES = new Set(SYSTEM_FIELDS.map((field) => field.type));
const CUSTOM_TYPES = [
  "text",
  "textarea",
  "checkbox",
  "date",
  "integer",
  "decimal",
  "regexp",
  "partialcreditcard",
  "multiselect",
  "tagger",
  "lookup",
] as const;

export function isCustomField(field: TicketFieldRecord | undefined): boolean {
  return field !== undefined && !SYSTEM_TYPES.has(field.type);
}

/** Adds the system fields to an account that has none yet. */
export function seedSystemFields(store: AccountStore, now: string): void {
  if ([...store.ticketFields.values()].some((field) => SYSTEM_TYPES.has(field.type))) return;
  SYSTEM_FIELDS.forEach((field, position) => {
    const id = store.nextId("field");
    store.ticketFields.set(id, {
      id,
      type: field.type,
      title: field.title,
      description: field.description,
      active: true,
      required: field.required ?? false,
      removable: false,
      tag: null,
      custom_field_options: [],
      position,
      created_at: now,
      updated_at: now,
    });
  });
}

export const TicketFieldInput = z.looseObject({
  type: z.string(),
  title: z.string(),
  description: z.string().optional(),
  active: LooseBoolean.optional(),
  required: LooseBoolean.optional(),
  tag: z.string().nullable().optional(),
  custom_field_options: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
});

/** `POST /ticket_fields`: a custom field tickets may then carry in `custom_fields`. */
export function createTicketField(
  store: AccountStore,
  input: z.output<typeof TicketFieldInput>,
  now: string,
): TicketFieldRecord {
  const errors = new RecordErrors();
  const type = CUSTOM_TYPES.find((candidate) => candidate === input.type);
  if (!type) errors.add("type", `Type: ${input.type} is not valid`);
  if (input.title.trim() === "") errors.add("title", "Title: cannot be blank", "BlankValue");
  const options = input.custom_field_options ?? [];
  if ((type === "tagger" || type === "multiselect") && options.length === 0) {
    errors.add("custom_field_options", "Field options: must have at least one option");
  }
  errors.throwIfAny();
  const field: TicketFieldRecord = {
    id: store.nextId("field"),
    type: input.type,
    title: input.title.trim(),
    description: input.description ?? "",
    active: input.active ?? true,
    required: input.required ?? false,
    removable: true,
    tag: input.tag ?? null,
    custom_field_options: options.map((option) => ({ id: store.nextId("field"), name: option.name, value: option.value })),
    position: store.ticketFields.size,
    created_at: now,
    updated_at: now,
  };
  store.ticketFields.set(field.id, field);
  return field;
}
