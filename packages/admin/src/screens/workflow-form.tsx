import { useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import type { WorkflowIssue } from "../api";
import { describeCondition, isObject, type Json, stepOrder } from "./workflow-outline";

type Path = (string | number)[];

/** `value` at `path` in a copy of `root` (undefined removes the key, or the array item). */
export function setIn(root: Json, path: Path, value: unknown): Json {
  const put = (node: unknown, at: number): unknown => {
    const key = path[at]!;
    const last = at === path.length - 1;
    if (typeof key === "number") {
      const array = Array.isArray(node) ? [...node] : [];
      if (last && value === undefined) array.splice(key, 1);
      else array[key] = last ? value : put(array[key], at + 1);
      return array;
    }
    const object: Json = isObject(node) ? { ...node } : {};
    if (last && value === undefined) delete object[key];
    else object[key] = last ? value : put(object[key], at + 1);
    return object;
  };
  return put(root, 0) as Json;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string => (typeof value === "string" ? value : value === undefined || value === null ? "" : String(value));
const words = (value: string): string[] =>
  value
    .split(",")
    .map((word) => word.trim())
    .filter(Boolean);

/** What a typed value becomes: a boolean or number when it reads as one and `typed` says the field takes it, else text. */
export function typedValue(raw: string, typed: "text" | "number" | "boolean" | "any"): string | number | boolean {
  const trimmed = raw.trim();
  if ((typed === "boolean" || typed === "any") && (trimmed === "true" || trimmed === "false")) return trimmed === "true";
  if ((typed === "number" || typed === "any") && trimmed !== "" && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return raw;
}

export const STEP_TYPES: { type: string; label: string }[] = [
  { type: "ai_answer", label: "The AI answers" },
  { type: "message", label: "Message" },
  { type: "buttons", label: "Reply buttons" },
  { type: "collect_data", label: "Collect data (form)" },
  { type: "collect_reply", label: "Collect a reply" },
  { type: "branch", label: "Branches" },
  { type: "note", label: "Internal note" },
  { type: "ai_summary", label: "AI summary" },
  { type: "classify", label: "Classify ticket attributes" },
  { type: "tag", label: "Tag the ticket" },
  { type: "handoff", label: "Hand-off to the team" },
];
const typeLabel = (type: unknown) => STEP_TYPES.find((entry) => entry.type === type)?.label ?? str(type);

/** A new step of a kind, filled in enough to edit: its `then` leads to `next` (e.g. the hand-off). */
export function newStep(type: string, next: string): Json {
  switch (type) {
    case "ai_answer":
      return { type, ...(next && { then: next }) };
    case "message":
      return { type, text: "Thanks! One moment.", then: next };
    case "buttons":
      return { type, text: "What is it about?", buttons: [{ label: "Something else", then: next }] };
    case "collect_data":
      return { type, text: "A few details, please.", fields: [], then: next };
    case "collect_reply":
      return { type, text: "Tell us a little more.", attribute: "", then: next };
    case "branch":
      return { type, branches: [{ when: { kind: "attribute", attribute: "email", op: "is_set" }, then: next }], otherwise: next };
    case "note":
      return { type, template: "Note for the team", then: next };
    case "classify":
      return { type, rules: [], fields: [], then: next };
    case "tag":
      return { type, add: [], remove: [], then: next };
    case "handoff":
      return { type, mode: "ticket" };
    default:
      return { type, then: next };
  }
}

interface FormProps {
  draft: Json;
  issues: WorkflowIssue[];
  onChange(draft: Json): void;
}

/**
 * The draft workflow as a form: greeting, each step by kind, the data it collects and the ticket
 * fields it sets. Every edit rewrites the draft's JSON (the "advanced" box shows the same), so
 * what the form does not cover (office hours, texts) is kept as it was.
 */
export function WorkflowForm({ draft, issues, onChange }: FormProps) {
  const steps: Json = isObject(draft["steps"]) ? draft["steps"] : {};
  const ids = stepOrder(draft);
  const attributes = list(draft["attributes"]).filter(isObject);
  const ticketFields = list(draft["ticket_fields"]).filter(isObject);
  const greeting: Json = isObject(draft["greeting"]) ? draft["greeting"] : {};
  const set = (path: Path, value: unknown) => onChange(setIn(draft, path, value));
  /** The problem the server found with this field, if any. */
  const issueAt = (step: string | null, field: string) => issues.find((issue) => issue.step === step && issue.field === field)?.message;
  const ctx: Ctx = { ids, set, issueAt, attributes, ticketFields };
  const firstHandoff = ids.find((id) => isObject(steps[id]) && steps[id]["type"] === "handoff") ?? "";

  const newId = useSignal("");
  const newType = useSignal("message");
  const addProblem = useSignal<string | null>(null);
  function addStep() {
    const id = newId.value.trim();
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(id)) {
      addProblem.value = "A step id is 1 to 64 letters, digits, '-' and '_', starting with a letter.";
      return;
    }
    if (steps[id] !== undefined) {
      addProblem.value = `There is a step “${id}” already.`;
      return;
    }
    addProblem.value = null;
    set(["steps", id], newStep(newType.value, firstHandoff));
    newId.value = "";
  }

  return (
    <div class="workflow-form">
      <fieldset class="form-group">
        <legend>Greeting</legend>
        <TextField label="Name" value={str(draft["name"])} onChange={(value) => set(["name"], value)} problem={issueAt(null, "name")} />
        <TextField label="Greeting" multiline value={str(greeting["text"])} onChange={(value) => set(["greeting", "text"], value)} problem={issueAt(null, "greeting.text")} />
        <Rows
          label="Greeting buttons"
          items={list(greeting["buttons"])}
          addLabel="Add a greeting button"
          onAdd={() => set(["greeting", "buttons", list(greeting["buttons"]).length], { label: "New button", then: ids[0] ?? "" })}
          onRemove={(i) => set(["greeting", "buttons", i], undefined)}
          render={(button, i) => (
            <>
              <TextField label={`Button ${i + 1} label`} value={str(isObject(button) ? button["label"] : "")} onChange={(value) => set(["greeting", "buttons", i, "label"], value)} />
              <StepSelect label={`Button ${i + 1} leads to`} ctx={ctx} value={str(isObject(button) ? button["then"] : "")} onChange={(value) => set(["greeting", "buttons", i, "then"], value)} />
            </>
          )}
        />
        <StepSelect label="The first message starts at" ctx={ctx} value={str(draft["start"])} onChange={(value) => set(["start"], value)} problem={issueAt(null, "start")} />
      </fieldset>

      {ids.map((id) => (
        <StepForm key={id} id={id} step={steps[id]} ctx={ctx} onRemove={() => set(["steps", id], undefined)} />
      ))}

      <fieldset class="form-group">
        <legend>Add a step</legend>
        <div class="inline-form">
          <TextField label="New step id" value={newId.value} onChange={(value) => (newId.value = value)} />
          <label class="field">
            <span>Kind</span>
            <select value={newType.value} onChange={(event) => (newType.value = event.currentTarget.value)}>
              {STEP_TYPES.map((entry) => (
                <option key={entry.type} value={entry.type}>
                  {entry.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="button button--quiet" onClick={addStep}>
            Add step
          </button>
        </div>
        {addProblem.value && (
          <p class="error" role="alert">
            {addProblem.value}
          </p>
        )}
      </fieldset>

      <fieldset class="form-group">
        <legend>Data the workflow collects</legend>
        <Rows
          label="Attributes"
          items={attributes}
          addLabel="Add an attribute"
          onAdd={() => set(["attributes", attributes.length], { name: `attribute_${attributes.length + 1}`, type: "text" })}
          onRemove={(i) => set(["attributes", i], undefined)}
          render={(attribute, i) => (
            <>
              <TextField label={`Attribute ${i + 1} name`} value={str(isObject(attribute) ? attribute["name"] : "")} onChange={(value) => set(["attributes", i, "name"], value)} problem={issueAt(null, `attributes.${i}.name`)} />
              <label class="field">
                <span>Attribute {i + 1} type</span>
                <select value={str(isObject(attribute) ? attribute["type"] : "text")} onChange={(event) => set(["attributes", i, "type"], event.currentTarget.value)}>
                  {["text", "email", "name", "number", "boolean", "list"].map((type) => (
                    <option key={type} value={type}>
                      {type}
                    </option>
                  ))}
                </select>
              </label>
              {isObject(attribute) && attribute["type"] === "list" && (
                <TextField
                  label={`Attribute ${i + 1} options (comma-separated)`}
                  value={list(attribute["options"]).map(str).join(", ")}
                  onChange={(value) => set(["attributes", i, "options"], words(value))}
                  problem={issueAt(null, `attributes.${i}.options`)}
                />
              )}
              <TextField
                label={`Attribute ${i + 1} ticket field (optional)`}
                value={str(isObject(attribute) ? attribute["ticket_field"] : "")}
                onChange={(value) => set(["attributes", i, "ticket_field"], value.trim() || undefined)}
                problem={issueAt(null, `attributes.${i}.ticket_field`)}
              />
            </>
          )}
        />
      </fieldset>

      <fieldset class="form-group">
        <legend>Zendesk ticket fields the workflow sets</legend>
        <Rows
          label="Ticket fields"
          items={ticketFields}
          addLabel="Add a ticket field"
          onAdd={() => set(["ticket_fields", ticketFields.length], { name: `field_${ticketFields.length + 1}`, id: 1 })}
          onRemove={(i) => set(["ticket_fields", i], undefined)}
          render={(field, i) => (
            <>
              <TextField label={`Ticket field ${i + 1} name`} value={str(isObject(field) ? field["name"] : "")} onChange={(value) => set(["ticket_fields", i, "name"], value)} problem={issueAt(null, `ticket_fields.${i}.name`)} />
              <TextField
                label={`Ticket field ${i + 1} Zendesk id`}
                value={str(isObject(field) ? field["id"] : "")}
                onChange={(value) => set(["ticket_fields", i, "id"], typedValue(value, "number"))}
                problem={issueAt(null, `ticket_fields.${i}.id`)}
              />
              <TextField
                label={`Ticket field ${i + 1} values (comma-separated, optional)`}
                value={list(isObject(field) ? field["options"] : []).map(str).join(", ")}
                onChange={(value) => set(["ticket_fields", i, "options"], words(value).length > 0 ? words(value) : undefined)}
              />
            </>
          )}
        />
      </fieldset>
    </div>
  );
}

interface Ctx {
  ids: string[];
  set(path: Path, value: unknown): void;
  issueAt(step: string | null, field: string): string | undefined;
  attributes: Json[];
  ticketFields: Json[];
}

function StepForm({ id, step, ctx, onRemove }: { id: string; step: unknown; ctx: Ctx; onRemove(): void }) {
  if (!isObject(step)) return null;
  const at = (...path: Path) => ["steps", id, ...path];
  const set = (path: Path, value: unknown) => ctx.set(at(...path), value);
  const problem = (field: string) => ctx.issueAt(id, field);
  const then = (label = "Then") => <StepSelect label={`${id}: ${label}`} ctx={ctx} value={str(step["then"])} onChange={(value) => set(["then"], value)} problem={problem("then")} />;
  const textField = (label = "Text") => <TextField label={`${id}: ${label}`} multiline value={str(step["text"])} onChange={(value) => set(["text"], value)} problem={problem("text")} />;
  let body: ComponentChildren;
  switch (step["type"]) {
    case "ai_answer":
      body = (
        <>
          <TextField
            label={`${id}: Follow-up questions the AI answers (empty: no limit)`}
            value={str(step["follow_ups"])}
            onChange={(value) => set(["follow_ups"], value.trim() === "" ? undefined : typedValue(value, "number"))}
            problem={problem("follow_ups")}
          />
          <StepSelect
            label={`${id}: When the AI cannot help or the customer asks for a person`}
            ctx={ctx}
            value={str(step["then"])}
            onChange={(value) => set(["then"], value === "" ? undefined : value)}
            problem={problem("then")}
            none="Nothing after the AI: a customer who asks for a person gets a Zendesk ticket"
          />
        </>
      );
      break;
    case "message":
      body = (
        <>
          {textField()}
          {then()}
        </>
      );
      break;
    case "buttons":
      body = (
        <>
          {textField("Question")}
          <Rows
            label={`${id}: Buttons`}
            items={list(step["buttons"])}
            addLabel={`Add a button to ${id}`}
            onAdd={() => set(["buttons", list(step["buttons"]).length], { label: "New button", then: ctx.ids[0] ?? "" })}
            onRemove={(i) => set(["buttons", i], undefined)}
            render={(button, i) => (
              <>
                <TextField label={`${id}: Button ${i + 1} label`} value={str(isObject(button) ? button["label"] : "")} onChange={(value) => set(["buttons", i, "label"], value)} problem={problem(`buttons.${i}.label`)} />
                <StepSelect label={`${id}: Button ${i + 1} leads to`} ctx={ctx} value={str(isObject(button) ? button["then"] : "")} onChange={(value) => set(["buttons", i, "then"], value)} problem={problem(`buttons.${i}.then`)} />
              </>
            )}
          />
        </>
      );
      break;
    case "collect_data":
      body = (
        <>
          {textField("Question")}
          <Rows
            label={`${id}: Form fields`}
            items={list(step["fields"])}
            addLabel={`Add a form field to ${id}`}
            onAdd={() => set(["fields", list(step["fields"]).length], { attribute: str(ctx.attributes[0]?.["name"]), label: "New field", required: true })}
            onRemove={(i) => set(["fields", i], undefined)}
            render={(field, i) => (
              <>
                <AttributeSelect label={`${id}: Field ${i + 1} attribute`} ctx={ctx} value={str(isObject(field) ? field["attribute"] : "")} onChange={(value) => set(["fields", i, "attribute"], value)} problem={problem(`fields.${i}.attribute`)} />
                <TextField label={`${id}: Field ${i + 1} label`} value={str(isObject(field) ? field["label"] : "")} onChange={(value) => set(["fields", i, "label"], value)} problem={problem(`fields.${i}.label`)} />
                <label class="switch">
                  <input type="checkbox" checked={!isObject(field) || field["required"] !== false} onChange={(event) => set(["fields", i, "required"], event.currentTarget.checked)} />
                  {id}: Field {i + 1} required
                </label>
              </>
            )}
          />
          <TextField label={`${id}: Submit button`} value={str(step["submit_label"] ?? "Submit")} onChange={(value) => set(["submit_label"], value)} problem={problem("submit_label")} />
          {then()}
        </>
      );
      break;
    case "collect_reply":
      body = (
        <>
          {textField("Question")}
          <AttributeSelect label={`${id}: Keep the reply in`} ctx={ctx} value={str(step["attribute"])} onChange={(value) => set(["attribute"], value)} problem={problem("attribute")} />
          {then()}
        </>
      );
      break;
    case "branch":
      body = (
        <>
          <Rows
            label={`${id}: Branches, the first that holds is taken`}
            items={list(step["branches"])}
            addLabel={`Add a branch to ${id}`}
            onAdd={() => set(["branches", list(step["branches"]).length], { when: { kind: "attribute", attribute: "email", op: "is_set" }, then: ctx.ids[0] ?? "" })}
            onRemove={(i) => set(["branches", i], undefined)}
            render={(branch, i) => (
              <>
                <ConditionField label={`${id}: Branch ${i + 1} condition`} value={isObject(branch) ? branch["when"] : undefined} onChange={(value) => set(["branches", i, "when"], value)} problem={problemUnder(ctx, id, `branches.${i}.when`)} />
                <StepSelect label={`${id}: Branch ${i + 1} leads to`} ctx={ctx} value={str(isObject(branch) ? branch["then"] : "")} onChange={(value) => set(["branches", i, "then"], value)} problem={problem(`branches.${i}.then`)} />
              </>
            )}
          />
          <StepSelect label={`${id}: Otherwise`} ctx={ctx} value={str(step["otherwise"])} onChange={(value) => set(["otherwise"], value)} problem={problem("otherwise")} />
        </>
      );
      break;
    case "note":
      body = (
        <>
          <TextField label={`${id}: Note for the team ({{attribute}} is filled in)`} multiline value={str(step["template"])} onChange={(value) => set(["template"], value)} problem={problem("template")} />
          {then()}
        </>
      );
      break;
    case "ai_summary":
      body = then();
      break;
    case "classify":
      body = (
        <>
          <Rows
            label={`${id}: Rules, the first that holds sets its field`}
            items={list(step["rules"])}
            addLabel={`Add a rule to ${id}`}
            onAdd={() =>
              set(["rules", list(step["rules"]).length], { when: { kind: "message", contains_any: ["refund"] }, field: str(ctx.ticketFields[0]?.["name"]), value: "" })
            }
            onRemove={(i) => set(["rules", i], undefined)}
            render={(rule, i) => (
              <>
                <ConditionField label={`${id}: Rule ${i + 1} condition`} value={isObject(rule) ? rule["when"] : undefined} onChange={(value) => set(["rules", i, "when"], value)} problem={problemUnder(ctx, id, `rules.${i}.when`)} />
                <label class="field">
                  <span>
                    {id}: Rule {i + 1} ticket field
                  </span>
                  <select value={str(isObject(rule) ? rule["field"] : "")} onChange={(event) => set(["rules", i, "field"], event.currentTarget.value)}>
                    <option value="">Choose a ticket field</option>
                    {ctx.ticketFields.map((field) => (
                      <option key={str(field["name"])} value={str(field["name"])}>
                        {str(field["name"])}
                      </option>
                    ))}
                  </select>
                  {problem(`rules.${i}.field`) && <span class="error small">{problem(`rules.${i}.field`)}</span>}
                </label>
                <TextField label={`${id}: Rule ${i + 1} value`} value={str(isObject(rule) ? rule["value"] : "")} onChange={(value) => set(["rules", i, "value"], typedValue(value, "any"))} problem={problem(`rules.${i}.value`)} />
              </>
            )}
          />
          <TextField
            label={`${id}: Fields the LLM decides (comma-separated)`}
            value={list(step["fields"]).map(str).join(", ")}
            onChange={(value) => set(["fields"], words(value))}
            problem={problemUnder(ctx, id, "fields")}
          />
          {then()}
        </>
      );
      break;
    case "tag":
      body = (
        <>
          <TextField label={`${id}: Tags to add (comma-separated)`} value={list(step["add"]).map(str).join(", ")} onChange={(value) => set(["add"], words(value))} />
          <TextField label={`${id}: Tags to remove (comma-separated)`} value={list(step["remove"]).map(str).join(", ")} onChange={(value) => set(["remove"], words(value))} />
          {then()}
        </>
      );
      break;
    case "handoff":
      body = (
        <>
          <label class="field">
            <span>{id}: Hand-off</span>
            <select value={str(step["mode"])} onChange={(event) => set(["mode"], event.currentTarget.value)} aria-invalid={problem("mode") !== undefined}>
              <option value="ticket">Create a Zendesk ticket</option>
              <option value="live">Hand-off to a Zendesk agent (live)</option>
              <option value="situation">Determined by situation (office hours)</option>
            </select>
            {problem("mode") && <span class="error small">{problem("mode")}</span>}
          </label>
          <TextField label={`${id}: What the AI says (empty: Parley's words)`} multiline value={str(step["text"])} onChange={(value) => set(["text"], value.trim() === "" ? undefined : value)} problem={problem("text")} />
        </>
      );
      break;
    default:
      body = <p class="muted small">Edit this step in the advanced JSON below.</p>;
  }
  return (
    <fieldset class="form-group" aria-label={`Step ${id}`}>
      <legend>
        <span class="step-kind">{typeLabel(step["type"])}</span> · {id}
      </legend>
      {body}
      <button type="button" class="button button--quiet button--small" onClick={onRemove}>
        Remove step {id}
      </button>
    </fieldset>
  );
}

/** The first problem the server found anywhere under a field (a condition's inner parts). */
function problemUnder(ctx: Ctx, step: string, field: string): string | undefined {
  for (const suffix of ["", ".kind", ".attribute", ".value", ".op", ".of", ".0", ".1"]) {
    const found = ctx.issueAt(step, `${field}${suffix}`);
    if (found) return found;
  }
  return undefined;
}

function TextField({ label, value, onChange, problem, multiline }: { label: string; value: string; onChange(value: string): void; problem?: string | undefined; multiline?: boolean }) {
  const invalid = problem !== undefined;
  return (
    <label class="field">
      <span>{label}</span>
      {multiline ? (
        <textarea rows={2} value={value} aria-invalid={invalid} onChange={(event) => onChange(event.currentTarget.value)} />
      ) : (
        <input type="text" value={value} aria-invalid={invalid} onChange={(event) => onChange(event.currentTarget.value)} />
      )}
      {problem && <span class="error small">{problem}</span>}
    </label>
  );
}

function StepSelect({ label, ctx, value, onChange, problem, none }: { label: string; ctx: Ctx; value: string; onChange(value: string): void; problem?: string | undefined; none?: string }) {
  const known = ctx.ids.includes(value) || value === "";
  return (
    <label class="field">
      <span>{label}</span>
      <select value={value} aria-invalid={problem !== undefined} onChange={(event) => onChange(event.currentTarget.value)}>
        {none !== undefined ? <option value="">{none}</option> : value === "" && <option value="">Choose a step</option>}
        {!known && <option value={value}>{value} (no such step)</option>}
        {ctx.ids.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
      {problem && <span class="error small">{problem}</span>}
    </label>
  );
}

function AttributeSelect({ label, ctx, value, onChange, problem }: { label: string; ctx: Ctx; value: string; onChange(value: string): void; problem?: string | undefined }) {
  const names = ctx.attributes.map((attribute) => str(attribute["name"]));
  return (
    <label class="field">
      <span>{label}</span>
      <select value={value} aria-invalid={problem !== undefined} onChange={(event) => onChange(event.currentTarget.value)}>
        {!names.includes(value) && <option value={value}>{value === "" ? "Choose an attribute (add one below)" : `${value} (not declared)`}</option>}
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {problem && <span class="error small">{problem}</span>}
    </label>
  );
}

const CONDITION_KINDS: { kind: string; label: string }[] = [
  { kind: "attribute", label: "An attribute" },
  { kind: "page_url", label: "The page address" },
  { kind: "language", label: "The language" },
  { kind: "office_hours", label: "Office hours" },
  { kind: "message", label: "Words in the message" },
  { kind: "json", label: "Combined (all / any / not / channel), as JSON" },
];

function conditionOf(kind: string): Json {
  switch (kind) {
    case "page_url":
      return { kind, contains: "/pricing" };
    case "language":
      return { kind, in: ["en"] };
    case "office_hours":
      return { kind, open: true };
    case "message":
      return { kind, contains_any: ["refund"] };
    case "json":
      return { kind: "any", of: [{ kind: "attribute", attribute: "email", op: "is_set" }] };
    default:
      return { kind: "attribute", attribute: "email", op: "is_set" };
  }
}

/** A branch or rule condition: the common kinds as fields, the combined ones as JSON; always named in words below. */
function ConditionField({ label, value, onChange, problem }: { label: string; value: unknown; onChange(value: Json): void; problem?: string | undefined }) {
  const condition: Json = isObject(value) ? value : {};
  const kind = str(condition["kind"]);
  const simple = ["attribute", "page_url", "language", "office_hours", "message"].includes(kind);
  const jsonProblem = useSignal<string | null>(null);
  const put = (key: string, next: unknown) => onChange(setIn(condition, [key], next));
  return (
    <fieldset class="condition" aria-label={label}>
      <legend>{label}</legend>
      <label class="field">
        <span>{label}: kind</span>
        <select value={simple ? kind : "json"} onChange={(event) => onChange(conditionOf(event.currentTarget.value))}>
          {CONDITION_KINDS.map((entry) => (
            <option key={entry.kind} value={entry.kind}>
              {entry.label}
            </option>
          ))}
        </select>
      </label>
      {kind === "attribute" && (
        <div class="inline-form">
          <TextField label={`${label}: attribute`} value={str(condition["attribute"])} onChange={(next) => put("attribute", next.trim())} />
          <label class="field">
            <span>{label}: test</span>
            <select value={str(condition["op"])} onChange={(event) => put("op", event.currentTarget.value)}>
              <option value="equals">is</option>
              <option value="not_equals">is not</option>
              <option value="contains">contains</option>
              <option value="is_set">is set</option>
              <option value="not_set">is not set</option>
            </select>
          </label>
          {condition["op"] !== "is_set" && condition["op"] !== "not_set" && (
            <TextField label={`${label}: value`} value={str(condition["value"])} onChange={(next) => put("value", typedValue(next, "any"))} />
          )}
        </div>
      )}
      {kind === "page_url" && <TextField label={`${label}: address contains`} value={str(condition["contains"])} onChange={(next) => put("contains", next)} />}
      {kind === "language" && <TextField label={`${label}: languages (comma-separated)`} value={list(condition["in"]).map(str).join(", ")} onChange={(next) => put("in", words(next))} />}
      {kind === "office_hours" && (
        <label class="field">
          <span>{label}: when</span>
          <select value={condition["open"] === false ? "closed" : "open"} onChange={(event) => put("open", event.currentTarget.value === "open")}>
            <option value="open">within office hours</option>
            <option value="closed">outside office hours</option>
          </select>
        </label>
      )}
      {kind === "message" && (
        <TextField label={`${label}: the message mentions any of (comma-separated)`} value={list(condition["contains_any"]).map(str).join(", ")} onChange={(next) => put("contains_any", words(next))} />
      )}
      {!simple && (
        <label class="field">
          <span>{label}: JSON</span>
          <textarea
            rows={3}
            spellcheck={false}
            value={JSON.stringify(condition)}
            aria-invalid={jsonProblem.value !== null}
            onChange={(event) => {
              try {
                const parsed: unknown = JSON.parse(event.currentTarget.value);
                if (!isObject(parsed)) throw new Error("a condition is a JSON object");
                jsonProblem.value = null;
                onChange(parsed);
              } catch (error) {
                jsonProblem.value = `Not changed: ${error instanceof Error ? error.message : String(error)}`;
              }
            }}
          />
          {jsonProblem.value && <span class="error small">{jsonProblem.value}</span>}
        </label>
      )}
      <p class="muted small">Reads: {describeCondition(condition)}</p>
      {problem && <p class="error small">{problem}</p>}
    </fieldset>
  );
}

function Rows({
  label,
  items,
  render,
  addLabel,
  onAdd,
  onRemove,
}: {
  label: string;
  items: unknown[];
  render(item: unknown, i: number): ComponentChildren;
  addLabel: string;
  onAdd(): void;
  onRemove(i: number): void;
}) {
  return (
    <div class="rows" role="group" aria-label={label}>
      <div class="rows__label">{label}</div>
      {items.length === 0 && <p class="muted small">None yet.</p>}
      {items.map((item, i) => (
        <div class="row" key={i}>
          {render(item, i)}
          <button type="button" class="button button--quiet button--small" onClick={() => onRemove(i)} aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" class="button button--quiet button--small" onClick={onAdd}>
        {addLabel}
      </button>
    </div>
  );
}
