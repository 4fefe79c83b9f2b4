import { en } from "./en";
import { screens } from "./screens";

const english = { ...en, ...screens };

/** Every string the panel shows, in one language (functions for the ones with a number or name). */
export type PanelStrings = {
  [K in keyof typeof english]: (typeof english)[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

export interface PanelLanguage {
  strings: PanelStrings;
  /** The language tag for `lang`, and the writing direction for `dir`. */
  lang: string;
  dir: "ltr" | "rtl";
}

const LANGUAGES: Record<string, () => Promise<PanelStrings> | PanelStrings> = {
  en: () => english,
  fr: () => import("./fr").then((module) => module.fr),
  ar: () => import("./ar").then((module) => module.ar),
};

const RIGHT_TO_LEFT = new Set(["ar", "fa", "he", "ur"]);

/** The Messenger's language: `language_override` when we have it, else the browser's, else English. */
export function languageOf(languageOverride: unknown, browserLanguages: readonly string[]): string {
  const wanted = [typeof languageOverride === "string" ? languageOverride : "", ...browserLanguages];
  for (const tag of wanted) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
    if (base in LANGUAGES) return base;
  }
  return "en";
}

/** The strings of a language (English at once; others are a small chunk of their own). */
export async function loadLanguage(lang: string): Promise<PanelLanguage> {
  const strings = await (LANGUAGES[lang] ?? LANGUAGES["en"]!)();
  return { strings, lang, dir: RIGHT_TO_LEFT.has(lang) ? "rtl" : "ltr" };
}

export const ENGLISH: PanelLanguage = { strings: english, lang: "en", dir: "ltr" };
