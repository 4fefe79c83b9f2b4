import Intercom, { shutdown, update, type IntercomSettings } from "@parley/messenger/sdk";
import type { App } from "vue";
import type { Router } from "vue-router";

/** Your Parley server and app (the same two values the paste-in snippet uses). */
const PARLEY = { app_id: "demo", api_base: "https://chat.example.com" } as const;

/**
 * A Vue plugin: `app.use(messenger, { router })`. Boots the Messenger for a visitor and tells it
 * about every route change; `signedIn` / `signedOut` switch who it talks for.
 */
export const messenger = {
  install(_app: App, { router }: { router: Router }) {
    Intercom(PARLEY);
    router.afterEach(() => update({ last_request_at: Math.floor(Date.now() / 1000) }));
  },
};

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
