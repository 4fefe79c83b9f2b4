import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { type AdminApi, type IdentityState, type InstalledOrigin, messageOf } from "../api";
import { CodeBlock } from "./code-block";
import { ContactMergingSwitch } from "./contact-merging";
import { hashCall, type Identifier, identifiedSettings } from "./identity-code";
import { useSetting } from "./use-setting";
import { TrustedOriginsEditor } from "./trusted-origins";

const LANGUAGES: { id: string; label: string }[] = [
  { id: "node", label: "Node.js" },
  { id: "python", label: "Python" },
  { id: "ruby", label: "Ruby" },
  { id: "php", label: "PHP" },
  { id: "go", label: "Go" },
  { id: "java", label: "Java" },
  { id: "csharp", label: "C#" },
];

const VERIFICATION: Record<InstalledOrigin["verification"], { icon: string; label: string }> = {
  verified: { icon: "✓", label: "Verified" },
  failing: { icon: "⚠", label: "Failing: wrong user_hash" },
  not_sent: { icon: "⚠", label: "Not sent: users without user_hash" },
  anonymous: { icon: "–", label: "Visitors only so far" },
};

/**
 * Identity verification, as the install step shows it: the server code computing user_hash in the
 * owner's language, the hash checker, where the Messenger was seen and how it identified users,
 * the enforcement switch, whether verified users take over their earlier contacts, and the sites
 * the Messenger may run on.
 */
export function IdentityVerification({
  api,
  appId,
  snippets,
  identifier,
  onIdentifier,
}: {
  api: AdminApi;
  appId: string;
  snippets: Record<string, string>;
  identifier: Identifier;
  onIdentifier(identifier: Identifier): void;
}) {
  const language = useSignal("node");
  const byId = identifier === "user_id";
  return (
    <section class="card" aria-labelledby="identity-title">
      <h2 id="identity-title">Identity verification</h2>
      <p>
        Your server signs each signed-in user's {byId ? "user id" : "email"} with your identity secret and puts the result in{" "}
        <code>user_hash</code>: then nobody can read another user's conversations by typing their id into a page.
      </p>
      <p class="warning" role="note">
        Never put the identity secret in a page, an app bundle or a repository: anyone holding it can pose as any of your users.
      </p>
      <fieldset class="choice">
        <legend>Identify users by</legend>
        <label class="choice__option">
          <input type="radio" name="identifier" checked={byId} onChange={() => onIdentifier("user_id")} />
          User ID
        </label>
        <label class="choice__option">
          <input type="radio" name="identifier" checked={!byId} onChange={() => onIdentifier("email")} />
          Email
        </label>
      </fieldset>
      <label class="field field--inline">
        <span>Your server's language</span>
        <select value={language.value} onChange={(event) => (language.value = event.currentTarget.value)}>
          {LANGUAGES.map((item) => (
            <option key={item.id} value={item.id}>
              {item.label}
            </option>
          ))}
        </select>
      </label>
      <CodeBlock code={snippets[language.value] ?? ""} label="Server code computing user_hash" />
      <p class="muted small">Call it where your server renders the page for a signed-in user:</p>
      <CodeBlock code={hashCall(language.value, identifier)} label="Server code signing the user" />
      <p class="muted small">
        Then put the hash in the Messenger's settings
        {byId ? ", with the user id it signs" : ", with the email it signs and no user_id (a user_id always wins over the email)"}:
      </p>
      <CodeBlock code={`window.intercomSettings = ${identifiedSettings(appId, identifier, "  ")};`} label="Messenger settings with user_hash" />
      <HashChecker api={api} identifier={identifier} />
      <Installation api={api} />
      <Enforcement api={api} />
      <ContactMergingSwitch api={api} />
      <TrustedOriginsEditor api={api} />
    </section>
  );
}

function HashChecker({ api, identifier }: { api: AdminApi; identifier: "user_id" | "email" }) {
  const value = useSignal("");
  const hash = useSignal<string | null>(null);
  const problem = useSignal<string | null>(null);
  async function check(event: Event) {
    event.preventDefault();
    problem.value = null;
    try {
      hash.value = await api.expectedHash(identifier === "user_id" ? { user_id: value.value } : { email: value.value });
    } catch (error) {
      hash.value = null;
      problem.value = messageOf(error);
    }
  }
  const label = identifier === "user_id" ? "User ID to check" : "Email to check";
  return (
    <form class="subsection" onSubmit={check}>
      <h3>Hash checker</h3>
      <p class="muted small">The hash Parley expects for a user: compare it with the one your server writes into the page.</p>
      <div class="inline-form">
        <label class="field">
          <span>{label}</span>
          <input type="text" required value={value.value} onInput={(event) => (value.value = event.currentTarget.value)} />
        </label>
        <button type="submit" class="button">
          Compute
        </button>
      </div>
      <div role="status">
        {hash.value && (
          <p>
            Expected <code>user_hash</code>: <code class="hash">{hash.value}</code>
          </p>
        )}
      </div>
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
    </form>
  );
}

function Installation({ api }: { api: AdminApi }) {
  const origins = useSignal<InstalledOrigin[] | null>(null);
  const problem = useSignal<string | null>(null);
  async function load() {
    try {
      origins.value = await api.installation();
      problem.value = null;
    } catch (error) {
      problem.value = messageOf(error);
    }
  }
  useEffect(() => {
    void load();
  }, [api]);
  return (
    <div class="subsection">
      <div class="heading-row">
        <h3>Check installation</h3>
        <button type="button" class="button button--quiet" onClick={load}>
          Refresh
        </button>
      </div>
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      {origins.value === null ? (
        <p class="muted">Loading…</p>
      ) : origins.value.length === 0 ? (
        <p class="muted">The Messenger has not been seen on any site yet: install the code above, open a page, and refresh.</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">Sites where the Messenger was seen</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Last seen</th>
              <th scope="col">Identity verification</th>
              <th scope="col">Pings (verified / failing / not sent / visitors)</th>
            </tr>
          </thead>
          <tbody>
            {origins.value.map((origin) => (
              <tr key={origin.origin}>
                <td>{origin.origin}</td>
                <td>
                  <time dateTime={origin.last_seen_at}>{new Date(origin.last_seen_at).toLocaleString()}</time>
                </td>
                <td class={`verification verification--${origin.verification}`}>
                  <span aria-hidden="true">{VERIFICATION[origin.verification].icon}</span> {VERIFICATION[origin.verification].label}
                </td>
                <td>
                  {origin.counts.verified} / {origin.counts.failing} / {origin.counts.not_sent} / {origin.counts.anonymous}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Enforcement({ api }: { api: AdminApi }) {
  const { state, problem, change } = useSetting<IdentityState>(() => api.identity(), [api]);
  const toggle = (enforce: boolean) => change(() => api.setEnforcement(enforce));
  return (
    <div class="subsection">
      <h3>Enforce identity verification</h3>
      <p class="muted small">
        On: a page that identifies a user (user_id or email) without a valid user_hash gets no Messenger, and the refusal is reported in the browser's console
        and to <code>Intercom('onError')</code>. Visitors without a login still chat anonymously. Turn it on once the table above shows every site verified:
        every server instance follows within 10 seconds.
      </p>
      {state.value && (
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={state.value.enforced}
            disabled={state.value.held_on_by_environment}
            onChange={(event) => toggle(event.currentTarget.checked)}
          />
          Enforce identity verification
        </label>
      )}
      {state.value?.held_on_by_environment && <p class="muted small">Held on by PARLEY_ENFORCE_IDENTITY on the server.</p>}
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
    </div>
  );
}
