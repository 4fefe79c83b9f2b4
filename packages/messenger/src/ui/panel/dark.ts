/**
 * Dark mode (`theme_mode: "dark"`, or `"system"` when the device is dark): the panel's colours,
 * written once and applied under either condition.
 */
const RULES: ReadonlyArray<readonly [string, string]> = [
  ["", "background:#16181d;color:#e8eaef;color-scheme:dark"],
  [" .parley-header", "color:#e8eaef;border-bottom-color:#2b2f38"],
  [" :is(.parley-header__subtitle,.parley-recent__meta,.parley-cta__sub,.parley-search__note,.parley-result__snippet,.parley-meta,.parley-status,.parley-sources__label)", "color:#a3aab6"],
  [" :is(.parley-home,.parley-help,.parley-messages__start)", "background:#16181d"],
  [" .parley-card", "background:#1f2229;color:#e8eaef;box-shadow:0 0 0 1px #2b2f38"],
  [" .parley-search__box", "background:#2a2e36"],
  [" :is(.parley-result,.parley-conversation):hover", "background:#262a31"],
  [" .parley-message:not(.parley-message--customer) .parley-bubble", "background:#252932"],
  [" .parley-message--agent .parley-bubble", "background:#1f2229;border-color:#3a3f4b;box-shadow:none"],
  [" .parley-message--system .parley-bubble", "background:#1f2229;border-color:#3a3f4b;color:#c7ccd5"],
  [" .parley-meta__name", "color:#d5d9e0"],
  [" .parley-tag", "background:color-mix(in srgb,var(--parley-color) 28%,#16181d);color:color-mix(in srgb,var(--parley-color) 35%,#fff)"],
  [" .parley-tag--team", "background:#2a2e36;color:#d5d9e0"],
  [" .parley-sources", "border-top-color:rgba(255,255,255,.12)"],
  [" :is(.parley-sources a,.parley-markdown a,.parley-article__link,.parley-reply,.parley-card>svg,.parley-recent__row>svg,.parley-result>svg,.parley-all>svg,.parley-search__box svg)", "color:color-mix(in srgb,var(--parley-color) 40%,#fff)"],
  [" .parley-reply", "background:transparent;border-color:color-mix(in srgb,var(--parley-color) 60%,#fff)"],
  [" .parley-system-note", "background:#22262d;color:#c7ccd5"],
  [" .parley-composer", "border-top-color:#2b2f38"],
  [" .parley-composer textarea::placeholder", "color:#8d94a1"],
  [" .parley-send:disabled", "background:#2a2e36;color:#8d94a1"],
  [" :is(.parley-markdown code,.parley-markdown pre)", "background:#262a31"],
  [" .parley-markdown blockquote", "border-inline-start-color:#3a3f4b;color:#c7ccd5"],
  [" .parley-error", "background:#3a1d1f;color:#ffc1c1"],
  [" .parley-face", "box-shadow:0 0 0 2px #16181d"],
  [" .parley-face--team", "background:#2a2e36;color:#c7ccd5"],
];

function under(scope: string): string {
  return RULES.map(([selector, declarations]) => `${scope}${selector}{${declarations}}`).join("\n");
}

export const darkStyles = `${under(".parley-panel--dark")}\n@media (prefers-color-scheme:dark){${under(".parley-panel--system")}}`;

/** The panel's theme class from `theme_mode` (light unless the page asks otherwise). */
export function themeClass(themeMode: unknown): string {
  return themeMode === "dark" ? " parley-panel--dark" : themeMode === "system" ? " parley-panel--system" : "";
}
