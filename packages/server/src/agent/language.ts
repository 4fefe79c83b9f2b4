import { detect } from "tinyld";
import { analyzerFor, languageOf, tokenize } from "./terms";

/** Languages the Messenger's own texts exist in; a question in one of them is recognised even when no article is. */
export const UI_LANGUAGES = ["en", "fr", "de", "es", "pt", "it", "nl"] as const;

/**
 * The language a customer wrote in, among `candidates` (language codes). Long enough questions are
 * read by `tinyld`, a trigram detector; short ones ("refund?", "facture") say too little for that,
 * so the words themselves vote: a word the help center uses in one language, or a stop word of
 * it, counts for that language. `knows(language, token)` tells whether a language's articles use a token.
 * The Messenger's locale (`hint`) breaks ties, then English.
 */
export function detectLanguage(
  text: string,
  candidates: readonly string[],
  knows: (language: string, token: string) => boolean,
  hint?: string,
): string {
  const languages = [...new Set(candidates.map(languageOf))];
  if (languages.length === 1) return languages[0] ?? "en";
  const tokens = tokenize(text).filter((token) => !/^\d+$/.test(token));
  const detected = detect(text, { only: languages });
  if (tokens.length >= 4 && detected !== "") return detected;
  const hinted = hint ? languageOf(hint) : null;
  let best = { language: hinted && languages.includes(hinted) ? hinted : languages.includes("en") ? "en" : (languages[0] ?? "en"), score: 0 };
  for (const language of languages) {
    const analyzer = analyzerFor(language);
    let score = 0;
    for (const token of tokens) {
      if (analyzer.isStopWord(token)) score += 1;
      else if (knows(language, token)) score += 1;
    }
    if (language === detected) score += 1.5;
    if (language === hinted) score += 0.5;
    if (score > best.score) best = { language, score };
  }
  return best.language;
}
