import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { type AdminApi, type Job, messageOf } from "../api";

const FILTERS: { value: "" | Job["status"]; label: string }[] = [
  { value: "dead", label: "Failed for good" },
  { value: "pending", label: "Waiting" },
  { value: "done", label: "Done" },
  { value: "", label: "All" },
];

const STATUS_LABELS: Record<Job["status"], string> = { pending: "Waiting", done: "Done", dead: "Failed for good" };

/** What a job does, in the owner's words. */
function describe(job: Job): string {
  const known: Record<string, string> = {
    "zendesk.ticket.create": "Create the Zendesk ticket",
    "zendesk.ticket.update": "Update the Zendesk ticket",
    "zendesk.tags": "Change the ticket's tags",
    "zendesk.handoff": "Hand off to a Zendesk agent",
    "zendesk.user.update": "Update the requester in Zendesk",
    "zendesk.import_replies": "Bring in an agent's reply",
    "zendesk.live.message": "Post a message to the live chat",
    "ai.answer": "AI agent's answer",
  };
  return known[job.type] ?? job.type;
}

/**
 * The outbox: every Zendesk call, AI answer and reply import Parley performs in the background.
 * A job that failed for good shows its last error and can be run again.
 */
export function Jobs({ api }: { api: AdminApi }) {
  const status = useSignal<"" | Job["status"]>("dead");
  const jobs = useSignal<Job[] | null>(null);
  const problem = useSignal<string | null>(null);
  const notice = useSignal("");

  async function load() {
    problem.value = null;
    try {
      jobs.value = await api.jobs(status.value || undefined);
    } catch (error) {
      problem.value = messageOf(error);
    }
  }
  useEffect(() => {
    void load();
  }, [api]);

  async function retry(job: Job) {
    problem.value = null;
    try {
      await api.retryJob(job.id);
      notice.value = `Job ${job.id} will run again now.`;
      await load();
    } catch (error) {
      problem.value = messageOf(error);
    }
  }

  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title">Outbox</h1>
      <p class="muted">Zendesk calls and AI answers run here, retried on failure. A job that failed for good waits for you: fix the cause, then retry it.</p>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        <label class="field">
          <span>Show</span>
          <select value={status.value} onChange={(event) => (status.value = event.currentTarget.value as "" | Job["status"])}>
            {FILTERS.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button button--quiet">
          Refresh
        </button>
      </form>
      <p role="status" class="notice">
        {notice.value}
      </p>
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      {jobs.value?.length === 0 && <p class="card muted">No job here{status.value === "dead" ? ": nothing has failed for good." : "."}</p>}
      {jobs.value && jobs.value.length > 0 && (
        <table class="table table--jobs">
          <caption class="visually-hidden">Jobs</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Conversation</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.value.map((job) => (
              <tr key={job.id}>
                <td>
                  {describe(job)}
                  <div class="muted small">
                    #{job.id} · {job.lane}
                  </div>
                </td>
                <td>
                  <code class="small">{job.conversation_id}</code>
                </td>
                <td>{job.running ? "Running" : STATUS_LABELS[job.status]}</td>
                <td>{job.attempts}</td>
                <td class="small">{job.last_error ?? "—"}</td>
                <td>
                  {(job.status === "dead" || (job.status === "pending" && !job.running && job.attempts > 0)) && (
                    <button type="button" class="button button--quiet" onClick={() => retry(job)} aria-label={`Retry job ${job.id}`}>
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
