import { signal } from "@preact/signals";
import { AdminApi, whenRefused } from "./api";

const KEY = "parley-admin-token";
/** Stored instead of a token when the owner signed in with the password: the cookie does the rest. */
const PASSWORD_SESSION = "password-session";

/** The signed-in owner's API, kept for the browser tab (sessionStorage), or null before sign-in. */
export const session = signal<AdminApi | null>(restore());

function restore(): AdminApi | null {
  try {
    const stored = sessionStorage.getItem(KEY);
    if (!stored) return null;
    return new AdminApi(stored === PASSWORD_SESSION ? null : stored);
  } catch {
    return null;
  }
}

/**
 * Why the sign-in form shows again, and with which method, when the server stopped accepting the
 * session (signed out in another tab, a server restarted with another token): not a console half
 * open with every screen refused.
 */
export const signInNotice = signal<{ message: string; method: "token" | "password" } | null>(null);

whenRefused((api) => {
  if (session.value !== api) return;
  signInNotice.value = { message: "Your session has ended: sign in again.", method: api.token === null ? "password" : "token" };
  forget();
});

function forget(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
  session.value = null;
}

export function signIn(api: AdminApi): void {
  signInNotice.value = null;
  try {
    sessionStorage.setItem(KEY, api.token ?? PASSWORD_SESSION);
  } catch {
    // Storage refused (private mode): signed in for this page only.
  }
  session.value = api;
}

export async function signOut(): Promise<void> {
  const api = session.value;
  // A password session ends on the server first, so the sign-in form never shows while the
  // old session still works; a token stays valid until it is changed.
  if (api !== null && api.token === null) await api.signOut().catch(() => undefined);
  signInNotice.value = null;
  forget();
}
