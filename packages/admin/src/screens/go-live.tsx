import { useSignal } from "@preact/signals";
import { type AdminApi, messageOf } from "../api";
import { refreshSetup, setupState } from "../setup-state";
import { whileBusy } from "./busy";

/** Go live: one switch between "everyone sees the Messenger" and test mode; reversible. */
export function GoLive({ api }: { api: AdminApi }) {
  const busy = useSignal(false);
  const problem = useSignal<string | null>(null);
  const notice = useSignal("");
  const state = setupState.value;

  async function set(live: boolean) {
    if (busy.value) return;
    busy.value = true;
    problem.value = null;
    try {
      await api.setLive(live);
      await refreshSetup(api);
      notice.value = live ? "Your Messenger is live: every visitor sees it from their next page." : "Back in test mode: only pages opened with the test link show the Messenger.";
    } catch (error) {
      problem.value = messageOf(error);
    } finally {
      busy.value = false;
    }
  }

  const open = state?.steps.filter((step) => step.id !== "live" && !step.done) ?? [];
  return (
    <section aria-labelledby="live-title">
      <h1 id="live-title">Go live</h1>
      {state && (
        <div class="card">
          <h2>
            {state.live ? "Live" : "Test mode"} <span class={state.live ? "badge" : "badge badge--warn"}>{state.live ? "Everyone sees the Messenger" : "Only with the test link"}</span>
          </h2>
          {state.live ? (
            <p>Every visitor of a page with the snippet sees the Messenger. Going back to test mode hides it from everyone but pages opened with the test link.</p>
          ) : (
            <p>Customers do not see the Messenger yet. Going live shows it on every page with the snippet, from the next page a visitor opens; you can go back to test mode any time.</p>
          )}
          {!state.live && open.length > 0 && (
            <p class="warning">Not done yet: {open.map((step) => step.title).join(", ")}. You can go live anyway.</p>
          )}
          <div class="actions">
            {state.live ? (
              <button type="button" class="button button--quiet" {...whileBusy(busy.value)} onClick={() => set(false)}>
                Back to test mode
              </button>
            ) : (
              <button type="button" class="button" {...whileBusy(busy.value)} onClick={() => set(true)}>
                Go live
              </button>
            )}
            <span role="status" class="notice">
              {notice.value}
            </span>
          </div>
          {problem.value && (
            <p class="error" role="alert">
              {problem.value}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
