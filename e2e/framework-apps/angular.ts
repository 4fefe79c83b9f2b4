// JIT: the framework's partially compiled packages and this file's decorators are compiled in the
// browser, so a plain bundler (esbuild) is enough, without the Angular CLI.
import "@angular/compiler";
import { Component, inject, provideZonelessChangeDetection, signal } from "@angular/core";
import { bootstrapApplication } from "@angular/platform-browser";
import { provideRouter, RouterLink, RouterOutlet } from "@angular/router";
import { APP_BASE_HREF } from "@angular/common";
import { MessengerService } from "../../examples/angular/messenger.service";
import { appRoot, testUser } from "./shell";

@Component({ selector: "shop-welcome", template: "<h1>Welcome</h1>" })
class WelcomePage {}

@Component({ selector: "shop-orders", template: "<h1>Your orders</h1>" })
class OrdersPage {}

@Component({
  selector: "shop-app",
  imports: [RouterLink, RouterOutlet],
  template: `
    <nav>
      <a routerLink="/">Home</a> <a routerLink="/orders">Orders</a>
      @if (signedIn()) { <button (click)="signOut()">Sign out</button> } @else { <button (click)="signIn()">Sign in</button> }
      <button (click)="openMessenger()">Chat with us</button>
    </nav>
    <router-outlet />
  `,
})
class ShopApp {
  // Injected in the root component, as the example's README says: the Messenger boots here.
  private readonly messenger = inject(MessengerService);
  readonly signedIn = signal(false);

  signIn(): void {
    this.messenger.signedIn(testUser());
    this.signedIn.set(true);
  }

  openMessenger(): void {
    this.messenger.open();
  }

  signOut(): void {
    this.messenger.signedOut();
    this.signedIn.set(false);
  }
}

// Angular draws its root component into an element matching the selector.
appRoot().append(document.createElement("shop-app"));
bootstrapApplication(ShopApp, {
  providers: [
    provideZonelessChangeDetection(),
    provideRouter([
      { path: "", component: WelcomePage },
      { path: "orders", component: OrdersPage },
    ]),
    { provide: APP_BASE_HREF, useValue: "/angular/" },
  ],
}).catch((error: unknown) => console.error(error));
