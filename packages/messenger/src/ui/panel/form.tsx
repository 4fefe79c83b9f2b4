import type { MessageForm } from "@parley/protocol";
import { useState } from "preact/hooks";
import type { FormResult } from "../../state/session";
import { enForm } from "../../i18n/en-form";

type Field = MessageForm["fields"][number];

/** Catches what can be seen without the server (empty, not an email, not a number), in the server's words. */
export function checkField(field: Field, raw: string): string | null {
  const value = raw.trim();
  if (value === "") return field.required ? enForm.required(field.label) : null;
  if (field.type === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return enForm.email(field.label);
  if (field.type === "number" && !Number.isFinite(Number(value.replace(",", ".")))) return enForm.number(field.label);
  return null;
}

/**
 * A workflow's collect-data form: one textbox per field, named by its label, and a submit button.
 * A wrong value is named next to its field, and everything typed stays where it was.
 */
export function CollectForm({
  form,
  disabled,
  onSubmit,
}: {
  form: MessageForm;
  disabled: boolean;
  onSubmit(text: string, values: Record<string, string>): Promise<FormResult>;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const field of form.fields) {
      const problem = checkField(field, values[field.name] ?? "");
      if (problem) found[field.name] = problem;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return focusFirstProblem(event.currentTarget as HTMLFormElement);
    const filled = Object.fromEntries(form.fields.map((field) => [field.name, (values[field.name] ?? "").trim()]));
    const text = form.fields
      .filter((field) => filled[field.name] !== "")
      .map((field) => `${field.label}: ${filled[field.name]}`)
      .join("\n");
    setSending(true);
    const target = event.currentTarget as HTMLFormElement;
    const result = await onSubmit(text, filled);
    setSending(false);
    if (result.ok) return setSent(true);
    setProblems(result.problems);
    focusFirstProblem(target);
  }

  if (sent) return null;
  return (
    <form class="parley-form" noValidate onSubmit={(event) => void submit(event)}>
      {form.fields.map((field) => {
        const id = `parley-field-${field.name}`;
        const problem = problems[field.name];
        return (
          <div class="parley-form__field" key={field.name}>
            <label for={id}>{field.label}</label>
            <input
              id={id}
              name={field.name}
              type={field.type === "email" ? "email" : "text"}
              inputMode={field.type === "number" ? "decimal" : undefined}
              autoComplete={field.type === "email" ? "email" : field.type === "name" ? "name" : "off"}
              list={field.options ? `${id}-options` : undefined}
              value={values[field.name] ?? ""}
              aria-invalid={problem ? "true" : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              required={field.required}
              onInput={(event) => setValues({ ...values, [field.name]: event.currentTarget.value })}
            />
            {field.options ? (
              <datalist id={`${id}-options`}>
                {field.options.map((option) => (
                  <option key={option} value={option} />
                ))}
              </datalist>
            ) : null}
            {problem ? (
              <p class="parley-form__problem" id={`${id}-problem`}>
                {problem}
              </p>
            ) : null}
          </div>
        );
      })}
      {problems[""] ? (
        <p class="parley-form__problem" role="alert">
          {problems[""]}
        </p>
      ) : null}
      <button type="submit" class="parley-form__submit" disabled={disabled || sending}>
        {form.submit_label}
      </button>
    </form>
  );
}

function focusFirstProblem(form: HTMLFormElement) {
  form.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
}

export const formStyles = `\
.parley-form{display:flex;flex-direction:column;gap:10px;margin:4px 0 8px;padding:12px 14px;border:1px solid #e5e7eb;border-radius:12px;background:#fff}\
.parley-form__field{display:flex;flex-direction:column;gap:4px}\
.parley-form label{font-size:13px;font-weight:600;color:#374151}\
.parley-form input{padding:8px 10px;border:1px solid #d1d5db;border-radius:8px;font:inherit;color:inherit}\
.parley-form input:focus{outline:2px solid var(--parley-color);outline-offset:1px}\
.parley-form input[aria-invalid="true"]{border-color:#b91c1c}\
.parley-form__problem{margin:0;font-size:12.5px;color:#b91c1c}\
.parley-form__submit{align-self:flex-start;padding:8px 16px;border:0;border-radius:999px;background:var(--parley-color);color:#fff;font:inherit;font-weight:600;cursor:pointer}\
.parley-form__submit:disabled{opacity:.5;cursor:default}\
`;
