import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { type AdminApi, type Job, messageOf, type Timer } from "../api";

const FILTERS: { value: "" | Job["status"]; label: string }[] = [
  { value: "dead", label: "Failed for good" },
  { value: "pending", label: "Waiting" },
  { value: "done", label: "Done" },
  { value: "", label: "All" },
];

const STATUS_LABELS: Record<Job["status"], string> = { pending: "Waiting", done: "Done", dead: "Failed for good" };
const TIMER_STATUS_LABELS: Record<Timer["status"], string> = { pending: "Waiting", fired: "Done", cancelled: "Cancelled", dead: "Failed for good" };
/** The timers shown under each filter: a timer that fired is done. */
const TIMER_FILTERS: Record<"" | Job["status"], Timer["status"] | undefined> = { dead: "dead", pending: "pending", done: "fired", "": undefined };
const TIMER_KINDS: Record<string, string> = { clarify: "Hand off after no reply" };

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
 * The outbox: every Zendesk call, AI answer and reply import Parley performs in the background,
 * and the durable timers it fires. One that failed for good shows its last error and can be run again.
 */
export function Jobs({ api }: { api: AdminApi }) {
  const status = useSignal<"" | Job["status"]>("dead");
  const jobs = useSignal<Job[] | null>(null);
  const timers = useSignal<Timer[] | null>(null);
  const problem = useSignal<string | null>(null);
  const notice = useSignal("");

  async function load() {
    problem.value = null;
    try {
      [jobs.value, timers.value] = await Promise.all([api.jobs(status.value || undefined), api.timers(TIMER_FILTERS[status.value])]);
    } catch (error) {
      problem.value = messageOf(error);
    }
  }
  useEffect(() => {
    void load();
  }, [api]);

  async function retry(what: "Job" | "Timer", id: number) {
    problem.value = null;
    try {
      await (what === "Job" ? api.retryJob(id) : api.retryTimer(id));
      notice.value = `${what} ${id} will run again now.`;
      await load();
    } catch (error) {
      problem.value = messageOf(error);
    }
  }

  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title">Outbox</h1>
      <p class="muted">
        Zendesk calls, AI answers and timers run here, retried on failure. One that failed for good waits for you: fix the cause, then retry it.
      </p>
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
      <h2 id="jobs-list-title">Jobs</h2>
      {jobs.value?.length === 0 && <p class="card muted">No job here{status.value === "dead" ? ": nothing has failed for good." : "."}</p>}
      {jobs.value && jobs.value.length > 0 && (
        <WorkTable
          titleId="jobs-list-title"
          what="Job"
          rows={jobs.value.map((job) => ({
            id: job.id,
            name: describe(job),
            detail: job.lane,
            conversationId: job.conversation_id,
            status: job.running ? "Running" : STATUS_LABELS[job.status],
            attempts: job.attempts,
            lastError: job.last_error,
            retryable: job.status === "dead" || (job.status === "pending" && !job.running && job.attempts > 0),
          }))}
          onRetry={(id) => retry("Job", id)}
        />
      )}
      <h2 id="timers-title">Timers</h2>
      <p class="muted">The time a customer is given to answer (e.g. a clarifying question); when it runs out, the workflow moves on.</p>
      {timers.value?.length === 0 && <p class="card muted">No timer here{status.value === "dead" ? ": none has failed for good." : "."}</p>}
      {timers.value && timers.value.length > 0 && (
        <WorkTable
          titleId="timers-title"
          what="Timer"
          rows={timers.value.map((timer) => ({
            id: timer.id,
            name: TIMER_KINDS[timer.kind] ?? timer.kind,
            detail: `due ${new Date(timer.due_at).toLocaleString()}`,
            conversationId: timer.conversation_id,
            status: timer.running ? "Running" : TIMER_STATUS_LABELS[timer.status],
            attempts: timer.attempts,
            lastError: timer.last_error,
            retryable: timer.status === "dead" || (timer.status === "pending" && !timer.running && timer.next_attempt_at !== null),
          }))}
          onRetry={(id) => retry("Timer", id)}
        />
      )}
    </section>
  );
}

/** One row of background work (a job or a timer) as the owner reads it. */
interface WorkRow {
  id: number;
  name: string;
  detail: string;
  conversationId: string;
  status: string;
  attempts: number;
  lastError: string | null;
  /** Failed for good, or waiting for its next attempt after a failure: it can run again now. */
  retryable: boolean;
}

function WorkTable({ titleId, what, rows, onRetry }: { titleId: string; what: "Job" | "Timer"; rows: WorkRow[]; onRetry(id: number): void }) {
  return (
    <table class="table table--jobs" aria-labelledby={titleId}>
      <thead>
        <tr>
          <th scope="col">{what}</th>
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
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              {row.name}
              <div class="muted small">
                #{row.id} · {row.detail}
              </div>
            </td>
            <td>
              <code class="small">{row.conversationId}</code>
            </td>
            <td>{row.status}</td>
            <td>{row.attempts}</td>
            <td class="small">{row.lastError ?? "—"}</td>
            <td>
              {row.retryable && (
                <button type="button" class="button button--quiet" onClick={() => onRetry(row.id)} aria-label={`Retry ${what.toLowerCase()} ${row.id}`}>
                  Retry
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
