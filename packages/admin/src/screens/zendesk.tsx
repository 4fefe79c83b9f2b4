import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { AdminApiError, type AdminApi, type ConversationsConnection, type SupportConnection, messageOf } from "../api";
import { refreshSetup, setupState } from "../setup-state";
import { whileBusy } from "./busy";
import { HandoffChoice } from "./handoff";

/**
 * Connect Zendesk: the Support API (tickets; an agent's email and API token, or an OAuth token)
 * and the Conversations API (live chat; an app key). "Connect" tries the credentials against
 * Zendesk for real and says which field is wrong; live chat is refused, with the reason and a link
 * to the account's messaging settings, while multiple conversations are off.
 */
export function Zendesk({ api }: { api: AdminApi }) {
  return (
    <section aria-labelledby="zendesk-title">
      <h1 id="zendesk-title">Connect Zendesk</h1>
      <p class="muted">Choose how the AI agent hands customers to your team, then connect what that hand-off needs.</p>
      <HandoffChoice api={api} />
      <SupportForm api={api} />
      <ConversationsForm api={api} />
    </section>
  );
}

type Issues = Record<string, string>;

function useConnect<T>(api: AdminApi, load: () => Promise<T | null>) {
  const current = useSignal<T | null>(null);
  const problem = useSignal<string | null>(null);
  const issues = useSignal<Issues>({});
  const busy = useSignal(false);
  async function run(action: () => Promise<unknown>) {
    if (busy.value) return;
    busy.value = true;
    problem.value = null;
    issues.value = {};
    try {
      await action();
      current.value = await load();
      // A connection may finish the step, or make live chat possible for the hand-off.
      await refreshSetup(api);
    } catch (error) {
      problem.value = messageOf(error);
      if (error instanceof AdminApiError) issues.value = Object.fromEntries(error.issues.map((issue) => [issue.path, error.message]));
    } finally {
      busy.value = false;
    }
  }
  useEffect(() => {
    load().then(
      (loaded) => (current.value = loaded),
      (error: unknown) => (problem.value = messageOf(error)),
    );
  }, []);
  return { current, problem, issues, busy, run };
}

