import * as z from "zod";

/**
 * A workflow is the owner's data: the greeting, then a graph of steps the engine interprets. Stored
 * as JSON, so every shape here is a boundary; `schema_version` lets a later format read this one.
 * Steps name the next step with `then`; a path ends with a hand-off, or with an AI step that has
 * no `then` (the AI's answers are the end; see that step).
 */
export const WORKFLOW_SCHEMA_VERSION = 1;

const StepId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, "step ids are 1 to 64 letters, digits, '-' and '_', starting with a letter");
const AttributeName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "attribute names are 1 to 64 letters, digits and '_', starting with a letter");
const Text = z.string().trim().min(1, "cannot be empty").max(2000);
const Label = z.string().trim().min(1, "cannot be empty").max(80);

export const AttributeType = z.enum(["email", "name", "text", "number", "boolean", "list"]);
export type AttributeType = z.infer<typeof AttributeType>;

/** Data the workflow collects and keeps on the contact; optionally mirrored into a Zendesk ticket field. */
export const AttributeDefinition = z.strictObject({
  name: AttributeName,
  type: AttributeType,
  /** The choices of a `list` attribute. */
  options: z.array(Label).min(1).optional(),
  /** For `text`: a regular expression the whole value must match (e.g. an order number's shape). */
  pattern: z.string().max(200).optional(),
  /** What the customer is told when the pattern does not match. */
  pattern_message: Label.optional(),
  /** The Zendesk custom ticket field (from `ticket_fields`) that receives the value. */
  ticket_field: AttributeName.optional(),
  /** The key of a Zendesk user field on the requester that receives the value. */
  user_field: z.string().regex(/^[a-z0-9_]{1,64}$/, "a Zendesk user field key: lower-case letters, digits and '_'").optional(),
});
export type AttributeDefinition = z.infer<typeof AttributeDefinition>;

/** A value a Zendesk custom ticket field takes (a drop-down option's tag, a number, a checkbox). */
export const FieldValue = z.union([z.string().trim().min(1).max(200), z.number(), z.boolean()]);
export type FieldValue = z.infer<typeof FieldValue>;

/** A Zendesk custom ticket field the workflow may set, named here so steps refer to it by name. */
export const TicketField = z.strictObject({
  name: AttributeName,
  id: z.number().int().positive(),
  /** The values the field takes (a drop-down's option tags): an LLM classifying the conversation picks among these only. */
  options: z.array(FieldValue).min(1).max(100).optional(),
  /** What the field means, for the LLM that classifies into it. */
  description: z.string().trim().min(1).max(300).optional(),
});
export type TicketField = z.infer<typeof TicketField>;

const Day = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
export type Day = z.infer<typeof Day>;
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "use HH:MM (24-hour)");

/** The team's office hours: open on these days between these times, in this IANA time zone, except on holidays. */
export const OfficeHours = z.strictObject({
  time_zone: z.string().refine((zone) => isTimeZone(zone), "not an IANA time zone (e.g. Europe/Berlin)"),
  weekly: z.array(z.strictObject({ days: z.array(Day).min(1), from: ClockTime, to: ClockTime })).min(1),
  /** Whole days closed, as YYYY-MM-DD in the office's time zone. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")).default([]),
});
export type OfficeHours = z.infer<typeof OfficeHours>;

export type Condition =
  | { kind: "attribute"; attribute: string; op: "equals" | "not_equals" | "contains" | "is_set" | "not_set"; value?: string | number | boolean | undefined }
  | { kind: "page_url"; contains: string }
  | { kind: "language"; in: string[] }
  | { kind: "channel"; in: string[] }
  | { kind: "office_hours"; open: boolean }
  | { kind: "message"; contains_any: string[] }
  | { kind: "all"; of: Condition[] }
  | { kind: "any"; of: Condition[] }
  | { kind: "not"; condition: Condition };

/**
 * Attributes are the workflow's own (collected) or the contact's: `email`, `name`, `user_id`, a
 * custom attribute `custom.<name>` or the company's `company.<name>`, as the host page sends them.
 */
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("attribute"),
      attribute: z.string().min(1).max(100),
      op: z.enum(["equals", "not_equals", "contains", "is_set", "not_set"]),
      value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    }),
    z.strictObject({ kind: z.literal("page_url"), contains: z.string().min(1) }),
    z.strictObject({ kind: z.literal("language"), in: z.array(z.string().min(2)).min(1) }),
    z.strictObject({ kind: z.literal("channel"), in: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ kind: z.literal("office_hours"), open: z.boolean() }),
    z.strictObject({ kind: z.literal("message"), contains_any: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ kind: z.literal("all"), of: z.array(Condition).min(1) }),
    z.strictObject({ kind: z.literal("any"), of: z.array(Condition).min(1) }),
    z.strictObject({ kind: z.literal("not"), condition: Condition }),
  ]),
);

export const HandoffMode = z.enum(["ticket", "live", "situation"]);
export type HandoffMode = z.infer<typeof HandoffMode>;

