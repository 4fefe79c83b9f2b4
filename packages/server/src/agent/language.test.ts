import { expect, test } from "vitest";
import { detectLanguage, UI_LANGUAGES } from "./language";

// A help center in English and German; the Messenger's other languages are candidates too.
const used: Record<string, Set<string>> = {
  en: new Set(["stop", "sending", "marketing", "emails", "invoice", "check", "apple", "watch"]),
  de: new Set(["funktioniert", "check", "rechnung", "apple", "watch"]),
};
const candidates = [...new Set(["en", "de", ...UI_LANGUAGES])];
const languageOf = (text: string, hint?: string) =>
  detectLanguage(text, candidates, (language, token) => used[language]?.has(token) ?? false, hint);

test("a short English request is read as English, though a trigram detector calls it French", () => {
  expect(languageOf("stop sending me marketing emails")).toBe("en");
});

test("a German question full of English product words is read as German", () => {
  expect(languageOf("Funktioniert der Check-in auch mit der Apple Watch?")).toBe("de");
});

test("a one-word question is read in the language whose articles use the word", () => {
  expect(languageOf("invoice?")).toBe("en");
  expect(languageOf("Rechnung?")).toBe("de");
});

test("a question in a language no article is in is still recognised by its stop words", () => {
  expect(languageOf("je voudrais savoir comment on fait pour changer le mot de passe")).toBe("fr");
  expect(languageOf("quiero saber cómo se cambia la contraseña de la cuenta")).toBe("es");
});

test("the Messenger's locale breaks a tie between languages that both use the word", () => {
  expect(languageOf("apple watch", "de")).toBe("de");
  expect(languageOf("apple watch", "en")).toBe("en");
});
