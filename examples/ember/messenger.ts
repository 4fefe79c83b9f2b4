import Service, { service } from "@ember/service";
import type RouterService from "@ember/routing/router-service";
import Intercom, { show, shutdown, update, type IntercomSettings } from "@parley/messenger/sdk";

/** Your Parley server and app (the same two values the paste-in snippet uses). */
const PARLEY = { app_id: "demo", api_base: "https://chat.example.com" } as const;

/**
 * `app/services/messenger.ts`: call `this.messenger.start()` from your application route's
 * `beforeModel`. Boots the Messenger, calls `update` after every transition, and switches
 * identity on sign-in and sign-out.
 */
export default class MessengerService extends Service {
  @service declare router: RouterService;

  start(): void {
    Intercom(PARLEY);
    this.router.on("routeDidChange", () => update({ last_request_at: Math.floor(Date.now() / 1000) }));
  }

  signedIn(user: Pick<IntercomSettings, "user_id" | "email" | "name" | "user_hash">): void {
    shutdown();
    Intercom({ ...PARLEY, ...user });
  }

  signedOut(): void {
    shutdown();
    Intercom(PARLEY);
  }

  open(): void {
    show();
  }
}

declare module "@ember/service" {
  interface Registry {
    messenger: MessengerService;
  }
}
