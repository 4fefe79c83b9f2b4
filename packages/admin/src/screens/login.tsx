import { useSignal } from "@preact/signals";
import { AdminApi, AdminApiError } from "../api";
import { signIn } from "../session";

/** Sign-in with the admin token (`PARLEY_ADMIN_TOKEN`, printed by `npm start`). */
export function Login() {
  const token = useSignal("");
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  async function submit(event: Event) {
    event.preventDefault();
    const api = new AdminApi(token.value.trim());
    busy.value = true;
    error.value = null;
    try {
      await api.articles();
      signIn(api);
    } catch (refusal) {
      error.value =
        refusal instanceof AdminApiError && refusal.status === 401 ? "That admin token is not valid." : refusal instanceof Error ? refusal.message : String(refusal);
    } finally {
      busy.value = false;
    }
  }

  return (
    <main class="login">
      <form class="card login__card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Parley admin</h1>
        <p class="muted">Sign in with the admin token your server printed when it started (PARLEY_ADMIN_TOKEN).</p>
        <label class="field">
          <span>Admin token</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={token.value}
            onInput={(event) => (token.value = event.currentTarget.value)}
            aria-invalid={error.value !== null}
            aria-describedby={error.value ? "login-error" : undefined}
          />
        </label>
        {error.value && (
          <p id="login-error" class="error" role="alert">
            {error.value}
          </p>
        )}
        <button type="submit" class="button" disabled={busy.value || token.value.trim() === ""}>
          {busy.value ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