function Field(props: { id: string; label: string; value: string; set: (value: string) => void; issues: Issues; name: string; type?: string; hint?: string }) {
  const error = props.issues[props.name];
  const described = [props.hint && `${props.id}-hint`, error && `${props.id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <span id={`${props.id}-hint`} class="muted small">
          {props.hint}
        </span>
      )}
      <input
        id={props.id}
        type={props.type ?? "text"}
        value={props.value}
        autoComplete="off"
        aria-invalid={error !== undefined}
        aria-describedby={described}
        onInput={(event) => props.set(event.currentTarget.value)}
      />
      {error && (
        <span id={`${props.id}-error`} class="error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

const ADDRESS_HINT = "Only for Zendesk's simulator or a proxy: the account's address instead of https://<subdomain>.zendesk.com.";

function SupportForm({ api }: { api: AdminApi }) {
  const { current, problem, issues, busy, run } = useConnect(api, () => api.supportConnection());
  const oauth = useSignal(false);
  const subdomain = useSignal("");
  const email = useSignal("");
  const token = useSignal("");
  const baseUrl = useSignal("");
  const connection: SupportConnection | null = current.value;
  const fromEnvironment = connection === null && setupState.value?.zendesk.support.source === "environment";

  function connect(event: Event) {
    event.preventDefault();
    const input: Record<string, string> = { subdomain: subdomain.value.trim() };
    if (oauth.value) input["oauthToken"] = token.value.trim();
    else Object.assign(input, { email: email.value.trim(), apiToken: token.value.trim() });
    if (baseUrl.value.trim()) input["baseUrl"] = baseUrl.value.trim();
    void run(() => api.connectSupport(input));
  }

  return (
    <form class="card form" onSubmit={connect} aria-labelledby="support-title">
      <h2 id="support-title">Zendesk API {connection?.connected || fromEnvironment ? <span class="badge">Connected</span> : <span class="badge badge--warn">Not connected</span>}</h2>
      {fromEnvironment && <p role="status">Connected through the server's environment (ZENDESK_* variables). A connection made here replaces it at once.</p>}
      {connection?.connected && connection.agent && (
        <p role="status">
          Connected to <strong>{connection.subdomain}</strong> as {connection.agent.name} ({connection.agent.role}).{" "}
          <button type="button" class="link" {...whileBusy(busy.value)} onClick={() => run(() => api.recheck("support"))}>
            Check again
          </button>
        </p>
      )}
      {connection && !connection.connected && connection.problem && <p class="error">{connection.problem.message}</p>}
      <Field id="support-subdomain" name="subdomain" label="Subdomain" value={subdomain.value} set={(value) => (subdomain.value = value)} issues={issues.value} hint="acme for acme.zendesk.com" />
      {!oauth.value && <Field id="support-email" name="email" label="Agent email" value={email.value} set={(value) => (email.value = value)} issues={issues.value} />}
      <Field
        id="support-token"
        name={oauth.value ? "oauthToken" : "apiToken"}
        label={oauth.value ? "OAuth token" : "API token"}
        type="password"
        value={token.value}
        set={(value) => (token.value = value)}
        issues={issues.value}
      />
      <Field id="support-address" name="baseUrl" label="Zendesk address (optional)" value={baseUrl.value} set={(value) => (baseUrl.value = value)} issues={issues.value} hint={ADDRESS_HINT} />
      {problem.value && Object.keys(issues.value).length === 0 && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button" {...whileBusy(busy.value)}>
          {busy.value ? "Connecting…" : "Connect"}
        </button>
        <button type="button" class="link" onClick={() => (oauth.value = !oauth.value)}>
          {oauth.value ? "Use an agent's email and API token instead" : "Use an OAuth token instead"}
        </button>
      </div>
    </form>
  );
}

function ConversationsForm({ api }: { api: AdminApi }) {
  const { current, problem, issues, busy, run } = useConnect(api, () => api.conversationsConnection());
  const subdomain = useSignal("");
  const appId = useSignal("");
  const keyId = useSignal("");
  const secret = useSignal("");
  const baseUrl = useSignal("");
  const connection: ConversationsConnection | null = current.value;

  function connect(event: Event) {
    event.preventDefault();
    const input: Record<string, string> = { subdomain: subdomain.value.trim(), appId: appId.value.trim(), keyId: keyId.value.trim(), secret: secret.value.trim() };
    if (baseUrl.value.trim()) input["baseUrl"] = baseUrl.value.trim();
    void run(() => api.connectConversations(input));
  }

  const liveChat = connection?.liveChat;
  const environment = setupState.value?.zendesk.conversations;
  const fromEnvironment = connection === null && environment?.source === "environment" && environment.connected;
  return (
    <form class="card form" onSubmit={connect} aria-labelledby="conversations-title">
      <h2 id="conversations-title">
        Conversations API (live chat){" "}
        {fromEnvironment ? (
          <span class="badge">Connected</span>
        ) : connection?.connected && liveChat?.available ? (
          <span class="badge">Connected</span>
        ) : connection?.connected ? (
          <span class="badge badge--warn">Live chat unavailable</span>
        ) : (
          <span class="badge badge--warn">Not connected</span>
        )}
      </h2>
      {fromEnvironment && (
        <p role="status">
          Connected through the server's environment (ZENDESK_CONVERSATIONS_* variables).{" "}
          {environment.liveChat.available ? "Live chat is ready." : environment.liveChat.reason}
        </p>
      )}
      {connection?.connected && liveChat?.available && <p role="status">Live chat is ready: hand-offs can reach your agents' workspace.</p>}
      {connection?.connected && liveChat && !liveChat.available && (
        <div class="notice-box" role="status">
          <p>
            <strong>Multiple conversations are off in this Zendesk account.</strong> {liveChat.reason}
          </p>
          <div class="actions">
            {liveChat.manageUrl && (
              <a class="button button--quiet" href={liveChat.manageUrl} target="_blank" rel="noreferrer">
                Manage in Zendesk
              </a>
            )}
            <button type="button" class="button button--quiet" {...whileBusy(busy.value)} onClick={() => run(() => api.recheck("conversations"))}>
              Refresh
            </button>
          </div>
        </div>
      )}
      <Field id="conversations-subdomain" name="subdomain" label="Subdomain" value={subdomain.value} set={(value) => (subdomain.value = value)} issues={issues.value} />
      <Field id="conversations-app" name="appId" label="App ID" value={appId.value} set={(value) => (appId.value = value)} issues={issues.value} />
      <Field id="conversations-key" name="keyId" label="Key ID" value={keyId.value} set={(value) => (keyId.value = value)} issues={issues.value} />
      <Field id="conversations-secret" name="secret" label="Secret" type="password" value={secret.value} set={(value) => (secret.value = value)} issues={issues.value} />
      <Field id="conversations-address" name="baseUrl" label="Conversations API address (optional)" value={baseUrl.value} set={(value) => (baseUrl.value = value)} issues={issues.value} hint={ADDRESS_HINT} />
      {problem.value && Object.keys(issues.value).length === 0 && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button" {...whileBusy(busy.value)}>
          {busy.value ? "Connecting…" : "Connect"}
        </button>
      </div>
    </form>
  );
}
