// JIT, as e2e/framework-apps/angular.ts: the library's partially compiled declarations and this
// file's decorators are compiled in the browser, so esbuild is enough, without the Angular CLI.
import "@angular/compiler";
import { APP_BASE_HREF } from "@angular/common";
import { Component, inject, NgModule, type OnInit, provideZonelessChangeDetection, signal } from "@angular/core";
import { BrowserModule, platformBrowser } from "@angular/platform-browser";
import { RouterModule } from "@angular/router";
import { Intercom, IntercomModule } from "@supy-io/ngx-intercom";
import { appRoot } from "../framework-apps/shell";
import { identityOf, librarySetup, ORDER_QUESTION, PURCHASE } from "./shell";

/**
 * An Angular shop using @supy-io/ngx-intercom as its README says: an NgModule importing
 * IntercomModule.forRoot({ appId, updateOnRouterChange: true }), the Intercom service injected in
 * the root component, which boots in ngOnInit; the library's directives on the buttons
 * (intercomShow, intercomHide, intercomShowNewMessage, intercomTrackEvent, intercomShutdown).
 */
const setup = librarySetup();

@Component({ selector: "shop-welcome", template: "<h1>Welcome</h1>", standalone: false })
class WelcomePage {}

@Component({ selector: "shop-orders", template: "<h1>Your orders</h1>", standalone: false })
class OrdersPage {}

@Component({
  selector: "shop-app",
  standalone: false,
  template: `
    <nav>
      <a routerLink="/">Home</a> <a routerLink="/orders">Orders</a>
      <button (click)="signIn()">Sign in</button>
      <button (click)="signOut()">Sign out</button>
      <button intercomShutdown>Leave</button>
      <button intercomShow>Chat with us</button>
      <button intercomHide>Close chat</button>
      <button intercomShowMessages>See my conversations</button>
      <button intercomShowNewMessage [message]="question">Ask about my order</button>
      <button intercomTrackEvent [event]="purchase.name" [metadata]="purchase.metadata">Buy the tent</button>
    </nav>
    <router-outlet />
    <ul aria-label="Messenger events">
      @for (event of events(); track $index) { <li>{{ event }}</li> }
    </ul>
  `,
})
class ShopApp implements OnInit {
  readonly question = ORDER_QUESTION;
  readonly purchase = { name: PURCHASE.name, metadata: { ...PURCHASE.metadata } };
  readonly events = signal<string[]>([]);
  // inject(), not a constructor parameter: esbuild emits no decorator metadata for Angular's JIT to read it from.
  private readonly intercom = inject(Intercom);

  ngOnInit(): void {
    this.intercom.boot(setup.signedIn ? identityOf(setup.user) : {});
    const log = (event: string) => this.events.update((before) => [...before, event]);
    this.intercom.onShow(() => log("shown"));
    this.intercom.onHide(() => log("hidden"));
    this.intercom.onUnreadCountChange((count) => log(`unread ${count ?? 0}`));
  }

  signIn(): void {
    this.intercom.update(identityOf(setup.user));
  }

  signOut(): void {
    this.intercom.shutdown();
    this.intercom.boot({});
  }
}

@NgModule({
  declarations: [ShopApp, WelcomePage, OrdersPage],
  imports: [
    BrowserModule,
    RouterModule.forRoot([
      { path: "", component: WelcomePage },
      { path: "orders", component: OrdersPage },
    ]),
    IntercomModule.forRoot({ appId: "demo", updateOnRouterChange: true }),
  ],
  providers: [provideZonelessChangeDetection(), { provide: APP_BASE_HREF, useValue: "/ngx-intercom/" }],
  bootstrap: [ShopApp],
})
class ShopModule {}

// Angular draws its root component into an element matching the selector.
appRoot().append(document.createElement("shop-app"));
platformBrowser()
  .bootstrapModule(ShopModule)
  .catch((error: unknown) => console.error(error));
