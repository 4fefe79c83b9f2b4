import type { TestUser } from "../framework-apps/shell";

/**
 * What the spec hands each library app before it starts (window.parleyLibrarySetup): the customer
 * who signs in (user_hash computed by the spec, as a site's backend would) and the library options
 * under test. Everything else in the apps is written as a site using the library would write it.
 */
export interface LibrarySetup {
  user: TestUser;
  /** @intercom/messenger-js-sdk's `widgetUrl`; without it the library loads Intercom's address. */
  widgetUrl?: string;
  /** @intercom/messenger-js-sdk's `region` (its `api_base` is then that region's Intercom host). */
  region?: "us" | "eu" | "ap";
  /** react-use-intercom's `apiBase`. */
  apiBase?: string;
  /** react-use-intercom's `initializeDelay` (ms). */
  initializeDelay?: number;
  /** react-use-intercom's `autoBoot`. */
  autoBoot?: boolean;
  /** The shop opens with the customer already signed in (react-intercom's props, intercom-next's loadIntercom). */
  signedIn?: boolean;
  /** intercom-next's `scriptInitDelay` (ms before the script is added) and `delay` (ms before boot). */
  scriptInitDelay?: number;
  delay?: number;
}

export function librarySetup(): LibrarySetup {
  const setup = (window as Window & { parleyLibrarySetup?: LibrarySetup }).parleyLibrarySetup;
  if (!setup) throw new Error("The spec sets window.parleyLibrarySetup before the app starts.");
  return setup;
}

/** The order the spec buys: what a shop tracks with trackEvent. */
export const PURCHASE = { name: "bought-tent", metadata: { sku: "TENT-2P", price: { amount: 34900, currency: "eur" } } } as const;

/** The question "Ask about my order" puts in the composer (showNewMessage). */
export const ORDER_QUESTION = "Where is my order #1234?";

/** What a shop tells Intercom of its signed-in customer (user_hash verifies her). */
export function identityOf(user: TestUser) {
  return { user_id: user.user_id, name: user.name, email: user.email, user_hash: user.user_hash };
}

/**
 * The list the spec reads the shop's callbacks from ("shown", "hidden", "unread 1"…), for the
 * shops that are not drawn by a framework: `log` adds one.
 */
export function eventList(): { list: HTMLUListElement; log(text: string): void } {
  const list = document.createElement("ul");
  list.setAttribute("aria-label", "Messenger events");
  return { list, log: (text) => list.append(Object.assign(document.createElement("li"), { textContent: text })) };
}
