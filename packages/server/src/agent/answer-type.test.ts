import { expect, test } from "vitest";
import { expectedAnswerType, statesAnswerType, withoutFactWords } from "./answer-type";

test.each([
  ["How long do I have to return an item?", "duration"],
  ["How many business days does delivery take?", "duration"],
  ["How soon will my refund arrive?", "duration"],
  ["How much does express shipping cost?", "price"],
  ["Is there a fee for exchanges?", "price"],
  ["How do I return an item?", null],
  ["Which payment methods do you accept?", null],
  ["Combien de temps ai-je pour retourner un article ?", "duration"],
  ["¿Cuántos días tengo para reclamar?", "duration"],
  ["Wie lange habe ich Garantie auf das Thermostat?", "duration"],
  ["quanto ci mette il rimborso?", "duration"],
  ["hoe lang duurt een overboeking?", "duration"],
  ["Hur länge har jag på mig?", "duration"],
  ["jak długo trwa dostawa?", "duration"],
  ["Combien coûte la livraison ?", "price"],
  ["¿Cuánto cuesta el pase diario?", "price"],
  ["Was kostet Premium im Monat?", "price"],
  ["quanto custa o plano anual?", "price"],
  ["wat kost verzending naar België?", "price"],
  ["ile kosztuje ponowne doręczenie", "price"],
  ["kolik stojí doprava?", "price"],
  ["Comment retourner un article ?", null],
  ["¿Cuánto saldo me queda en la tarjeta regalo?", null],
] as const)("%s asks for %s", (question, type) => {
  expect(expectedAnswerType(question)).toBe(type);
});

test.each([
  ["How long do I have to return an item?", "duration"],
  ["How much does express shipping cost?", "price"],
  ["Is there a fee for exchanges?", null],
  ["Can I pay the monthly fee by card?", null],
  ["I missed the deadline, what now?", null],
] as const)("asked outright, %s asks for %s", (question, type) => {
  expect(expectedAnswerType(question, { outright: true })).toBe(type);
});

test.each([
  ["duration", "Vous avez 30 jours pour nous renvoyer un article.", true],
  ["duration", "Die Garantie gilt 2 Jahre ab Kaufdatum.", true],
  ["duration", "Du har 14 dagar på dig.", true],
  ["price", "Le forfait coûte 12,99 € par mois.", true],
  ["price", "Avgiften är 39 kr.", true],
  ["price", "Der Versand ist kostenlos.", true],
  ["price", "Wir versenden in 3 Länder.", false],
  ["duration", "Return most items within 60 days of delivery.", true],
  ["duration", "Banks take 3–10 business days.", true],
  ["duration", "Start your return in the Returns Center.", false],
  ["price", "Standard delivery costs $5.95.", true],
  ["price", "Returns within the United States are free.", true],
  ["price", "Print the label.", false],
] as const)("a %s stated: %s → %s", (type, sentence, states) => {
  expect(statesAnswerType(type, sentence)).toBe(states);
});

test("the words that only ask how long are not searched as a topic", () => {
  expect(withoutFactWords("How long does delivery take?")).toBe("how does delivery take?");
  expect(withoutFactWords("Combien de temps ai-je pour retourner un article ?")).toBe("Combien de ai-je pour retourner un article ?");
  expect(withoutFactWords("¿Cuánto tiempo es válido el código?")).toBe("¿Cuánto es válido el código?");
  expect(withoutFactWords("Wie lange gilt die Garantie?")).toBe("Wie gilt die Garantie?");
  expect(withoutFactWords("Wie viel Zeit bleibt mir?")).toBe("Wie viel Zeit bleibt mir?");
});
