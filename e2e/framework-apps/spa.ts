import { openMessenger, pageChanged, signedIn, signedOut, startMessenger } from "../../examples/spa/messenger";
import { appRoot, testUser } from "./shell";

/** A shop without a framework: links move with history.pushState, as a hand-written router does. */
const BASE = "/spa";
const PAGES: Record<string, string> = { "/": "Welcome", "/orders": "Your orders" };

const heading = document.createElement("h1");
function render(): void {
  heading.textContent = PAGES[location.pathname.slice(BASE.length) || "/"] ?? "Not found";
}

function link(label: string, path: string): HTMLAnchorElement {
  const anchor = document.createElement("a");
  anchor.href = `${BASE}${path}`;
  anchor.textContent = label;
  anchor.addEventListener("click", (event) => {
    event.preventDefault();
    history.pushState(null, "", anchor.href);
    render();
    pageChanged();
  });
  return anchor;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement("button");
  element.textContent = label;
  element.addEventListener("click", onClick);
  return element;
}

const nav = document.createElement("nav");
nav.append(
  link("Home", "/"),
  " ",
  link("Orders", "/orders"),
  " ",
  button("Sign in", () => signedIn(testUser())),
  " ",
  button("Sign out", signedOut),
  " ",
  button("Chat with us", openMessenger),
);
window.addEventListener("popstate", render);
appRoot().append(nav, heading);
render();
startMessenger();
