import { signal } from "@preact/signals";
import type { SetupStep } from "./api";

/** The console's screens, addressed by the URL's hash so the back button and reloads work. */
export const SCREENS = ["setup", "zendesk", "workflow", "install", "test", "live", "knowledge", "conversations", "jobs"] as const;
export type Screen = (typeof SCREENS)[number];

function current(): Screen {
  const name = location.hash.replace(/^#\/?/, "");
  // A new owner lands on the setup home: the five steps and what is left to do.
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : "setup";
}

export const screen = signal<Screen>(current());
addEventListener("hashchange", () => {
  screen.value = current();
});

/** The five setup steps, each with its screen. */
export const STEP_SCREENS: Record<SetupStep["id"], Screen> = { zendesk: "zendesk", workflow: "workflow", install: "install", test: "test", live: "live" };
