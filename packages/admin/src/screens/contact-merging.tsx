import type { AdminApi, ContactMerging } from "../api";
import { useSetting } from "./use-setting";

/**
 * The owner's choice whether a user's first verified visit takes over what was said under their
 * name before verification. Off by default, and the screen says why: anyone could have made those.
 */
export function ContactMergingSwitch({ api }: { api: AdminApi }) {
  const { state, problem, change } = useSetting<ContactMerging>(() => api.contactMerging(), [api]);
  const toggle = (merge: boolean) => change(() => api.setContactMerging(merge));
  return (
    <div class="subsection">
      <h3 id="merging-title">Earlier contacts of verified users</h3>
      <p class="muted small" id="merging-off">
        <strong>Off (the default):</strong> when a user's first visit with a valid user_hash arrives, the contacts made before under their user id or email
        without one, and the anonymous visitor of the same browser, stay apart: the user does not see those conversations.
      </p>
      <p class="muted small" id="merging-on">
        <strong>On:</strong> that verified visit takes those contacts over, conversations included, and the user sees them in their Messenger.
      </p>
      <p class="warning small" role="note" id="merging-why">
        Why it is off: anyone could have made those earlier contacts. Before verification any page can name any user id or email, and the anonymous visitor
        of a shared computer may have been someone else. Turned on, a stranger's conversations (or messages planted to mislead) would land in your user's
        Messenger. Turn it on only if every site sent user_hash from the start, or those earlier conversations are worth that risk.
      </p>
      {state.value && (
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={state.value.enabled}
            disabled={state.value.held_on_by_environment}
            aria-describedby="merging-off merging-on merging-why"
            onChange={(event) => toggle(event.currentTarget.checked)}
          />
          Merge earlier unverified contacts into verified users
        </label>
      )}
      {state.value?.held_on_by_environment && (
        <p class="muted small">Held on by PARLEY_MERGE_UNVERIFIED_CONTACTS on the server: unset it there to decide here.</p>
      )}
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
    </div>
  );
}
