import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { AdminApi, InstallationCheck as Check, InstalledOrigin } from "../api";

/** How each verification status reads to the owner, and whether it needs their attention. */
const VERIFICATION: Record<InstalledOrigin["verification"], { mark: string; label: string; warn: boolean }> = {
  verified: { mark: "✓", label: "Verified", warn: false },
  failing: { mark: "⚠", label: "Failing: user_hash or JWT does not match", warn: true },
  not_sent: { mark: "⚠", label: "Not sent: users are identified without user_hash", warn: true },
  anonymous: { mark: "–", label: "Visitors only so far", warn: false },
};

/** The installation check: every site the Messenger was pinged from, with its identity verification. */
export function InstallationCheck({ api }: { api: AdminApi }) {
  const check = useSignal<Check | null>(null);
  const problem = useSignal<string | null>(null);

  const fail = (error: unknown) => (problem.value = error instanceof Error ? error.message : String(error));
  const load = () => api.installation().then((loaded) => (check.value = loaded), fail);
  useEffect(() => {
    void load();
  }, [api]);

  async function switchEnforcement(enforce: boolean) {
    problem.value = null;
    try {
      await api.setEnforcement(enforce);
      await load();
    } catch (error) {
      fail(error);
    }
  }

  return (
    <section aria-labelledby="installation-check-title">
      <h2 id="installation-check-title">Installation check</h2>
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      {check.value && (
        <>
          <p class="muted">
            Identity verification is {check.value.enforced ? "enforced: identified users without a valid hash or JWT are refused." : "not enforced yet."}
            {check.value.held_on_by_environment && " PARLEY_ENFORCE_IDENTITY holds it on."}
          </p>
          {!check.value.held_on_by_environment && (
            <p>
              <button type="button" class="button" onClick={() => switchEnforcement(!check.value?.enforced)}>
                {check.value.enforced ? "Stop enforcing identity verification" : "Enforce identity verification"}
              </button>
            </p>
          )}
          {check.value.origins.length === 0 ? (
            <p class="muted">The Messenger has not been seen on any site yet.</p>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Site</th>
                  <th scope="col">Identity verification</th>
                  <th scope="col">Pings (verified / failing / not sent / visitors)</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {check.value.origins.map((row) => {
                  const status = VERIFICATION[row.verification];
                  return (
                    <tr key={row.origin}>
                      <td>{row.origin}</td>
                      <td class={status.warn ? "error" : row.verification === "verified" ? "verified" : undefined}>
                        <span aria-hidden="true">{status.mark} </span>
                        {status.label}
                      </td>
                      <td>
                        {row.counts.verified} / {row.counts.failing} / {row.counts.not_sent} / {row.counts.anonymous}
                      </td>
                      <td>
                        <time dateTime={row.last_seen_at}>{new Date(row.last_seen_at).toLocaleString()}</time>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
