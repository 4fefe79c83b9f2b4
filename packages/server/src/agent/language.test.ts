import { expect, test } from "vitest";
import { articleLanguage, detectLanguage, UI_LANGUAGES } from "./language";

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

test("an article without a locale is read in the language its words are in", () => {
  const body = "Vous pouvez retourner un article dans les 30 jours. Le remboursement arrive sur votre carte en 5 jours.";
  expect(articleLanguage("Retours et remboursements", body)).toBe("fr");
  expect(articleLanguage("Rücksendungen", "Sie können einen Artikel innerhalb von 30 Tagen zurückschicken, und wir erstatten den Betrag.")).toBe("de");
  expect(articleLanguage("Returns", "You can return an item within 30 days and we refund it to your card.")).toBe("en");
});

test("an article whose words do not tell its language (names, a price table) is taken as English", () => {
  expect(articleLanguage("Plans", "| Basic | 9 € |\n| Pro | 19 € |\n| Team | 49 € |")).toBe("en");
});
