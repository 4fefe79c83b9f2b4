import { fireEvent, waitFor, within } from "@testing-library/preact";
import { afterEach, expect } from "vitest";
import { createMessenger, type Messenger, type MessengerOptions } from "../app";
import type { IntercomFunction } from "../api/commands";
import { installIntercom } from "../api/install";
import { API } from "./api-server";
import { fakeEventSources } from "./fake-event-source";

export type TestWindow = Window & { Intercom?: unknown; intercomSettings?: unknown };

export const testWindow = window as TestWindow;

const started: Messenger[] = [];

afterEach(() => {
  for (const messenger of started.splice(0)) messenger.shutdown();
  delete testWindow.Intercom;
  delete testWindow.intercomSettings;
  localStorage.clear();
});

/**
 * Starts a Messenger the way `start()` does (the baked API base is `API`), with a fake
 * EventSource, fast retries and no idle preloading.
 */
export function startMessenger(
  options: { settings?: Record<string, unknown>; apiBase?: string } & Partial<MessengerOptions> = {},
) {
  const { settings, apiBase = API, ...overrides } = options;
  if (settings) testWindow.intercomSettings = settings;
  const sources = fakeEventSources();
  const messenger = createMessenger(
    { apiBase, appId: "demo" },
    {
      window,
      scheduleIdle: () => () => {},
      ...overrides,
      network: {
        createEventSource: sources.create,
        retryDelayMs: () => 5,
        streamReconnectDelayMs: () => 5,
        ...overrides.network,
      },
    },
  );
  started.push(messenger);
  const intercom = installIntercom(window, messenger);
  return { messenger, intercom: intercom as IntercomFunction, sources };
}

/** The Messenger's shadow root, for Testing Library queries by role and name. */
export function messengerRoot(): ShadowRoot | null {
  return document.querySelector("#parley-messenger")?.shadowRoot ?? null;
}

/** Testing Library queries scoped to the Messenger's shadow root (its render container). */
export function ui() {
  const container = messengerRoot()?.querySelector<HTMLElement>(".parley-root");
  expect(container, "the Messenger is on the page").toBeTruthy();
  return within(container as HTMLElement);
}

/**
 * Opens the Messenger, goes from Home to the conversation as a person would ("Send us a
 * message"), and waits until the composer can be used (the ping succeeded).
 */
export async function openComposer(intercom: IntercomFunction): Promise<HTMLTextAreaElement> {
  intercom("show");
  fireEvent.click(await ui().findByRole("button", { name: "Send us a message" }));
  const textbox = await ui().findByRole("textbox", { name: "Message" });
  await waitFor(() => expect(textbox).toBeEnabled());
  // Focus moving inside a shadow root is invisible to document listeners (as in browsers),
  // so user-event would not notice the widget focusing its composer and would keep a stale
  // copy of its value. Re-focus it from outside the shadow root.
  (messengerRoot()?.activeElement as HTMLElement | null)?.blur();
  textbox.focus();
  return textbox as HTMLTextAreaElement;
}
