import Application from "@ember/application";
import Route from "@ember/routing/route";
import EmberRouter from "@ember/routing/router";
import type RouterService from "@ember/routing/router-service";
import { service } from "@ember/service";
import MessengerService from "../../examples/ember/messenger";
import { appRoot, testUser } from "./shell";

class Router extends EmberRouter {
  override location = "history";
  override rootURL = "/ember/";
}
Router.map(function () {
  this.route("orders");
});

/** The application route starts the Messenger in beforeModel, as the example's README says. */
class ApplicationRoute extends Route {
  @service declare messenger: MessengerService;
  @service declare router: RouterService;

  override beforeModel(): void {
    this.messenger.start();
    drawControls(this.router, this.messenger);
  }
}

/** The shop's nav is plain DOM (this bundle has no template compiler): Ember's router service and the example's service do the work. */
function drawControls(router: RouterService, messenger: MessengerService): void {
  if (document.querySelector("nav")) return;
  const nav = document.createElement("nav");
  const button = (label: string, onClick: () => void) => {
    const element = document.createElement("button");
    element.textContent = label;
    element.addEventListener("click", onClick);
    nav.append(element, " ");
  };
  button("Home", () => void router.transitionTo("index"));
  button("Orders", () => void router.transitionTo("orders"));
  button("Sign in", () => messenger.signedIn(testUser()));
  button("Sign out", () => messenger.signedOut());
  button("Chat with us", () => messenger.open());
  appRoot().append(nav);
}

Application.create({
  rootElement: "#app",
  // Ember's strict resolver: the app's modules by name, as a build would list them.
  modules: {
    "./router": Router,
    "./routes/application": ApplicationRoute,
    "./services/messenger": MessengerService,
  },
});
