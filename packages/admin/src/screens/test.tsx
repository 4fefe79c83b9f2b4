import { useSignal } from "@preact/signals";
import type { AdminApi, SetupState, ValidationResult } from "../api";
import { messageOf } from "../api";
import { refreshSetup, setupState } from "../setup-state";
import { whileBusy } from "./busy";

/**
 * Test: what must be ready, the test link that shows the Messenger while the app is in test mode
 * (kept for the tab, so the owner can browse their site), and the Zendesk check.
 */
export function Test({ api }: { api: AdminApi }) {
  const state = setupState.value;
  return (
    <section aria-labelledby="test-title">
      <h1 id="test-title">Test</h1>
      <p class="muted">Try the Messenger on your own site before your customers see it.</p>
      {state && <ReadyChecklist state={state} />}
      {state && <TestLinks api={api} state={state} />}
      <ValidateInZendesk api={api} />
    </section>
  );
}

function ReadyChecklist({ state }: { state: SetupState }) {
  const items = [
    { ok: state.ready.articles > 0, text: state.ready.articles > 0 ? `${state.ready.articles} help-center articles loaded` : "No help-center articles yet", href: "#/knowledge" },
    {
      ok: true,
      text:
        state.ready.workflow.live_version > 0
          ? `Workflow version ${state.ready.workflow.live_version} is live${state.ready.workflow.draft_differs ? " (the draft has changes not set live)" : ""}`
          : `The built-in workflow is live${state.ready.workflow.draft_differs ? " (the draft has changes not set live)" : ""}`,
      href: "#/workflow",
    },
    { ok: state.ready.zendesk, text: state.ready.zendesk ? "Zendesk connected" : "Zendesk not connected: conversations will not reach your team", href: "#/zendesk" },
  ];
  return (
    <div class="card" role="region" aria-labelledby="ready-title">
      <h2 id="ready-title">Ready?</h2>
      <ul class="checklist">
        {items.map((item) => (
          <li key={item.href} class={item.ok ? "checklist__ok" : "checklist__missing"}>
            <span aria-hidden="true">{item.ok ? "✓" : "!"}</span> <a href={item.href}>{item.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TestLinks({ api, state }: { api: AdminApi; state: SetupState }) {
  const page = useSignal("");
  const notice = useSignal<string | null>(null);
  const { parameter, token } = state.test_link;
  const linkFor = (address: string) => {
    try {
      const url = new URL(address);
      url.searchParams.set(parameter, token);
      return url.href;
    } catch {
      return null;
    }
  };
  const custom = page.value.trim() ? linkFor(page.value.trim()) : null;
  async function renew() {
    if (!confirm("Make a new test link? Links shared before stop showing the Messenger.")) return;
    await api.renewTestLink();
    await refreshSetup(api);
    notice.value = "A new test link is ready; the old one no longer works.";
  }
  return (
    <div class="card" role="region" aria-labelledby="test-link-title">
      <h2 id="test-link-title">Live test mode</h2>
      <p>
        {state.live
          ? "Your app is live: every visitor sees the Messenger. Back in test mode (on the Go live step) it shows only on pages opened with a test link."
          : "Your app is in test mode: customers do not see the Messenger. It shows only on pages opened with a test link, and on the pages browsed after it in that tab."}
      </p>
      <ul class="links">
        <li>
          Demo page:{" "}
          <a href={state.test_link.demo_url} target="_blank" rel="noreferrer">
            {state.test_link.demo_url}
          </a>
        </li>
        {state.sites.map((site) => (
          <li key={site}>
            Your site:{" "}
            <a href={linkFor(`${site}/`) ?? "#"} target="_blank" rel="noreferrer">
              {linkFor(`${site}/`)}
            </a>
          </li>
        ))}
      </ul>
      <div class="field">
        <label for="test-page">A page of your site</label>
        <input id="test-page" type="url" placeholder="https://shop.example.com/pricing" value={page.value} onInput={(event) => (page.value = event.currentTarget.value)} />
      </div>
      {custom && (
        <p>
          Test link:{" "}
          <a href={custom} target="_blank" rel="noreferrer">
            {custom}
          </a>
        </p>
      )}
      <div class="actions">
        <button type="button" class="button button--quiet" onClick={renew}>
          New test link
        </button>
        <span role="status" class="notice">
          {notice.value ?? ""}
        </span>
      </div>
    </div>
  );
}

function ValidateInZendesk({ api }: { api: AdminApi }) {
  const userId = useSignal("");
  const email = useSignal("");
  const busy = useSignal(false);
  const problem = useSignal<string | null>(null);
  const result = useSignal<ValidationResult | null>(null);
  const checked = useSignal<string | null>(null);

  /** The same test conversation's requester read again: after a change in Zendesk (a merge, an edited external id). */
  async function checkAgain() {
    if (checked.value === null || busy.value) return;
    busy.value = true;
    problem.value = null;
    try {
      result.value = await api.validation(checked.value);
      await refreshSetup(api);
    } catch (error) {
      problem.value = messageOf(error);
    } finally {
      busy.value = false;
    }
  }

  async function start(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    busy.value = true;
    problem.value = null;
    result.value = null;
    try {
      const id = await api.startValidation({
        ...(userId.value.trim() && { user_id: userId.value.trim() }),
        ...(email.value.trim() && { email: email.value.trim() }),
      });
      checked.value = id;
      // The ticket is made by the outbox, a moment later: ask until it is there (30 s at most).
      for (let tries = 0; tries < 30; tries++) {
        const answer = await api.validation(id);
        result.value = answer;
        if (answer.status === "done") break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      if (result.value?.status !== "done") problem.value = "Zendesk has no ticket for the test conversation yet: look at the Outbox for a failed job.";
      await refreshSetup(api);
    } catch (error) {
      problem.value = messageOf(error);
    } finally {
      busy.value = false;
    }
  }

  const done = result.value?.status === "done" ? result.value : null;
  return (
    <form class="card form" onSubmit={start} aria-labelledby="validate-title">
      <h2 id="validate-title">Validate your setup in Zendesk</h2>
      <p class="muted">
        Starts a test conversation as one of your users and shows the requester Zendesk made of it. Parley sends the user id as the requester's external_id
        (lower-cased), else finds the requester by email.
      </p>
      <div class="inline-form">
        <div class="field">
          <label for="validate-user">User ID</label>
          <input id="validate-user" value={userId.value} onInput={(event) => (userId.value = event.currentTarget.value)} autoComplete="off" />
        </div>
        <div class="field">
          <label for="validate-email">Email</label>
          <input id="validate-email" type="email" value={email.value} onInput={(event) => (email.value = event.currentTarget.value)} autoComplete="off" />
        </div>
        <button type="submit" class="button" {...whileBusy(busy.value)}>
          {busy.value ? "Checking…" : "Start test conversation"}
        </button>
      </div>
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      {result.value?.status === "waiting" && busy.value && <p role="status">Waiting for Zendesk to create the ticket…</p>}
      {done && (
        <>
          <p role="status" class={done.matches ? "verification--verified" : "error"}>
            {done.matches
              ? "Zendesk's requester is the user you expected."
              : `Mismatch: Zendesk's requester has another ${done.mismatches.join(" and ")} than expected. An existing Zendesk user may hold this email with another external id.`}
          </p>
          <table class="table">
            <caption class="visually-hidden">Expected requester and the requester in Zendesk</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Expected</th>
                <th scope="col">In Zendesk</th>
              </tr>
            </thead>
            <tbody>
              <tr class={done.mismatches.includes("external_id") ? "row--mismatch" : ""}>
                <th scope="row">external_id ↔ user_id</th>
                <td>{done.expected.external_id ?? "— (no user id)"}</td>
                <td>{done.requester.external_id ?? "—"}</td>
              </tr>
              <tr class={done.mismatches.includes("email") ? "row--mismatch" : ""}>
                <th scope="row">Email</th>
                <td>{done.expected.email ?? "—"}</td>
                <td>{done.requester.email ?? "—"}</td>
              </tr>
              <tr>
                <th scope="row">Requester</th>
                <td>—</td>
                <td>
                  {done.requester.name} (user {done.requester.id})
                </td>
              </tr>
            </tbody>
          </table>
          <p class="actions">
            {done.ticket.url && (
              <a href={done.ticket.url} target="_blank" rel="noreferrer">
                Zendesk ticket #{done.ticket.id}
              </a>
            )}
            <button type="button" class="button button--quiet" onClick={checkAgain} {...whileBusy(busy.value)}>
              Check again
            </button>
          </p>
        </>
      )}
    </form>
  );
}