const Button = z.strictObject({ label: Label, then: StepId });

export const Step = z.discriminatedUnion("type", [
  /**
   * The AI agent answers from the help center. Answers end in "That helped" (the path's end) or
   * another question; `then` is where the path goes when the AI cannot help, the customer asks for
   * a person, a clarifying question goes unanswered, or `follow_ups` more questions have been asked.
   * Without `then` the path ends with the AI's answers, and the customer can still reach a person:
   * as in Intercom, where a conversation Fin leaves with no step after it stays open for the team,
   * Parley's own hand-off takes over (a Zendesk ticket for the team, with the note saying why).
   */
  z.strictObject({ type: z.literal("ai_answer"), follow_ups: z.number().int().min(0).max(100).optional(), then: StepId.optional() }),
  z.strictObject({ type: z.literal("message"), text: Text, then: StepId }),
  z.strictObject({ type: z.literal("buttons"), text: Text, buttons: z.array(Button).min(1).max(10) }),
  /** A form in the Messenger: one textbox per field, named by its label. */
  z.strictObject({
    type: z.literal("collect_data"),
    text: Text,
    fields: z.array(z.strictObject({ attribute: AttributeName, label: Label, required: z.boolean().default(true) })).min(1).max(10),
    submit_label: Label.default("Submit"),
    then: StepId,
  }),
  /** The customer's next message, kept whole in an attribute. */
  z.strictObject({ type: z.literal("collect_reply"), text: Text, attribute: AttributeName, then: StepId }),
  /** The first branch whose condition holds is taken; else `otherwise`. */
  z.strictObject({
    type: z.literal("branch"),
    branches: z.array(z.strictObject({ when: Condition, then: StepId })).min(1),
    otherwise: StepId,
  }),
  /** An internal note on the ticket; `{{attribute}}` is replaced by the collected or contact value. */
  z.strictObject({ type: z.literal("note"), template: Text, then: StepId }),
  /** The AI agent's summary of the conversation, as an internal note. */
  z.strictObject({ type: z.literal("ai_summary"), then: StepId }),
  /**
   * Sets Zendesk custom ticket fields. Built in: from rules, for each field the first rule that
   * holds. With an LLM configured, the model reads the conversation and picks each field's value
   * among its allowed ones (the field's `options`, else the values its rules give); a field it
   * cannot decide keeps the rules' value. `fields` names fields only the LLM classifies.
   */
  z.strictObject({
    type: z.literal("classify"),
    rules: z.array(z.strictObject({ when: Condition, field: AttributeName, value: z.union([z.string(), z.number(), z.boolean()]) })).default([]),
    fields: z.array(AttributeName).max(20).default([]),
    then: StepId,
  }),
  z.strictObject({
    type: z.literal("tag"),
    add: z.array(z.string().min(1).max(80)).default([]),
    remove: z.array(z.string().min(1).max(80)).default([]),
    then: StepId,
  }),
  /**
   * Passes the conversation to the team: the AI unassigns itself and tags the ticket for the team.
   * `situation` means `live` within office hours and `ticket` outside them.
   */
  z.strictObject({ type: z.literal("handoff"), mode: HandoffMode, text: Text.optional() }),
]);
export type Step = z.infer<typeof Step>;
export type StepOf<T extends Step["type"]> = Extract<Step, { type: T }>;

/**
 * The owner's own words for what the AI says around its answers, by language ("en", "fr", "pt-BR"):
 * any of them, the rest stay Parley's (./engine/texts.ts).
 */
export const CustomerTextsOverride = z.strictObject({
  thatHelped: Label.optional(),
  talkToPerson: Label.optional(),
  gladItHelped: Text.optional(),
  handoffNoAnswer: Text.optional(),
  handoffAsked: Text.optional(),
  handoffAccountSpecific: Text.optional(),
  clarifyLeadIn: Text.optional(),
  mayHelp: Text.optional(),
  handoffNoReply: Text.optional(),
  handoffWorkflow: Text.optional(),
  backWithAi: Text.optional(),
});
const LanguageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "use a language tag such as en, fr or pt-BR");

export const Workflow = z.strictObject({
  schema_version: z.literal(WORKFLOW_SCHEMA_VERSION),
  name: z.string().trim().min(1).max(120).default("Workflow"),
  greeting: z.strictObject({ text: Text, buttons: z.array(Button).max(10).default([]) }),
  /** The step the customer's first message starts at. */
  start: StepId,
  attributes: z.array(AttributeDefinition).default([]),
  ticket_fields: z.array(TicketField).default([]),
  office_hours: OfficeHours.optional(),
  texts: z.record(LanguageTag, CustomerTextsOverride).optional(),
  steps: z.record(StepId, Step),
});
export type Workflow = z.infer<typeof Workflow>;
/** What an owner writes: defaults may be left out. */
export type WorkflowInput = z.input<typeof Workflow>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
