import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { AdminApiError, type AdminApi, type WorkflowIssue, type WorkflowShape, type WorkflowVersion, messageOf } from "../api";

/**
 * The owner's workflow: the live one outlined step by step, a draft edited as JSON (with the
 * greeting and name as plain fields), checked by the server, saved, set live; earlier versions can
 * be made live again.
 */
export function Workflow({ api }: { api: AdminApi }) {
  const live = useSignal<{ version: number; workflow: WorkflowShape } | null>(null);
  const versions = useSignal<WorkflowVersion[]>([]);
  const source = useSignal("");
  const issues = useSignal<WorkflowIssue[]>([]);
  const notice = useSignal<string | null>(null);
  const problem = useSignal<string | null>(null);
  const saved = useSignal(true);

  async function load() {
    try {
      const [current, draft, all] = await Promise.all([api.liveWorkflow(), api.draftWorkflow(), api.workflowVersions()]);
      live.value = current;
      versions.value = all;
      source.value = JSON.stringify(draft, null, 2);
      saved.value = true;
    } catch (error) {
      problem.value = messageOf(error);
    }
  }
  useEffect(() => {
    void load();
  }, [api]);

  /** The draft as typed, or null (with the reason shown) when it is not JSON. */
  function parsed(): Record<string, unknown> | null {
    try {
      const value: unknown = JSON.parse(source.value);
      if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
      problem.value = "The workflow must be a JSON object.";
    } catch (error) {
      problem.value = `The workflow is not valid JSON: ${messageOf(error)}`;
    }
    return null;
  }

  function setField(path: "name" | "greeting", value: string) {
    const draft = parsed();
    if (draft === null) return;
    if (path === "name") draft["name"] = value;
    else draft["greeting"] = { ...(draft["greeting"] as object), text: value };
    source.value = JSON.stringify(draft, null, 2);
    saved.value = false;
  }

  async function run(action: "validate" | "save" | "publish") {
    notice.value = null;
    problem.value = null;
    const draft = parsed();
    if (draft === null) return;
    try {
      if (action === "validate") {
        issues.value = await api.validateWorkflow(draft);
        notice.value = issues.value.length === 0 ? "The draft is valid." : null;
        if (issues.value.length > 0) problem.value = `The draft has ${issues.value.length} problem${issues.value.length === 1 ? "" : "s"}.`;
        return;
      }
      await api.saveDraft(draft);
      issues.value = [];
      saved.value = true;
      if (action === "publish") {
        const version = await api.publishDraft();
        notice.value = `Version ${version} is live: new conversations follow it.`;
        await load();
      } else notice.value = "Draft saved. Set it live when you are ready.";
    } catch (error) {
      if (error instanceof AdminApiError && error.code === "invalid_workflow") {
        issues.value = error.issues.map((issue) => ({ step: null, field: issue.path, message: issue.message }));
        problem.value = "The draft was not saved: fix the problems below.";
      } else problem.value = messageOf(error);
    }
  }

  async function rollBack(version: number) {
    try {
      await api.rollBack(version);
      notice.value = `Version ${version} is live again.`;
      await load();
    } catch (error) {
      problem.value = messageOf(error);
    }
  }

  const draft = (() => {
    try {
      return JSON.parse(source.value) as Partial<WorkflowShape>;
    } catch {
      return null;
    }
  })();

  return (
    <section aria-labelledby="workflow-title">
      <h1 id="workflow-title">Build your workflow</h1>
      <p class="muted">What the AI agent does when a customer writes: its greeting, when it answers, what it asks, and how it hands off to your team.</p>
      <div role="status" class="notice">
        {notice.value}
      </div>
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      {live.value && (
        <section class="card" aria-labelledby="live-title">
          <h2 id="live-title">
            Live: {live.value.workflow.name} <span class="badge">{live.value.version === 0 ? "built-in default" : `version ${live.value.version}`}</span>
          </h2>
          <Outline workflow={live.value.workflow} />
        </section>
      )}
      <section class="card" aria-labelledby="draft-title">
        <h2 id="draft-title">Draft {saved.value ? "" : <span class="badge badge--warn">unsaved changes</span>}</h2>
        <label class="field">
          <span>Name</span>
          <input type="text" value={draft?.name ?? ""} onChange={(event) => setField("name", event.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Greeting</span>
          <textarea rows={2} value={draft?.greeting?.text ?? ""} onChange={(event) => setField("greeting", event.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Workflow (JSON)</span>
          <span class="muted small">Steps: ai_answer, message, buttons, collect_data, collect_reply, branch, note, ai_summary, classify, tag, handoff.</span>
          <textarea
            rows={18}
            spellcheck={false}
            value={source.value}
            aria-invalid={issues.value.length > 0}
            onInput={(event) => {
              source.value = event.currentTarget.value;
              saved.value = false;
            }}
          />
        </label>
        {issues.value.length > 0 && (
          <ul class="issues" aria-label="Problems in the draft">
            {issues.value.map((issue, i) => (
              <li key={i}>
                {issue.step !== null && <strong>Step “{issue.step}”, </strong>}
                <code>{issue.field}</code>: {issue.message}
              </li>
            ))}
          </ul>
        )}
        <div class="actions">
          <button type="button" class="button button--quiet" onClick={() => run("validate")}>
            Validate
          </button>
          <button type="button" class="button button--quiet" onClick={() => run("save")}>
            Save
          </button>
          <button type="button" class="button" onClick={() => run("publish")}>
            Set live
          </button>
        </div>
      </section>
      <section class="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {versions.value.length === 0 ? (
          <p class="muted">Only the built-in default so far.</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Name</th>
                <th scope="col">Set live</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.value.map((version) => (
                <tr key={version.version}>
                  <td>{version.version === 0 ? "Built-in default" : version.version}</td>
                  <td>{version.name}</td>
                  <td>{version.created_at ? new Date(version.created_at).toLocaleString() : "—"}</td>
                  <td>
                    {version.live ? (
                      <span class="badge">Live</span>
                    ) : (
                      <button type="button" class="button button--quiet" onClick={() => rollBack(version.version)}>
                        Make version {version.version} live
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}

/** The workflow read as a list of steps from its start, each with what it does and where it leads. */
function Outline({ workflow }: { workflow: WorkflowShape }) {
  const order: string[] = [];
  const visit = (id: string | undefined) => {
    if (id === undefined || order.includes(id) || workflow.steps[id] === undefined) return;
    order.push(id);
    for (const next of nextSteps(workflow.steps[id])) visit(next);
  };
  for (const button of workflow.greeting.buttons) visit(button.then);
  visit(workflow.start);
  return (
    <>
      <p>
        <strong>Greeting:</strong> “{workflow.greeting.text}”
        {workflow.greeting.buttons.length > 0 && ` — buttons: ${workflow.greeting.buttons.map((button) => button.label).join(", ")}`}
      </p>
      <ol class="outline">
        {order.map((id) => {
          const step = workflow.steps[id]!;
          const next = nextSteps(step);
          return (
            <li key={id}>
              <strong>{id}</strong> · {describe(step)}
              {next.length > 0 && <span class="muted"> → {next.join(", ")}</span>}
            </li>
          );
        })}
      </ol>
    </>
  );
}

type StepShape = WorkflowShape["steps"][string];

function nextSteps(step: StepShape): string[] {
  const record = step as Record<string, unknown>;
  const targets = [step.then];
  if (Array.isArray(record["buttons"])) targets.push(...(record["buttons"] as { then?: string }[]).map((button) => button.then));
  if (Array.isArray(record["branches"])) targets.push(...(record["branches"] as { then?: string }[]).map((branch) => branch.then));
  if (typeof record["otherwise"] === "string") targets.push(record["otherwise"]);
  return targets.filter((target): target is string => typeof target === "string");
}

function describe(step: StepShape): string {
  const record = step as Record<string, unknown>;
  const text = typeof record["text"] === "string" ? ` “${record["text"]}”` : "";
  switch (step.type) {
    case "ai_answer":
      return `the AI agent answers${typeof record["follow_ups"] === "number" ? ` (up to ${record["follow_ups"]} follow-ups)` : ""}`;
    case "message":
      return `says${text}`;
    case "buttons":
      return `asks${text} with buttons ${((record["buttons"] as { label: string }[]) ?? []).map((button) => `“${button.label}”`).join(", ")}`;
    case "collect_data":
      return `asks for ${((record["fields"] as { label: string }[]) ?? []).map((field) => field.label).join(", ")} in a form`;
    case "collect_reply":
      return `keeps the customer's reply as ${String(record["attribute"])}`;
    case "branch":
      return "branches on conditions";
    case "note":
      return "adds an internal note";
    case "ai_summary":
      return "adds the AI summary as an internal note";
    case "classify":
      return "sets ticket fields";
    case "tag":
      return `tags the ticket${Array.isArray(record["add"]) && record["add"].length > 0 ? ` +${(record["add"] as string[]).join(" +")}` : ""}${Array.isArray(record["remove"]) && record["remove"].length > 0 ? ` −${(record["remove"] as string[]).join(" −")}` : ""}`;
    case "handoff":
      return `hands off to the team (${String(record["mode"])})`;
    default:
      return step.type;
  }
}
