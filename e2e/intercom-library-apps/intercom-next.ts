import { loadIntercom, shutdownIntercom, updateIntercom } from "intercom-next";
import { appRoot } from "../framework-apps/shell";
import { eventList, identityOf, librarySetup, ORDER_QUESTION, PURCHASE } from "./shell";

/**
 * A shop using intercom-next as its README says: loadIntercom({ appId, email, name, … }) on the
 * page (the signed-in customer's details when there is one), updateIntercom("update", …) when they
 * change, shutdownIntercom() on leaving; the rest is `window.Intercom('…')`, which the README
 * points to for every other command.
 */
const setup = librarySetup();
const { list, log } = eventList();
type IntercomCall = (command: string, ...args: unknown[]) => unknown;
const intercom: IntercomCall = (command, ...args) => (window as unknown as { Intercom: IntercomCall }).Intercom(command, ...args);

function button(label: string, onClick: () => void): HTMLButtonElement {
  return Object.assign(document.createElement("button"), { textContent: label, onclick: onClick });
}

const nav = document.createElement("nav");
nav.append(
  button("Sign in", () => updateIntercom("update", identityOf(setup.user))),
  button("Leave", () => shutdownIntercom()),
  button("Chat with us", () => intercom("show")),
  button("Close chat", () => intercom("hide")),
  button("Ask about my order", () => intercom("showNewMessage", ORDER_QUESTION)),
  button("Buy the tent", () => intercom("trackEvent", PURCHASE.name, PURCHASE.metadata)),
);
appRoot().append(nav, Object.assign(document.createElement("h1"), { textContent: "Welcome" }), list);

const { user_id, name, email, user_hash } = identityOf(setup.user);
void loadIntercom({
  appId: "demo",
  ...(setup.signedIn ? { user_id, name, email, user_hash } : {}),
  ...(setup.delay !== undefined ? { delay: setup.delay } : {}),
  ...(setup.scriptInitDelay !== undefined ? { scriptInitDelay: setup.scriptInitDelay } : {}),
  // Called once the script is added to the page: the callbacks queue on Intercom's stub.
  callBack: () => {
    intercom("onShow", () => log("shown"));
    intercom("onHide", () => log("hidden"));
    intercom("onUnreadCountChange", (count: number) => log(`unread ${count}`));
  },
});
