import { signal } from "@preact/signals";

/** The console's screens, addressed by the URL's hash so the back button and reloads work. */
export const SCREENS = ["zendesk", "knowledge", "workflow", "conversations", "install"] as const;
export type Screen = (typeof SCREENS)[number];

function current(): Screen {
  const name = location.hash.replace(/^#\/?/, "");
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : "knowledge";
}

export const screen = signal<Screen>(current());
addEventListener("hashchange", () => {
  screen.value = current();
});
