import { detect } from "tinyld";
import { analyzerFor, languageOf, STOPWORD_LANGUAGES, tokenize } from "./terms";

/** Languages the Messenger's own texts exist in; a question in one of them is recognised even when no article is. */
export const UI_LANGUAGES = ["en", "fr", "de", "es", "pt", "it", "nl"] as const;

/**
 * What the detector and the Messenger's locale (the browser's language) add to the words' votes:
 * less than one word each, the locale more. Short questions ("invoice?",
 * "zapier?") and even sentences ("stop sending me marketing emails", "Funktioniert der Check-in
 * auch mit der Apple Watch?") fool a trigram detector; on the labelled help centers, trusting it
 * from four words up misread 19 of 1,219 questions, letting the words vote always, 3.
 */
const DETECTOR_VOTE = 0.5;
const HINT_VOTE = 0.75;

/**
 * The language a customer wrote in, among `candidates` (language codes). The words vote: a word
 * the help center uses in one language, or a stop word of it, counts for that language;
 * `knows(language, token)` tells whether a language's articles use a token. The Messenger's
 * locale (`hint`) and `tinyld`, a trigram detector, break ties, then English.
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
  const hinted = hint ? languageOf(hint) : null;
  let best = { language: hinted && languages.includes(hinted) ? hinted : languages.includes("en") ? "en" : (languages[0] ?? "en"), score: 0 };
  for (const language of languages) {
    const analyzer = analyzerFor(language);
    let score = 0;
    for (const token of tokens) {
      if (analyzer.isStopWord(token)) score += 1;
      else if (knows(language, token)) score += 1;
    }
    if (language === detected) score += DETECTOR_VOTE;
    if (language === hinted) score += HINT_VOTE;
    if (score > best.score) best = { language, score };
  }
  return best.language;
}

/**
 * An article's language when its front matter names none: the language whose stop words make up
 * most of its words ("the", "and", "de", "und"), if they are at least a tenth of them and three or
 * more; else English, as before. Not a trigram detector: on the labelled help centers `tinyld` read
 * 43 of 699 articles wrongly (tables and menu paths as Hindi); the stop words read every one as its
 * front matter's locale.
 */
export function articleLanguage(title: string, body: string): string {
  const tokens = tokenize(`${title}\n${body}`).slice(0, ARTICLE_SAMPLE);
  const counts = STOPWORD_LANGUAGES.map((language) => {
    const analyzer = analyzerFor(language);
    return { language, count: tokens.filter((token) => analyzer.isStopWord(token)).length };
  }).sort((a, b) => b.count - a.count);
  const [first] = counts;
  return first === undefined || first.count < Math.max(MIN_STOP_WORDS, tokens.length * 0.1) ? "en" : first.language;
}

/** Enough of an article's words to tell its language, and the fewest stop words that tell it. */
const ARTICLE_SAMPLE = 1000;
const MIN_STOP_WORDS = 3;
