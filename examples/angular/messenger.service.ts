import { Injectable, inject } from "@angular/core";
import { NavigationEnd, Router } from "@angular/router";
import Intercom, { show, shutdown, update, type IntercomSettings } from "@parley/messenger/sdk";
import { filter } from "rxjs";

/** Your Parley server and app (the same two values the paste-in snippet uses). */
const PARLEY = { app_id: "demo", api_base: "https://chat.example.com" } as const;

/**
 * Boots the Messenger when the app starts (inject it in your root component), tells it about
 * every navigation, and switches identity on sign-in and sign-out. Safe with server-side
 * rendering: the SDK does nothing outside a browser.
 */
@Injectable({ providedIn: "root" })
export class MessengerService {
  private readonly router = inject(Router);

  constructor() {
    Intercom(PARLEY);
    this.router.events
      .pipe(filter((event) => event instanceof NavigationEnd))
      .subscribe(() => update({ last_request_at: Math.floor(Date.now() / 1000) }));
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
