import { signal } from "@preact/signals";
import { ENGLISH, type PanelLanguage } from "../../i18n/strings";

/**
 * The panel's language, set by the Panel from `language_override` or the browser. A signal of
 * the panel chunk rather than a Preact context: the context API would have to ship in the
 * launcher's script (where Preact lives), which is at its size budget. There is one Messenger
 * per page (`start` makes sure), so one language.
 */
export const panelLanguage = signal<PanelLanguage>(ENGLISH);

/** The strings in the panel's language (components re-render when it changes). */
export function useStrings() {
  return panelLanguage.value.strings;
}
