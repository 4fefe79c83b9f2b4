// The README's other form, `import Intercom from …`, is the same function in webpack and Vite; esbuild
// bundling for a "type": "module" package follows Node, where a CommonJS default is module.exports.
import { boot, hide, onHide, onShow, onUnreadCountChange, show, showNewMessage, shutdown, trackEvent, update, Intercom } from "@intercom/messenger-js-sdk";
import { appRoot } from "../framework-apps/shell";
import { librarySetup, ORDER_QUESTION, PURCHASE } from "./shell";

/**
 * A shop using Intercom's own npm SDK as its README says: `Intercom({ app_id })` once, then the
 * exported functions. Only the options the spec chooses (widgetUrl, region) differ between runs.
 */
const setup = librarySetup();
const APP_ID = "demo";

const events = document.createElement("ul");
events.setAttribute("aria-label", "Messenger events");
function logEvent(text: string): void {
  const item = document.createElement("li");
  item.textContent = text;
  events.append(item);
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement("button");
  element.textContent = label;
  element.addEventListener("click", onClick);
  return element;
}

const { user } = setup;
const nav = document.createElement("nav");
nav.append(
  button("Sign in", () => update({ user_id: user.user_id, name: user.name, email: user.email, user_hash: user.user_hash })),
  button("Sign out", () => {
    shutdown();
    boot({ app_id: APP_ID });
  }),
  button("Leave", () => shutdown()),
  button("Chat with us", () => show()),
  button("Close chat", () => hide()),
  button("Ask about my order", () => showNewMessage(ORDER_QUESTION)),
  button("Buy the tent", () => trackEvent(PURCHASE.name, PURCHASE.metadata)),
);
const heading = document.createElement("h1");
heading.textContent = "Welcome";
appRoot().append(nav, heading, events);

Intercom({
  app_id: APP_ID,
  ...(setup.widgetUrl ? { widgetUrl: setup.widgetUrl } : {}),
  ...(setup.region ? { region: setup.region } : {}),
});
onShow(() => logEvent("shown"));
onHide(() => logEvent("hidden"));
onUnreadCountChange((count: number) => logEvent(`unread ${count}`));
