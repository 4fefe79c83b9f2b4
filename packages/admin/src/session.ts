import { signal } from "@preact/signals";
import { AdminApi } from "./api";

const KEY = "parley-admin-token";

/** The signed-in owner's API, kept for the browser tab (sessionStorage), or null before sign-in. */
export const session = signal<AdminApi | null>(restore());

function restore(): AdminApi | null {
  try {
    const token = sessionStorage.getItem(KEY);
    return token ? new AdminApi(token) : null;
  } catch {
    return null;
  }
}

export function signIn(api: AdminApi): void {
  try {
    sessionStorage.setItem(KEY, api.token);
  } catch {
    // Storage refused (private mode): signed in for this page only.
  }
  session.value = api;
}

export function signOut(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
  session.value = null;
}
