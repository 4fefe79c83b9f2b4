import { useSignal } from "@preact/signals";
import { AdminApi, AdminApiError, messageOf } from "../api";
import { signIn, signInNotice } from "../session";
import { whileBusy } from "./busy";

/**
 * Sign-in with the admin token (`PARLEY_ADMIN_TOKEN`, printed by `npm start`), or with the
 * console's password when the server has one (`PARLEY_ADMIN_PASSWORD_HASH`).
 */
export function Login() {
  const method = useSignal<"token" | "password">(signInNotice.value?.method ?? "token");
  const secret = useSignal("");
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const byToken = method.value === "token";

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      const api = new AdminApi(byToken ? secret.value.trim() : null);
      if (!byToken) await api.signIn(secret.value);
      await api.articles();
      signIn(api);
    } catch (refusal) {
      if (refusal instanceof AdminApiError && refusal.status === 401) error.value = byToken ? "That admin token is not valid." : "That password is not right.";
      else error.value = messageOf(refusal);
    } finally {
      busy.value = false;
    }
  }

  return (
    <main class="login">
      <form class="card login__card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Parley admin</h1>
        <p class="muted">
          {byToken
            ? "Sign in with the admin token your server printed when it started (PARLEY_ADMIN_TOKEN)."
            : "Sign in with the console's password (set with PARLEY_ADMIN_PASSWORD_HASH)."}
        </p>
        {signInNotice.value && (
          <p class="notice-box" role="status">
            {signInNotice.value.message}
          </p>
        )}
        <label class="field">
          <span>{byToken ? "Admin token" : "Password"}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={secret.value}
            onInput={(event) => (secret.value = event.currentTarget.value)}
            aria-invalid={error.value !== null}
            aria-describedby={error.value ? "login-error" : undefined}
          />
        </label>
        {error.value && (
          <p id="login-error" class="error" role="alert">
            {error.value}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="button" disabled={secret.value.trim() === ""} {...whileBusy(busy.value)}>
            {busy.value ? "Signing in…" : "Sign in"}
          </button>
          <button
            type="button"
            class="link"
            onClick={() => {
              method.value = byToken ? "password" : "token";
              secret.value = "";
              error.value = null;
            }}
          >
            {byToken ? "Use a password instead" : "Use the admin token instead"}
          </button>
        </div>
      </form>
    </main>
  );
}
