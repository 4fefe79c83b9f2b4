import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { AdminApiError, type AdminApi, type WorkflowIssue, type WorkflowVersion, messageOf } from "../api";
import { WorkflowForm } from "./workflow-form";
import { describeStep, isObject, type Json, nextSteps, stepOrder } from "./workflow-outline";

/**
 * The owner's workflow: the live one and the draft outlined step by step; the draft edited in a
 * form (greeting, each step by kind, collected data, ticket fields) over its JSON, which stays
 * editable as "advanced"; checked by the server, saved, set live; earlier versions can be made
 * live again.
 */
export function Workflow({ api }: { api: AdminApi }) {
  const live = useSignal<{ version: number; workflow: Json } | null>(null);
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

  /** The draft as typed, or null when it is not a JSON object (`why` says so). */
  function read(): { draft: Json | null; why: string | null } {
    try {
      const value: unknown = JSON.parse(source.value);
      return isObject(value) ? { draft: value, why: null } : { draft: null, why: "The workflow must be a JSON object." };
    } catch (error) {
      return { draft: null, why: `The workflow is not valid JSON: ${messageOf(error)}` };
    }
  }

  /** A form edit: the JSON box shows the same draft, and a validation already shown stays until the next. */
  function edit(draft: Json) {
    source.value = JSON.stringify(draft, null, 2);
    saved.value = false;
    notice.value = null;
  }

  async function run(action: "validate" | "save" | "publish") {
    notice.value = null;
    problem.value = null;
    const { draft, why } = read();
    if (draft === null) {
      problem.value = why;
      return;
    }
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
        issues.value = error.issues.map(issueOf);
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

  const { draft, why } = read();

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
            Live: {String(live.value.workflow["name"] ?? "")} <span class="badge">{live.value.version === 0 ? "built-in default" : `version ${live.value.version}`}</span>
          </h2>
          <Outline workflow={live.value.workflow} label="Live workflow steps" />
        </section>
      )}
      {draft && (
        <section class="card" aria-labelledby="draft-outline-title">
          <h2 id="draft-outline-title">Draft: {String(draft["name"] ?? "")}</h2>
          <Outline workflow={draft} label="Draft workflow steps" />
        </section>
      )}
      <section class="card" aria-labelledby="draft-title">
        <h2 id="draft-title">Edit the draft {saved.value ? "" : <span class="badge badge--warn">unsaved changes</span>}</h2>
        {draft ? (
          <WorkflowForm draft={draft} issues={issues.value} onChange={edit} />
        ) : (
          <p class="warning">The form needs a readable draft: {why} Fix it in the JSON below.</p>
        )}
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
        <div class="subsection">
          <h3>Advanced: the draft as JSON</h3>
          <label class="field">
            <span>Workflow (JSON)</span>
            <span class="muted small">
              Everything the form edits, and what it does not (office hours, your own texts). Steps: ai_answer, message, buttons, collect_data, collect_reply, branch, note, ai_summary,
              classify, tag, handoff.
            </span>
            <textarea
              rows={18}
              spellcheck={false}
              value={source.value}
              aria-invalid={issues.value.length > 0 || why !== null}
              onInput={(event) => {
                source.value = event.currentTarget.value;
                saved.value = false;
              }}
            />
          </label>
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


/** A refusal's issue, with the step named when the path is inside one (steps.<id>.<field>). */
function issueOf(issue: { path: string; message: string }): WorkflowIssue {
  const [top, step, ...rest] = issue.path.split(".");
  if (top !== "steps" || step === undefined) return { step: null, field: issue.path, message: issue.message };
  // The server's message names the step and field for readers of the API alone; here they are shown apart.
  return { step, field: rest.join(".") || "type", message: issue.message.replace(/^step "[^"]*", [^:]*: /, "") };
}

/** The workflow read as a list of steps from its start, each with what it does and where it leads. */
function Outline({ workflow, label }: { workflow: Json; label: string }) {
  const steps = isObject(workflow["steps"]) ? workflow["steps"] : {};
  const greeting = isObject(workflow["greeting"]) ? workflow["greeting"] : {};
  const buttons = (Array.isArray(greeting["buttons"]) ? greeting["buttons"] : []).filter(isObject);
  return (
    <>
      <p>
        <strong>Greeting:</strong> “{String(greeting["text"] ?? "")}”
        {buttons.length > 0 && ` — buttons: ${buttons.map((button) => `${String(button["label"])} → ${String(button["then"])}`).join(", ")}`}
      </p>
      <ol class="outline" aria-label={label}>
        {stepOrder(workflow).map((id) => {
          const next = nextSteps(steps[id]);
          return (
            <li key={id}>
              <strong>{id}</strong> · {describeStep(steps[id])}
              {next.length > 0 && <span class="muted"> → {next.join(", ")}</span>}
            </li>
          );
        })}
      </ol>
    </>
  );
}
