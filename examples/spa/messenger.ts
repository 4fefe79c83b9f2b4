import Intercom, { show, shutdown, update, type IntercomSettings } from "@parley/messenger/sdk";

/** Your Parley server and app (the same two values the paste-in snippet uses). */
const PARLEY = { app_id: "demo", api_base: "https://chat.example.com" } as const;

/**
 * A single-page app without a framework: call `startMessenger()` once, `pageChanged()` after your
 * router moves to another page (the back button is covered), and `signedIn` / `signedOut` from
 * your auth flow.
 */
export function startMessenger(): void {
  Intercom(PARLEY);
  window.addEventListener("popstate", pageChanged);
}

/** After `history.pushState`: the Messenger learns the new page (for its workflows and your team). */
export function pageChanged(): void {
  update({ last_request_at: Math.floor(Date.now() / 1000) });
}

/** After sign-in: the user's identity (user_hash comes from your backend). */
export function signedIn(user: Pick<IntercomSettings, "user_id" | "email" | "name" | "user_hash">): void {
  shutdown();
  Intercom({ ...PARLEY, ...user });
}

/** On sign-out: forget the user's conversations in this browser, and carry on as a visitor. */
export function signedOut(): void {
  shutdown();
  Intercom(PARLEY);
}

/** For your own "Chat with us" button. */
export function openMessenger(): void {
  show();
}
